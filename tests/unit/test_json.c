// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of a work item, a queue, and the rest: written from a filled
 * struct, read back by json-c, each key checked for its type and value.
 */
#include <string.h>

#include <json-c/json.h>

#include "check.h"
#include "demo.h"
#include "json.h"
#include "watch.h"

/* The document as a reader would get it: printed, then parsed. */
static struct json_object *round_trip(struct json_object *doc)
{
	struct json_object *back;

	back = json_tokener_parse(json_object_to_json_string(doc));
	json_object_put(doc);
	return back;
}

static struct json_object *get(struct json_object *o, const char *key,
			       enum json_type type)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v)) {
		fprintf(stderr, "missing key '%s'\n", key);
		return NULL;
	}
	if (json_object_get_type(v) != type) {
		fprintf(stderr, "key '%s': type %s\n", key,
			json_type_to_name(json_object_get_type(v)));
		return NULL;
	}
	return v;
}

static bool is_u64(struct json_object *o, const char *key, __u64 want)
{
	struct json_object *v = get(o, key, json_type_int);

	return v && json_object_get_uint64(v) == want;
}

static bool is_str(struct json_object *o, const char *key, const char *want)
{
	struct json_object *v = get(o, key, json_type_string);

	return v && !strcmp(json_object_get_string(v), want);
}

static bool is_bool(struct json_object *o, const char *key, bool want)
{
	struct json_object *v = get(o, key, json_type_boolean);

	return v && json_object_get_boolean(v) == want;
}

/* json-c holds null as a NULL value under a present key. */
static bool is_null(struct json_object *o, const char *key)
{
	struct json_object *v = o;

	return json_object_object_get_ex(o, key, &v) && !v;
}

static bool is_s64(struct json_object *o, const char *key, __s64 want)
{
	struct json_object *v = get(o, key, json_type_int);

	return v && json_object_get_int64(v) == want;
}

static bool is_stat(struct json_object *o, const char *key, __s64 min,
		    __s64 avg, __s64 max)
{
	struct json_object *s = get(o, key, json_type_object);

	return s && json_object_object_length(s) == 3 &&
	       is_s64(s, "min", min) && is_s64(s, "avg", avg) &&
	       is_s64(s, "max", max);
}

static void test_work(void)
{
	struct wqd_work_info w = {
		.id = 5,
		.queue_id = 16,
		.name = "tick",
		.flags = WQD_WF_DELAYED | WQD_WF_OWNED,
		.state = WQD_STATE_PENDING,
		.cpu = WQD_CPU_ANY,
		.count = 0,
		.last_cpu = 3,
		.runs = 12,
		.last_pid = 4242,
		.delay_ns = 0,
		.period_ns = 1000000000,
		.busy_ns = 5000,
		.sleep_ns = 6000,
		/* Past INT64_MAX: must stay an exact unsigned number. */
		.submit_ns = 0x8000000000000001ULL,
		.last_run_ns = 123456789,
		/* A timer that fired early makes lateness negative. */
		.lateness = { -1000, 2, 3 },
		.runtime = { 4, 5, 6 },
	};
	struct json_object *o = round_trip(jsonw_work(&w, "q1"));

	CHECK(o && json_object_get_type(o) == json_type_object);
	CHECK(is_u64(o, "id", 5));
	CHECK(is_str(o, "name", "tick"));
	CHECK(is_str(o, "queue", "q1"));
	CHECK(is_u64(o, "queue_id", 16));
	CHECK(is_str(o, "kind", "delayed"));
	CHECK(is_str(o, "state", "pending"));
	CHECK(is_u64(o, "runs", 12));
	CHECK(is_u64(o, "count", 0));
	CHECK(is_u64(o, "period_ns", 1000000000));
	CHECK(is_u64(o, "delay_ns", 0));
	CHECK(is_u64(o, "busy_ns", 5000));
	CHECK(is_u64(o, "sleep_ns", 6000));
	CHECK(is_null(o, "cpu"));
	CHECK(is_u64(o, "last_cpu", 3));
	CHECK(is_u64(o, "last_pid", 4242));
	CHECK(is_u64(o, "submit_ns", 0x8000000000000001ULL));
	CHECK(is_u64(o, "last_run_ns", 123456789));
	CHECK(is_stat(o, "lateness_ns", -1000, 2, 3));
	CHECK(is_stat(o, "runtime_ns", 4, 5, 6));
	CHECK(is_bool(o, "owned", true));
	CHECK(json_object_object_length(o) == 20);
	json_object_put(o);

	/* A plain item, before its first run, without a label or a queue. */
	memset(&w, 0, sizeof(w));
	w.id = 6;
	w.state = WQD_STATE_DONE;
	w.cpu = 1;
	w.last_cpu = WQD_CPU_ANY;
	o = round_trip(jsonw_work(&w, NULL));
	CHECK(is_null(o, "name"));
	CHECK(is_null(o, "queue"));
	CHECK(is_str(o, "kind", "work"));
	CHECK(is_str(o, "state", "done"));
	CHECK(is_u64(o, "cpu", 1));
	CHECK(is_null(o, "last_cpu"));
	CHECK(is_bool(o, "owned", false));
	json_object_put(o);
}

static void test_queue(void)
{
	struct wqd_queue_info q = {
		.id = 16,
		.name = "q1",
		.kind = WQD_KIND_ALLOC,
		.flags = WQD_QF_UNBOUND | WQD_QF_HIGHPRI,
		.max_active = 4,
		.items = 2,
		.running = 1,
		.max_running = 4,
		.queued = UINT64_MAX,
		.executed = 7,
		.cancelled = 8,
		.holders = 3,
	};
	struct json_object *o = round_trip(jsonw_queue(&q)), *flags;

	CHECK(o && json_object_get_type(o) == json_type_object);
	CHECK(is_u64(o, "id", 16));
	CHECK(is_str(o, "name", "q1"));
	CHECK(is_bool(o, "builtin", false));
	CHECK(is_str(o, "kind", "alloc"));
	flags = get(o, "flags", json_type_array);
	CHECK(flags && json_object_array_length(flags) == 2);
	CHECK(flags && !strcmp(json_object_get_string(
		json_object_array_get_idx(flags, 0)), "unbound"));
	CHECK(flags && !strcmp(json_object_get_string(
		json_object_array_get_idx(flags, 1)), "highpri"));
	CHECK(is_u64(o, "max_active", 4));
	CHECK(is_u64(o, "items", 2));
	CHECK(is_u64(o, "queued", UINT64_MAX));
	CHECK(is_u64(o, "executed", 7));
	CHECK(is_u64(o, "cancelled", 8));
	CHECK(is_u64(o, "running", 1));
	CHECK(is_u64(o, "max_running", 4));
	CHECK(is_u64(o, "holders", 3));
	CHECK(json_object_object_length(o) == 13);
	json_object_put(o);

	memset(&q, 0, sizeof(q));
	q.id = WQD_QUEUE_SYSTEM;
	strcpy(q.name, "system");
	q.kind = WQD_KIND_BUILTIN;
	o = round_trip(jsonw_queue(&q));
	CHECK(is_bool(o, "builtin", true));
	CHECK(is_str(o, "kind", "builtin"));
	flags = get(o, "flags", json_type_array);
	CHECK(flags && json_object_array_length(flags) == 0);
	json_object_put(o);
}

/* A list is an array of what show prints. */
static void test_lists(void)
{
	struct wqd_queue_info queues[2] = {
		{ .id = 1, .name = "system", .kind = WQD_KIND_BUILTIN },
		{ .id = 16, .name = "q1" },
	};
	struct wqd_work_info items[1] = { { .id = 9, .queue_id = 16 } };
	struct json_object *o;

	o = round_trip(jsonw_queues(queues, 2));
	CHECK(o && json_object_get_type(o) == json_type_array);
	CHECK(json_object_array_length(o) == 2);
	CHECK(is_str(json_object_array_get_idx(o, 1), "name", "q1"));
	json_object_put(o);

	o = round_trip(jsonw_works(items, 1, queues, 2));
	CHECK(o && json_object_array_length(o) == 1);
	CHECK(is_str(json_object_array_get_idx(o, 0), "queue", "q1"));
	json_object_put(o);

	o = round_trip(jsonw_queues(NULL, 0));
	CHECK(o && json_object_get_type(o) == json_type_array &&
	      json_object_array_length(o) == 0);
	json_object_put(o);
}

/* "info" carries the limits and the totals the tests sum up. */
static void test_info(void)
{
	struct wqd_info info = {
		.abi_version = 1,
		.hz = 250,
		.nr_cpu_ids = 4,
		.nr_online_cpus = 2,
		.features = WQD_FEAT_BH,
		.module_version = "0.1.0",
		.max_queues = 64,
		.max_items = 1024,
		.max_instances = 64,
		.max_payload_ns = 10000000000ULL,
		.max_period_ns = 3600000000000ULL,
		.nr_queues = 3,
		.nr_items = 5,
		.submitted = 6,
		.queued = 7,
		.executed = 8,
		.cancelled = 9,
		.max_holders = 256,
		.max_builtin_holders = 4,
		.nr_holders = 10,
	};
	struct json_object *o = round_trip(jsonw_info(&info)), *features;

	CHECK(is_u64(o, "abi_version", 1));
	CHECK(is_str(o, "module_version", "0.1.0"));
	CHECK(is_str(o, "wqctl_version", WQCTL_VERSION));
	CHECK(is_u64(o, "hz", 250));
	CHECK(is_u64(o, "nr_cpu_ids", 4));
	CHECK(is_u64(o, "nr_online_cpus", 2));
	features = get(o, "features", json_type_array);
	CHECK(features && json_object_array_length(features) == 1);
	CHECK(features && !strcmp(json_object_get_string(
		json_object_array_get_idx(features, 0)), "bh"));
	CHECK(is_u64(o, "max_queues", 64));
	CHECK(is_u64(o, "max_items", 1024));
	CHECK(is_u64(o, "max_instances", 64));
	CHECK(is_u64(o, "max_payload_ns", 10000000000ULL));
	CHECK(is_u64(o, "max_period_ns", 3600000000000ULL));
	CHECK(is_u64(o, "nr_queues", 3));
	CHECK(is_u64(o, "nr_items", 5));
	CHECK(is_u64(o, "submitted", 6));
	CHECK(is_u64(o, "queued", 7));
	CHECK(is_u64(o, "executed", 8));
	CHECK(is_u64(o, "cancelled", 9));
	CHECK(is_u64(o, "max_holders", 256));
	CHECK(is_u64(o, "max_builtin_holders", 4));
	CHECK(is_u64(o, "nr_holders", 10));
	json_object_put(o);

	o = round_trip(jsonw_stats(&info, NULL, 0, NULL));
	CHECK(is_u64(o, "nr_items", 5));
	CHECK(is_u64(o, "nr_holders", 10));
	CHECK(get(o, "queues", json_type_array));
	json_object_put(o);
}

static void test_ids(void)
{
	__u64 ids[2] = { 3, 4 };
	struct json_object *o = round_trip(jsonw_ids(ids, 2)), *arr;

	arr = get(o, "ids", json_type_array);
	CHECK(arr && json_object_array_length(arr) == 2);
	CHECK(arr && json_object_get_uint64(
		json_object_array_get_idx(arr, 1)) == 4);
	json_object_put(o);

	o = round_trip(jsonw_result(5, "pending", true));
	CHECK(is_u64(o, "id", 5) && is_bool(o, "pending", true));
	json_object_put(o);
}

/* A line of "events -j": a run, and a loss. */
static void test_event(void)
{
	struct wqd_event ev = {
		.type = WQD_EV_RUN,
		.flags = WQD_EVF_FIRST | WQD_EVF_DELAYED,
		.item_id = 7,
		.queue_id = 16,
		.cpu = 1,
		.pid = 42,
		.run = 0,
		.due_ns = 1000000,
		.start_ns = 999000,
		.end_ns = 1002000,
	};
	struct json_object *o = round_trip(jsonw_event(&ev, "b"));

	CHECK(is_u64(o, "item", 7));
	CHECK(is_str(o, "name", "b"));
	CHECK(is_u64(o, "queue", 16));
	CHECK(is_u64(o, "cpu", 1));
	CHECK(is_u64(o, "pid", 42));
	CHECK(is_u64(o, "run", 0));
	CHECK(is_u64(o, "time_ns", 999000));
	CHECK(is_u64(o, "due_ns", 1000000));
	/* Fired 1 us early. */
	CHECK(is_s64(o, "lateness_ns", -1000));
	CHECK(is_u64(o, "runtime_ns", 3000));
	CHECK(is_bool(o, "first", true));
	CHECK(is_bool(o, "last", false));
	CHECK(is_bool(o, "cancelled", false));
	CHECK(is_str(o, "kind", "delayed"));
	CHECK(json_object_object_length(o) == 14);
	json_object_put(o);

	ev.flags = WQD_EVF_LAST | WQD_EVF_CANCELLED;
	o = round_trip(jsonw_event(&ev, ""));
	CHECK(is_null(o, "name"));
	CHECK(is_bool(o, "first", false));
	CHECK(is_bool(o, "last", true));
	CHECK(is_bool(o, "cancelled", true));
	CHECK(is_str(o, "kind", "work"));
	json_object_put(o);

	memset(&ev, 0, sizeof(ev));
	ev.type = WQD_EV_DROPPED;
	ev.dropped = 17;
	o = round_trip(jsonw_event(&ev, NULL));
	CHECK(is_u64(o, "dropped", 17));
	CHECK(json_object_object_length(o) == 1);
	json_object_put(o);
}

/* One bucket of "hist": {"low", "high", "count"}, null for open ends. */
static bool is_bucket(struct json_object *arr, size_t i, bool low_null,
		      __u64 low, bool high_null, __u64 high, __u64 count)
{
	struct json_object *b = json_object_array_get_idx(arr, i);

	return b && json_object_object_length(b) == 3 &&
	       (low_null ? is_null(b, "low") : is_u64(b, "low", low)) &&
	       (high_null ? is_null(b, "high") : is_u64(b, "high", high)) &&
	       is_u64(b, "count", count);
}

/* "stats --hist -j": the buckets from the lowest to the highest used. */
static void test_hist(void)
{
	struct wqd_info info = { .executed = 6 };
	struct wqd_hist hist = { .queue_id = 16 };
	struct json_object *o, *h, *late, *rt;

	hist.lateness[0] = 1;
	hist.lateness[2] = 2;
	hist.runtime[11] = 3;
	hist.runtime[WQD_HIST_BUCKETS - 1] = 3;
	o = round_trip(jsonw_stats(&info, NULL, 0, &hist));
	h = get(o, "hist", json_type_object);
	CHECK(h && is_u64(h, "queue", 16));
	late = h ? get(h, "lateness_ns", json_type_array) : NULL;
	CHECK(late && json_object_array_length(late) == 3);
	CHECK(is_bucket(late, 0, true, 0, false, 0, 1));
	CHECK(is_bucket(late, 1, false, 1, false, 1, 0));
	CHECK(is_bucket(late, 2, false, 2, false, 3, 2));
	rt = h ? get(h, "runtime_ns", json_type_array) : NULL;
	CHECK(rt && json_object_array_length(rt) == WQD_HIST_BUCKETS - 11);
	CHECK(is_bucket(rt, 0, false, 1024, false, 2047, 3));
	CHECK(is_bucket(rt, WQD_HIST_BUCKETS - 12, false,
			1ULL << (WQD_HIST_BUCKETS - 2), true, 0, 3));
	json_object_put(o);

	/* All queues, nothing ran: null queue, empty arrays. */
	memset(&hist, 0, sizeof(hist));
	o = round_trip(jsonw_stats(&info, NULL, 0, &hist));
	h = get(o, "hist", json_type_object);
	CHECK(h && is_null(h, "queue"));
	late = h ? get(h, "lateness_ns", json_type_array) : NULL;
	CHECK(late && json_object_array_length(late) == 0);
	json_object_put(o);

	/* Without --hist: no "hist" at all. */
	o = round_trip(jsonw_stats(&info, NULL, 0, NULL));
	CHECK(!json_object_object_get_ex(o, "hist", NULL));
	json_object_put(o);
}

/*
 * "stats --hist --item ITEM -j": the same document and the same "hist",
 * with "item": its id in the place of "queue".
 */
static void test_item_hist(void)
{
	struct wqd_queue_info queues[1] = { { .id = 1, .name = "system" } };
	struct wqd_info info = { .executed = 7 };
	struct wqd_hist hist = { .item_id = 42 };
	struct json_object *o, *h, *late, *rt;

	hist.lateness[0] = 2;
	hist.lateness[20] = 5;
	hist.runtime[10] = 7;
	o = round_trip(jsonw_stats(&info, queues, 1, &hist));
	CHECK(is_u64(o, "executed", 7));
	CHECK(get(o, "queues", json_type_array));
	h = get(o, "hist", json_type_object);
	CHECK(h && is_u64(h, "item", 42));
	CHECK(h && !json_object_object_get_ex(h, "queue", NULL));
	CHECK(h && json_object_object_length(h) == 3);
	late = h ? get(h, "lateness_ns", json_type_array) : NULL;
	CHECK(late && json_object_array_length(late) == 21);
	CHECK(is_bucket(late, 0, true, 0, false, 0, 2));
	CHECK(is_bucket(late, 1, false, 1, false, 1, 0));
	CHECK(is_bucket(late, 20, false, 1ULL << 19, false, (1ULL << 20) - 1, 5));
	rt = h ? get(h, "runtime_ns", json_type_array) : NULL;
	CHECK(rt && json_object_array_length(rt) == 1);
	CHECK(is_bucket(rt, 0, false, 512, false, 1023, 7));
	json_object_put(o);

	/* An item that has not run yet: empty arrays, still its id. */
	memset(&hist, 0, sizeof(hist));
	hist.item_id = 43;
	o = round_trip(jsonw_stats(&info, queues, 1, &hist));
	h = get(o, "hist", json_type_object);
	CHECK(h && is_u64(h, "item", 43));
	CHECK(h && !json_object_object_get_ex(h, "queue", NULL));
	late = h ? get(h, "lateness_ns", json_type_array) : NULL;
	CHECK(late && json_object_array_length(late) == 0);
	rt = h ? get(h, "runtime_ns", json_type_array) : NULL;
	CHECK(rt && json_object_array_length(rt) == 0);
	json_object_put(o);

	/* A queue's has "queue" and no "item". */
	memset(&hist, 0, sizeof(hist));
	hist.queue_id = 16;
	o = round_trip(jsonw_stats(&info, queues, 1, &hist));
	h = get(o, "hist", json_type_object);
	CHECK(h && is_u64(h, "queue", 16));
	CHECK(h && !json_object_object_get_ex(h, "item", NULL));
	json_object_put(o);
}

/* "watch -j": one document per refresh; no rates in the first. */
static void test_watch(void)
{
	struct wqd_queue_info queues[1] = { { .id = 1, .name = "system" } };
	struct wqd_work_info items[1] = { { .id = 5, .queue_id = 1 } };
	double queue_rates[1] = { 2.5 }, item_rates[1] = { 1 };
	struct watch_view v = {
		.time_ns = 77,
		.interval_ns = 1000000000,
		.queues = queues,
		.nr_queues = 1,
		.items = items,
		.nr_items = 1,
	};
	struct json_object *o, *arr, *e;

	o = round_trip(jsonw_watch(&v));
	CHECK(is_u64(o, "time_ns", 77));
	CHECK(is_u64(o, "interval_ns", 1000000000));
	arr = get(o, "queues", json_type_array);
	e = arr ? json_object_array_get_idx(arr, 0) : NULL;
	CHECK(e && is_str(e, "name", "system") && is_null(e, "runs_per_s"));
	arr = get(o, "items", json_type_array);
	e = arr ? json_object_array_get_idx(arr, 0) : NULL;
	CHECK(e && is_str(e, "queue", "system") && is_null(e, "runs_per_s"));
	json_object_put(o);

	v.queue_rates = queue_rates;
	v.item_rates = item_rates;
	o = round_trip(jsonw_watch(&v));
	arr = get(o, "queues", json_type_array);
	e = arr ? json_object_array_get_idx(arr, 0) : NULL;
	CHECK(e && json_object_get_double(json_object_object_get(e, "runs_per_s")) == 2.5);
	arr = get(o, "items", json_type_array);
	e = arr ? json_object_array_get_idx(arr, 0) : NULL;
	CHECK(e && json_object_get_double(json_object_object_get(e, "runs_per_s")) == 1);
	json_object_put(o);
}

/* The last line of "demo -j". */
static void test_demo_summary(void)
{
	struct demo_task tasks[2] = {
		{ .name = "a", .queue = "system", .id = 3,
		  .info = { .runs = 12, .lateness = { 1, 2, 3 } } },
		{ .name = "d", .queue = "demo", .flags = WQD_WF_DELAYED,
		  .id = 6 },
	};
	struct json_object *o, *s, *arr, *t;
	struct demo_summary sum;
	struct wqd_event ev = { .run = 0, .start_ns = 1000 };

	tally_add(&tasks[0].tally, &ev);
	ev.run = 11;
	ev.start_ns = 1000 + 11 * 1024000000ULL;
	tally_add(&tasks[0].tally, &ev);
	demo_summarize(&sum, tasks, 2, 250, 1000000000);
	o = round_trip(jsonw_demo_summary(&sum));
	s = get(o, "summary", json_type_object);
	CHECK(s && is_u64(s, "hz", 250));
	CHECK(s && is_u64(s, "wheel_period_ns", 1024000000));
	arr = s ? get(s, "tasks", json_type_array) : NULL;
	CHECK(arr && json_object_array_length(arr) == 2);
	t = arr ? json_object_array_get_idx(arr, 0) : NULL;
	CHECK(t && is_str(t, "name", "a") && is_u64(t, "item", 3));
	CHECK(t && is_str(t, "kind", "work") && is_str(t, "queue", "system"));
	CHECK(t && is_u64(t, "runs", 12));
	CHECK(t && is_u64(t, "mean_period_ns", 1024000000));
	CHECK(t && is_stat(t, "lateness_ns", 1, 2, 3));
	t = arr ? json_object_array_get_idx(arr, 1) : NULL;
	CHECK(t && is_str(t, "kind", "delayed") && is_str(t, "queue", "demo"));
	CHECK(t && is_null(t, "mean_period_ns"));
	json_object_put(o);
}

int main(void)
{
	test_work();
	test_queue();
	test_lists();
	test_info();
	test_ids();
	test_event();
	test_hist();
	test_item_hist();
	test_watch();
	test_demo_summary();
	return check_done();
}
