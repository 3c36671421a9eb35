// SPDX-License-Identifier: GPL-2.0
/*
 * Output for humans. Lists are aligned tables with a header, one object
 * is "key: value" lines; durations carry units, states and kinds are
 * words, and "none" or "not yet" is "-" rather than a raw sentinel.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dur.h"
#include "fmt.h"

/* Wide enough for a name, and for every queue flag joined by commas. */
#define CELL_LEN	96
#define MAX_COLS	16
#define KEY_WIDTH	16

struct table {
	size_t cols;
	size_t n;
	size_t cap;
	char (*cells)[CELL_LEN];
	int err;	/* sticky: the first failure, reported at print */
};

static void cell(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	void *grown;

	if (t->err)
		return;
	if (t->n == t->cap) {
		grown = realloc(t->cells, (t->cap + 64) * sizeof(*t->cells));
		if (!grown) {
			t->err = -ENOMEM;
			return;
		}
		t->cells = grown;
		t->cap += 64;
	}
	va_start(ap, fmt);
	vsnprintf(t->cells[t->n++], CELL_LEN, fmt, ap);
	va_end(ap);
}

/* The header row fixes the number of columns. */
static void table_init(struct table *t, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	for (; *header; header++, t->cols++)
		cell(t, "%s", *header);
}

/* Print, two spaces between columns, none after the last; then free. */
static int table_print(FILE *f, struct table *t)
{
	size_t width[MAX_COLS] = { 0 };
	size_t i, c;
	int ret = t->err;

	if (ret)
		goto out;
	for (i = 0; i < t->n; i++) {
		c = i % t->cols;
		if (strlen(t->cells[i]) > width[c])
			width[c] = strlen(t->cells[i]);
	}
	for (i = 0; i < t->n; i++) {
		c = i % t->cols;
		if (c == t->cols - 1)
			fprintf(f, "%s\n", t->cells[i]);
		else
			fprintf(f, "%-*s  ", (int)width[c], t->cells[i]);
	}
out:
	free(t->cells);
	return ret;
}

static void kv(FILE *f, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void kv(FILE *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "%s:%*s", key, (int)(KEY_WIDTH - strlen(key)), "");
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

/* Flag bits as "unbound,highpri", or "-" for none. */
static const char *words(char buf[CELL_LEN], __u64 bits,
			 const char *(*name)(unsigned int bit))
{
	unsigned int bit;
	size_t len = 0;

	strcpy(buf, "-");
	for (bit = 0; bit < 64; bit++) {
		if (!(bits & (1ULL << bit)))
			continue;
		len += snprintf(buf + len, CELL_LEN - len, "%s%s",
				len ? "," : "", name(bit));
		if (len >= CELL_LEN)
			break;
	}
	return buf;
}

static const char *max_active(char buf[CELL_LEN], __u32 n)
{
	if (!n)
		return "default";
	snprintf(buf, CELL_LEN, "%u", n);
	return buf;
}

int fmt_info(FILE *f, const struct wqd_info *info)
{
	char d[DUR_FMT_LEN], w[CELL_LEN];

	kv(f, "abi version", "%u", info->abi_version);
	kv(f, "module version", "%s", info->module_version);
	kv(f, "wqctl version", "%s", WQCTL_VERSION);
	kv(f, "hz", "%u", info->hz);
	kv(f, "cpus", "%u online, ids 0-%u",
	   info->nr_online_cpus, info->nr_cpu_ids - 1);
	kv(f, "features", "%s", words(w, info->features, wqd_feature_name));
	kv(f, "max queues", "%u", info->max_queues);
	kv(f, "max items", "%u", info->max_items);
	kv(f, "max instances", "%u", info->max_instances);
	kv(f, "max payload", "%s", dur_format(d, info->max_payload_ns));
	kv(f, "max period", "%s", dur_format(d, info->max_period_ns));
	return 0;
}

int fmt_stats(FILE *f, const struct wqd_info *info,
	      const struct wqd_queue_info *queues, size_t n)
{
	static const char *const header[] = {
		"ID", "NAME", "ITEMS", "QUEUED", "EXECUTED", "CANCELLED",
		"RUNNING", "MAX_RUNNING", NULL
	};
	const struct wqd_queue_info *q;
	struct table t;

	kv(f, "user queues", "%u", info->nr_queues);
	kv(f, "items", "%u", info->nr_items);
	kv(f, "submitted", "%llu", info->submitted);
	kv(f, "queued", "%llu", info->queued);
	kv(f, "executed", "%llu", info->executed);
	kv(f, "cancelled", "%llu", info->cancelled);
	fputc('\n', f);

	table_init(&t, header);
	for (q = queues; q < queues + n; q++) {
		cell(&t, "%llu", q->id);
		cell(&t, "%s", q->name);
		cell(&t, "%u", q->items);
		cell(&t, "%llu", q->queued);
		cell(&t, "%llu", q->executed);
		cell(&t, "%llu", q->cancelled);
		cell(&t, "%u", q->running);
		cell(&t, "%u", q->max_running);
	}
	return table_print(f, &t);
}

int fmt_queue(FILE *f, const struct wqd_queue_info *queue)
{
	char w[CELL_LEN];

	kv(f, "id", "%llu", queue->id);
	kv(f, "name", "%s", queue->name);
	kv(f, "kind", "%s", wqd_kind_name(queue->kind));
	kv(f, "flags", "%s", words(w, queue->flags, wqd_queue_flag_name));
	kv(f, "max active", "%s", max_active(w, queue->max_active));
	kv(f, "items", "%u", queue->items);
	kv(f, "queued", "%llu", queue->queued);
	kv(f, "executed", "%llu", queue->executed);
	kv(f, "cancelled", "%llu", queue->cancelled);
	kv(f, "running", "%u", queue->running);
	kv(f, "max running", "%u", queue->max_running);
	return 0;
}

int fmt_queues(FILE *f, const struct wqd_queue_info *queues, size_t n)
{
	static const char *const header[] = {
		"ID", "NAME", "KIND", "FLAGS", "MAX_ACTIVE", "ITEMS", "QUEUED",
		"EXECUTED", "CANCELLED", "RUNNING", "MAX_RUNNING", NULL
	};
	const struct wqd_queue_info *q;
	char w[CELL_LEN];
	struct table t;

	table_init(&t, header);
	for (q = queues; q < queues + n; q++) {
		cell(&t, "%llu", q->id);
		cell(&t, "%s", q->name);
		cell(&t, "%s", wqd_kind_name(q->kind));
		cell(&t, "%s", words(w, q->flags, wqd_queue_flag_name));
		cell(&t, "%s", max_active(w, q->max_active));
		cell(&t, "%u", q->items);
		cell(&t, "%llu", q->queued);
		cell(&t, "%llu", q->executed);
		cell(&t, "%llu", q->cancelled);
		cell(&t, "%u", q->running);
		cell(&t, "%u", q->max_running);
	}
	return table_print(f, &t);
}

static const char *kind(const struct wqd_work_info *item)
{
	return item->flags & WQD_WF_DELAYED ? "delayed" : "work";
}

/* A CPU number, or @none for WQD_CPU_ANY. */
static const char *cpu(char buf[CELL_LEN], __u32 n, const char *none)
{
	if (n == WQD_CPU_ANY)
		return none;
	snprintf(buf, CELL_LEN, "%u", n);
	return buf;
}

/* How long ago a CLOCK_MONOTONIC time was, "-" for 0 (never). */
static const char *ago(char buf[CELL_LEN], __u64 t, __u64 now)
{
	char d[DUR_FMT_LEN];

	if (!t)
		return "-";
	snprintf(buf, CELL_LEN, "%s ago", dur_format(d, now > t ? now - t : 0));
	return buf;
}

static const char *stat_line(char buf[CELL_LEN], const struct wqd_stat *s,
			     __u32 runs)
{
	char min[DUR_FMT_LEN], avg[DUR_FMT_LEN], max[DUR_FMT_LEN];

	if (!runs)
		return "-";
	snprintf(buf, CELL_LEN, "min %s, avg %s, max %s",
		 dur_format_signed(min, s->min),
		 dur_format_signed(avg, s->avg),
		 dur_format_signed(max, s->max));
	return buf;
}

/**
 * fmt_work() - one item, as "work show" prints it
 * @f: where to
 * @item: the item
 * @queue: its queue's name, NULL when that queue is gone
 * @now_ns: CLOCK_MONOTONIC now, to say how long ago things happened
 *
 * Return: 0.
 */
int fmt_work(FILE *f, const struct wqd_work_info *item, const char *queue,
	     __u64 now_ns)
{
	char d[DUR_FMT_LEN], w[CELL_LEN];

	kv(f, "id", "%llu", item->id);
	kv(f, "name", "%s", item->name[0] ? item->name : "-");
	kv(f, "queue", "%s (id %llu)", queue ? queue : "-",
	   item->queue_id);
	kv(f, "kind", "%s", kind(item));
	kv(f, "state", "%s", wqd_state_name(item->state));
	if (item->count)
		kv(f, "runs", "%u of %u", item->runs,
		   item->count);
	else
		kv(f, "runs", "%u (until cancelled)", item->runs);
	kv(f, "period", "%s", dur_format(d, item->period_ns));
	if (item->flags & WQD_WF_DELAYED)
		kv(f, "delay", "%s", dur_format(d, item->delay_ns));
	kv(f, "busy", "%s", dur_format(d, item->busy_ns));
	kv(f, "sleep", "%s", dur_format(d, item->sleep_ns));
	kv(f, "cpu", "%s", cpu(w, item->cpu, "any"));
	kv(f, "last cpu", "%s", cpu(w, item->last_cpu, "-"));
	if (item->last_pid)
		kv(f, "last pid", "%u", item->last_pid);
	else
		kv(f, "last pid", "-");
	kv(f, "submitted", "%s", ago(w, item->submit_ns, now_ns));
	kv(f, "last run", "%s", ago(w, item->last_run_ns, now_ns));
	kv(f, "lateness", "%s", stat_line(w, &item->lateness, item->runs));
	kv(f, "runtime", "%s", stat_line(w, &item->runtime, item->runs));
	kv(f, "owned", "%s", item->flags & WQD_WF_OWNED ? "yes" : "no");
	return 0;
}

int fmt_works(FILE *f, const struct wqd_work_info *items, size_t n,
	      const struct wqd_queue_info *queues, size_t nr_queues)
{
	static const char *const header[] = {
		"ID", "NAME", "QUEUE", "KIND", "STATE", "RUNS", "PERIOD",
		"CPU", "LAST_CPU", "AVG_LATENESS", "AVG_RUNTIME", NULL
	};
	const struct wqd_work_info *w;
	char d[DUR_FMT_LEN], c[CELL_LEN];
	const char *queue;
	struct table t;

	table_init(&t, header);
	for (w = items; w < items + n; w++) {
		queue = wqd_queue_name(queues, nr_queues, w->queue_id);
		cell(&t, "%llu", w->id);
		cell(&t, "%s", w->name[0] ? w->name : "-");
		cell(&t, "%s", queue ? queue : "-");
		cell(&t, "%s", kind(w));
		cell(&t, "%s", wqd_state_name(w->state));
		if (w->count)
			cell(&t, "%u/%u", w->runs, w->count);
		else
			cell(&t, "%u/-", w->runs);
		cell(&t, "%s", dur_format(d, w->period_ns));
		cell(&t, "%s", cpu(c, w->cpu, "any"));
		cell(&t, "%s", cpu(c, w->last_cpu, "-"));
		cell(&t, "%s",
		     w->runs ? dur_format_signed(d, w->lateness.avg) : "-");
		cell(&t, "%s",
		     w->runs ? dur_format_signed(d, w->runtime.avg) : "-");
	}
	return table_print(f, &t);
}
