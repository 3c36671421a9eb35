// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer, on json-c. Field names are snake_case and stable (the
 * contract promises them to scripts), numbers are numbers, durations and
 * times are nanoseconds, and "not yet" or "none" is null rather than a
 * magic number such as WQD_CPU_ANY.
 *
 * json-c turns a NULL value into null, so a failed allocation deep in a
 * document cannot crash; jsonw_emit() catches the top-level one.
 */
#include <errno.h>
#include <stdio.h>

#include <json-c/json.h>

#include "demo.h"
#include "hist.h"
#include "json.h"
#include "opts.h"
#include "watch.h"

static void add(struct json_object *obj, const char *key,
		struct json_object *val)
{
	json_object_object_add(obj, key, val);
}

static void add_u64(struct json_object *obj, const char *key, __u64 v)
{
	add(obj, key, json_object_new_uint64(v));
}

static void add_str(struct json_object *obj, const char *key, const char *s)
{
	add(obj, key, s ? json_object_new_string(s) : NULL);
}

/* A CPU number, or null for WQD_CPU_ANY ("any" asked, or "never ran"). */
static void add_cpu(struct json_object *obj, const char *key, __u32 cpu)
{
	add(obj, key, cpu == WQD_CPU_ANY ? NULL : json_object_new_uint64(cpu));
}

/* Signed: a timer may fire up to a jiffy early, so lateness can be < 0. */
static void add_stat(struct json_object *obj, const char *key,
		     const struct wqd_stat *stat)
{
	struct json_object *o = json_object_new_object();

	add(o, "min", json_object_new_int64(stat->min));
	add(o, "avg", json_object_new_int64(stat->avg));
	add(o, "max", json_object_new_int64(stat->max));
	add(obj, key, o);
}

/* The module's counters, in "info" and in "stats". */
static void add_totals(struct json_object *o, const struct wqd_info *info)
{
	add_u64(o, "nr_queues", info->nr_queues);
	add_u64(o, "nr_items", info->nr_items);
	add_u64(o, "submitted", info->submitted);
	add_u64(o, "queued", info->queued);
	add_u64(o, "executed", info->executed);
	add_u64(o, "cancelled", info->cancelled);
	add_u64(o, "nr_holders", info->nr_holders);
}

/* Flag bits as an array of words: ["unbound", "highpri"]. */
static struct json_object *words(__u64 bits,
				 const char *(*name)(unsigned int bit))
{
	struct json_object *arr = json_object_new_array();
	unsigned int bit;

	for (bit = 0; bit < 64; bit++)
		if (bits & (1ULL << bit))
			json_object_array_add(arr,
					      json_object_new_string(name(bit)));
	return arr;
}

/**
 * jsonw_queue() - a queue, as "queue show" prints it
 * @queue: the queue
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_queue(const struct wqd_queue_info *queue)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "id", queue->id);
	add_str(o, "name", queue->name);
	add(o, "builtin",
	    json_object_new_boolean(queue->kind == WQD_KIND_BUILTIN));
	add_str(o, "kind", libwqd_kind_name(queue->kind));
	add(o, "flags", words(queue->flags, libwqd_queue_flag_name));
	add_u64(o, "max_active", queue->max_active);
	add_u64(o, "items", queue->items);
	add_u64(o, "queued", queue->queued);
	add_u64(o, "executed", queue->executed);
	add_u64(o, "cancelled", queue->cancelled);
	add_u64(o, "running", queue->running);
	add_u64(o, "max_running", queue->max_running);
	add_u64(o, "holders", queue->holders);
	return o;
}

/* "queue list": an array of what "queue show" prints. */
struct json_object *jsonw_queues(const struct wqd_queue_info *queues, size_t n)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(arr, jsonw_queue(&queues[i]));
	return arr;
}

/**
 * jsonw_work() - an item, as "work show" prints it
 * @item: the item
 * @queue: its queue's name, NULL when that queue is gone
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_work(const struct wqd_work_info *item,
			       const char *queue)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "id", item->id);
	add_str(o, "name", item->name[0] ? item->name : NULL);
	add_str(o, "queue", queue);
	add_u64(o, "queue_id", item->queue_id);
	add_str(o, "kind", item->flags & WQD_WF_DELAYED ? "delayed" : "work");
	add_str(o, "state", libwqd_state_name(item->state));
	add_u64(o, "runs", item->runs);
	add_u64(o, "count", item->count);
	add_u64(o, "period_ns", item->period_ns);
	add_u64(o, "delay_ns", item->delay_ns);
	add_u64(o, "busy_ns", item->busy_ns);
	add_u64(o, "sleep_ns", item->sleep_ns);
	add_cpu(o, "cpu", item->cpu);
	add_cpu(o, "last_cpu", item->last_cpu);
	add_u64(o, "last_pid", item->last_pid);
	add_u64(o, "submit_ns", item->submit_ns);
	add_u64(o, "last_run_ns", item->last_run_ns);
	add_stat(o, "lateness_ns", &item->lateness);
	add_stat(o, "runtime_ns", &item->runtime);
	add(o, "owned", json_object_new_boolean(item->flags & WQD_WF_OWNED));
	return o;
}

/* "work list": an array of what "work show" prints. */
struct json_object *jsonw_works(const struct wqd_work_info *items, size_t n,
				const struct wqd_queue_info *queues,
				size_t nr_queues)
{
	struct json_object *arr = json_object_new_array();
	const char *queue;
	size_t i;

	for (i = 0; i < n; i++) {
		queue = libwqd_queue_name(queues, nr_queues, items[i].queue_id);
		json_object_array_add(arr, jsonw_work(&items[i], queue));
	}
	return arr;
}

/* "info": the module, this program, the limits in force, the totals. */
struct json_object *jsonw_info(const struct wqd_info *info)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "abi_version", info->abi_version);
	add_str(o, "module_version", info->module_version);
	add_str(o, "wqctl_version", WQCTL_VERSION);
	add_u64(o, "hz", info->hz);
	add_u64(o, "nr_cpu_ids", info->nr_cpu_ids);
	add_u64(o, "nr_online_cpus", info->nr_online_cpus);
	add(o, "features", words(info->features, libwqd_feature_name));
	add_u64(o, "max_queues", info->max_queues);
	add_u64(o, "max_items", info->max_items);
	add_u64(o, "max_instances", info->max_instances);
	add_u64(o, "max_payload_ns", info->max_payload_ns);
	add_u64(o, "max_period_ns", info->max_period_ns);
	add_u64(o, "max_holders", info->max_holders);
	add_u64(o, "max_builtin_holders", info->max_builtin_holders);
	add_totals(o, info);
	return o;
}

/*
 * A histogram as [{"low": 1024, "high": 2047, "count": 3}, ...]: the
 * buckets from the lowest non-empty one to the highest, bounds inclusive
 * and in ns; null for an open end (bucket 0 of lateness, which holds
 * everything up to 0, and the last bucket).
 */
static struct json_object *hist_buckets(const __u64 *buckets, bool negative)
{
	struct json_object *arr = json_object_new_array(), *b;
	unsigned int first, last, i;

	if (!hist_range(buckets, &first, &last))
		return arr;
	for (i = first; i <= last; i++) {
		b = json_object_new_object();
		add(b, "low", !i && negative ? NULL :
			      json_object_new_uint64(hist_low(i)));
		add(b, "high", hist_bounded(i) ?
			       json_object_new_uint64(hist_high(i)) : NULL);
		add_u64(b, "count", buckets[i]);
		json_object_array_add(arr, b);
	}
	return arr;
}

/*
 * "stats --hist": {"queue": id or null for all, "lateness_ns": [...],
 * "runtime_ns": [...]}; an item's (stats --hist --item) has "item": id
 * in the place of "queue".
 */
static struct json_object *hist_doc(const struct wqd_hist *hist)
{
	struct json_object *o = json_object_new_object();

	if (hist->item_id)
		add_u64(o, "item", hist->item_id);
	else
		add(o, "queue", hist->queue_id ?
				json_object_new_uint64(hist->queue_id) : NULL);
	add(o, "lateness_ns", hist_buckets(hist->lateness, true));
	add(o, "runtime_ns", hist_buckets(hist->runtime, false));
	return o;
}

/**
 * jsonw_stats() - "stats": the module's totals, and queues' counters
 * @info: the totals
 * @queues: every queue, or the one --queue names
 * @n: their number
 * @hist: with --hist: the histograms (a queue's, all queues', or with
 *	@hist->item_id an item's), under "hist"; NULL without
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_stats(const struct wqd_info *info,
				const struct wqd_queue_info *queues, size_t n,
				const struct wqd_hist *hist)
{
	struct json_object *o = json_object_new_object();

	add_totals(o, info);
	add(o, "queues", jsonw_queues(queues, n));
	if (hist)
		add(o, "hist", hist_doc(hist));
	return o;
}

/**
 * jsonw_event() - one record of an event stream, a line of "events -j"
 * @ev: the record
 * @label: its item's label, NULL or "" for none
 *
 * A run: {"item", "name", "queue", "cpu", "pid", "run", "time_ns" (its
 * start), "due_ns", "lateness_ns" (start - due, signed), "runtime_ns",
 * "first", "last", "cancelled", "kind"}. A loss: {"dropped": N}.
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_event(const struct wqd_event *ev, const char *label)
{
	struct json_object *o = json_object_new_object();

	if (ev->type == WQD_EV_DROPPED) {
		add_u64(o, "dropped", ev->dropped);
		return o;
	}
	add_u64(o, "item", ev->item_id);
	add_str(o, "name", label && *label ? label : NULL);
	add_u64(o, "queue", ev->queue_id);
	add_u64(o, "cpu", ev->cpu);
	add_u64(o, "pid", ev->pid);
	add_u64(o, "run", ev->run);
	add_u64(o, "time_ns", ev->start_ns);
	add_u64(o, "due_ns", ev->due_ns);
	add(o, "lateness_ns",
	    json_object_new_int64((__s64)(ev->start_ns - ev->due_ns)));
	add_u64(o, "runtime_ns", ev->end_ns - ev->start_ns);
	add(o, "first", json_object_new_boolean(ev->flags & WQD_EVF_FIRST));
	add(o, "last", json_object_new_boolean(ev->flags & WQD_EVF_LAST));
	add(o, "cancelled",
	    json_object_new_boolean(ev->flags & WQD_EVF_CANCELLED));
	add_str(o, "kind", ev->flags & WQD_EVF_DELAYED ? "delayed" : "work");
	return o;
}

/* A rate as a number with two decimals, or null when there is none yet. */
static void add_rate(struct json_object *obj, const double *rates, size_t i)
{
	char text[32];

	if (!rates) {
		add(obj, "runs_per_s", NULL);
		return;
	}
	snprintf(text, sizeof(text), "%.2f", rates[i]);
	add(obj, "runs_per_s", json_object_new_double_s(rates[i], text));
}

/**
 * jsonw_watch() - one refresh of "watch -j", a line of its output
 * @v: the refresh
 *
 * {"time_ns", "interval_ns", "queues": [what "queue show" prints, and
 * "runs_per_s"], "items": [what "work show" prints, and "runs_per_s"]};
 * the rates are null in the first refresh.
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_watch(const struct watch_view *v)
{
	struct json_object *o = json_object_new_object();
	struct json_object *queues = json_object_new_array();
	struct json_object *items = json_object_new_array();
	struct json_object *e;
	size_t i;

	add_u64(o, "time_ns", v->time_ns);
	add_u64(o, "interval_ns", v->interval_ns);
	for (i = 0; i < v->nr_queues; i++) {
		e = jsonw_queue(&v->queues[i]);
		add_rate(e, v->queue_rates, i);
		json_object_array_add(queues, e);
	}
	for (i = 0; i < v->nr_items; i++) {
		e = jsonw_work(&v->items[i],
			       libwqd_queue_name(v->queues, v->nr_queues,
						 v->items[i].queue_id));
		add_rate(e, v->item_rates, i);
		json_object_array_add(items, e);
	}
	add(o, "queues", queues);
	add(o, "items", items);
	return o;
}

/**
 * jsonw_demo_summary() - the last line of "demo -j"
 * @s: the summary
 *
 * {"summary": {"hz", "wheel_period_ns" (the period the timer wheel makes
 * of 1 s, null when HZ is unknown), "tasks": [{"name", "item", "kind",
 * "queue" (its name), "runs", "mean_period_ns" (null before two runs),
 * "lateness_ns": {"min", "avg", "max"}}]}}
 *
 * Return: a new object (the caller owns it), or NULL.
 */
struct json_object *jsonw_demo_summary(const struct demo_summary *s)
{
	struct json_object *o = json_object_new_object();
	struct json_object *sum = json_object_new_object();
	struct json_object *tasks = json_object_new_array(), *t;
	const struct demo_task *task;
	__u64 period;

	add_u64(sum, "hz", s->hz);
	add(sum, "wheel_period_ns",
	    s->wheel_ns ? json_object_new_uint64(s->wheel_ns) : NULL);
	for (task = s->tasks; task < s->tasks + s->n; task++) {
		t = json_object_new_object();
		add_str(t, "name", task->name);
		add_u64(t, "item", task->id);
		add_str(t, "kind",
			task->flags & WQD_WF_DELAYED ? "delayed" : "work");
		add_str(t, "queue", task->queue);
		add_u64(t, "runs", task->info.runs);
		add(t, "mean_period_ns",
		    tally_period(&task->tally, &period) ?
		    json_object_new_uint64(period) : NULL);
		add_stat(t, "lateness_ns", &task->info.lateness);
		json_object_array_add(tasks, t);
	}
	add(sum, "tasks", tasks);
	add(o, "summary", sum);
	return o;
}

/* What "queue create" and the queue commands print: {"id": N}. */
struct json_object *jsonw_id(__u64 id)
{
	struct json_object *o = json_object_new_object();

	add_u64(o, "id", id);
	return o;
}

/* What "work submit" prints: {"ids": [N, ...]}. */
struct json_object *jsonw_ids(const __u64 *ids, size_t n)
{
	struct json_object *o = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_uint64(ids[i]));
	add(o, "ids", arr);
	return o;
}

/* What a command with nothing to say prints: {}. */
struct json_object *jsonw_empty(void)
{
	return json_object_new_object();
}

/* The answer of a call on one item: {"id": 5, "pending": true}. */
struct json_object *jsonw_result(__u64 id, const char *key, bool value)
{
	struct json_object *o = jsonw_id(id);

	add(o, key, json_object_new_boolean(value));
	return o;
}

/**
 * jsonw_emit() - print a document on stdout and free it
 * @doc: the document; NULL means building it ran out of memory
 *
 * Return: 0, or -ENOMEM.
 */
int jsonw_emit(struct json_object *doc)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text;
	int ret = -ENOMEM;

	if (!doc)
		goto out;
	flags |= wqctl_opts.pretty ?
		 JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
		 JSON_C_TO_STRING_PLAIN;
	text = json_object_to_json_string_ext(doc, flags);
	if (!text)
		goto out;
	puts(text);
	ret = 0;
out:
	json_object_put(doc);
	return ret;
}

/* {"error": "..."}: in JSON mode even a failure is one document. */
void jsonw_error(const char *msg)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "error", msg);
	jsonw_emit(o);
}
