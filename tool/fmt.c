// SPDX-License-Identifier: GPL-2.0
/*
 * Output for humans. Lists are aligned tables with a header, one object
 * is "key: value" lines; durations carry units, states and kinds are
 * words, and "none" or "not yet" is "-" rather than a raw sentinel. On a
 * terminal, table headers are bold and states have colours; alignment
 * counts the text, never the escape sequences.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "dur.h"
#include "fmt.h"
#include "watch.h"

/* Wide enough for a name, and for every queue flag joined by commas. */
#define CELL_LEN	96
#define MAX_COLS	16
#define KEY_WIDTH	16

/* SGR parameters: the looks of the things that have one. */
#define SGR_HEADER	"1"
#define SGR_MAX		16

bool fmt_color;

/**
 * fmt_color_wanted() - colour or not, the no-color.org way
 * @tty: stdout is a terminal
 * @no_color: getenv("NO_COLOR"): set, to any value (even ""), means no
 * @term: getenv("TERM"): a "dumb" terminal gets none either
 *
 * Return: true for colour.
 */
bool fmt_color_wanted(bool tty, const char *no_color, const char *term)
{
	return tty && !no_color && !(term && !strcmp(term, "dumb"));
}

/* The colour of an item's state: what needs an eye stands out. */
static const char *state_sgr(__u32 state)
{
	switch (state) {
	case WQD_STATE_PENDING:
		return "33";	/* yellow */
	case WQD_STATE_RUNNING:
		return "1;32";	/* bold green */
	case WQD_STATE_DONE:
		return "2";	/* faint */
	case WQD_STATE_CANCELLED:
		return "31";	/* red */
	}
	return NULL;
}

/* The escape sequences around a thing of looks @sgr, or "" for none. */
static const char *sgr_on(char buf[SGR_MAX], const char *sgr)
{
	if (!fmt_color || !sgr)
		return "";
	snprintf(buf, SGR_MAX, "\033[%sm", sgr);
	return buf;
}

static const char *sgr_off(const char *sgr)
{
	return fmt_color && sgr ? "\033[0m" : "";
}

struct table_cell {
	char text[CELL_LEN];
	const char *sgr;	/* its looks, NULL for plain */
};

struct table {
	size_t cols;
	size_t n;
	size_t cap;
	struct table_cell *cells;
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
	t->cells[t->n].sgr = NULL;
	va_start(ap, fmt);
	vsnprintf(t->cells[t->n++].text, CELL_LEN, fmt, ap);
	va_end(ap);
}

/* A cell that is an item's state: its word, in its colour. */
static void cell_state(struct table *t, __u32 state)
{
	cell(t, "%s", libwqd_state_name(state));
	if (!t->err)
		t->cells[t->n - 1].sgr = state_sgr(state);
}

/* The header row fixes the number of columns. */
static void table_init(struct table *t, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	for (; *header; header++, t->cols++) {
		cell(t, "%s", *header);
		if (!t->err)
			t->cells[t->n - 1].sgr = SGR_HEADER;
	}
}

/* Print, two spaces between columns, none after the last; then free. */
static int table_print(FILE *f, struct table *t)
{
	size_t width[MAX_COLS] = { 0 };
	struct table_cell *tc;
	char sgr[SGR_MAX];
	size_t i, c, len;
	int ret = t->err;

	if (ret)
		goto out;
	for (i = 0; i < t->n; i++) {
		c = i % t->cols;
		len = strlen(t->cells[i].text);
		if (len > width[c])
			width[c] = len;
	}
	for (i = 0; i < t->n; i++) {
		c = i % t->cols;
		tc = &t->cells[i];
		fprintf(f, "%s%s%s", sgr_on(sgr, tc->sgr), tc->text,
			sgr_off(tc->sgr));
		if (c == t->cols - 1)
			fputc('\n', f);
		else
			fprintf(f, "%*s", (int)(width[c] - strlen(tc->text) + 2),
				"");
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
	kv(f, "features", "%s", words(w, info->features, libwqd_feature_name));
	kv(f, "max queues", "%u", info->max_queues);
	kv(f, "max items", "%u", info->max_items);
	kv(f, "max instances", "%u", info->max_instances);
	kv(f, "max payload", "%s", dur_format(d, info->max_payload_ns));
	kv(f, "max period", "%s", dur_format(d, info->max_period_ns));
	kv(f, "max holders", "%u (%u on each built-in queue)",
	   info->max_holders, info->max_builtin_holders);
	return 0;
}

/* A queue's counters: the last six columns of "queue list" and "stats". */
static void counter_cells(struct table *t, const struct wqd_queue_info *q)
{
	cell(t, "%u", q->items);
	cell(t, "%llu", q->queued);
	cell(t, "%llu", q->executed);
	cell(t, "%llu", q->cancelled);
	cell(t, "%u", q->running);
	cell(t, "%u", q->max_running);
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
	kv(f, "holders", "%u", info->nr_holders);
	fputc('\n', f);

	table_init(&t, header);
	for (q = queues; q < queues + n; q++) {
		cell(&t, "%llu", q->id);
		cell(&t, "%s", q->name);
		counter_cells(&t, q);
	}
	return table_print(f, &t);
}

int fmt_queue(FILE *f, const struct wqd_queue_info *queue)
{
	char w[CELL_LEN];

	kv(f, "id", "%llu", queue->id);
	kv(f, "name", "%s", queue->name);
	kv(f, "kind", "%s", libwqd_kind_name(queue->kind));
	kv(f, "flags", "%s", words(w, queue->flags, libwqd_queue_flag_name));
	kv(f, "max active", "%s", max_active(w, queue->max_active));
	kv(f, "items", "%u", queue->items);
	kv(f, "queued", "%llu", queue->queued);
	kv(f, "executed", "%llu", queue->executed);
	kv(f, "cancelled", "%llu", queue->cancelled);
	kv(f, "running", "%u", queue->running);
	kv(f, "max running", "%u", queue->max_running);
	kv(f, "holders", "%u", queue->holders);
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
		cell(&t, "%s", libwqd_kind_name(q->kind));
		cell(&t, "%s", words(w, q->flags, libwqd_queue_flag_name));
		cell(&t, "%s", max_active(w, q->max_active));
		counter_cells(&t, q);
	}
	return table_print(f, &t);
}

static const char *kind(const struct wqd_work_info *item)
{
	return item->flags & WQD_WF_DELAYED ? "delayed" : "work";
}

/*
 * Which item, on which queue, and how it stands: the first five columns
 * of "work list" and "watch". @queue: its queue's name, NULL when gone.
 */
static void item_cells(struct table *t, const struct wqd_work_info *w,
		       const char *queue)
{
	cell(t, "%llu", w->id);
	cell(t, "%s", w->name[0] ? w->name : "-");
	cell(t, "%s", queue ? queue : "-");
	cell(t, "%s", kind(w));
	cell_state(t, w->state);
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
	char d[DUR_FMT_LEN], w[CELL_LEN], sgr[SGR_MAX];
	const char *looks = state_sgr(item->state);

	kv(f, "id", "%llu", item->id);
	kv(f, "name", "%s", item->name[0] ? item->name : "-");
	kv(f, "queue", "%s (id %llu)", queue ? queue : "-",
	   item->queue_id);
	kv(f, "kind", "%s", kind(item));
	kv(f, "state", "%s%s%s", sgr_on(sgr, looks),
	   libwqd_state_name(item->state), sgr_off(looks));
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
		queue = libwqd_queue_name(queues, nr_queues, w->queue_id);
		item_cells(&t, w, queue);
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

/* A run's CPU and the seed's words: "cpu1 work_func, a:3", or "#7:0". */
static void seed_words(FILE *f, const struct wqd_event *ev, const char *label)
{
	fprintf(f, "cpu%u %s, ", ev->cpu,
		ev->flags & WQD_EVF_DELAYED ? "dly_work_func" : "work_func");
	if (label && *label)
		fprintf(f, "%s:%u", label, ev->run);
	else
		fprintf(f, "#%llu:%u", ev->item_id, ev->run);
}

/* Nanoseconds as seconds the way dmesg prints them: "   12.345678". */
static void seconds(FILE *f, __u64 ns)
{
	fprintf(f, "%5llu.%06llu", ns / 1000000000, ns % 1000000000 / 1000);
}

/**
 * fmt_event() - one record of an event stream, a line of "events"
 * @f: where to
 * @ev: the record
 * @label: its item's label, NULL or "" for none ("#ID" then)
 *
 * A run: its start in CLOCK_MONOTONIC seconds (the clock of dmesg and of
 * the JSON's time_ns), its CPU, the seed's words, lateness and runtime,
 * and "(last)" or "(cancelled)" for an item's final run:
 *   "  812.345678 cpu1 work_func, a:3 late 24.1 ms run 3 us"
 * A loss: "-- lost 17 events --".
 *
 * Return: 0.
 */
int fmt_event(FILE *f, const struct wqd_event *ev, const char *label)
{
	char late[DUR_FMT_LEN], run[DUR_FMT_LEN];

	if (ev->type == WQD_EV_DROPPED) {
		fprintf(f, "-- lost %llu events --\n", ev->dropped);
		return 0;
	}
	seconds(f, ev->start_ns);
	fputc(' ', f);
	seed_words(f, ev, label);
	fprintf(f, " late %s run %s%s\n",
		dur_format_signed(late, (__s64)(ev->start_ns - ev->due_ns)),
		dur_format(run, ev->end_ns - ev->start_ns),
		ev->flags & WQD_EVF_CANCELLED ? " (cancelled)" :
		ev->flags & WQD_EVF_LAST ? " (last)" : "");
	return 0;
}

/**
 * fmt_demo_line() - a line of "demo", the seed's log with time and CPU
 * @f: where to
 * @elapsed_ns: time since the demo started
 * @ev: a run, or NULL for a line of @text
 * @label: the run's task
 * @text: without @ev: what to say ("init work", "cancel work")
 *
 * "[    1.024183] cpu1 dly_work_func, b:1", "[    0.000000] init work".
 *
 * Return: 0.
 */
int fmt_demo_line(FILE *f, __u64 elapsed_ns, const struct wqd_event *ev,
		  const char *label, const char *text)
{
	fputc('[', f);
	seconds(f, elapsed_ns);
	fputs("] ", f);
	if (ev)
		seed_words(f, ev, label);
	else
		fputs(text, f);
	fputc('\n', f);
	return 0;
}

/**
 * fmt_demo_summary() - the end of "demo": each task's runs, period and
 *	lateness, and where the 1.024 s comes from
 * @f: where to
 * @s: the summary
 *
 * Return: 0, or -ENOMEM.
 */
int fmt_demo_summary(FILE *f, const struct demo_summary *s)
{
	static const char *const header[] = {
		"TASK", "FUNCTION", "QUEUE", "RUNS", "MEAN_PERIOD",
		"AVG_LATENESS", "MAX_LATENESS", NULL
	};
	const struct demo_task *task;
	char d[DUR_FMT_LEN];
	struct table t;
	__u64 period;
	int ret;

	fputc('\n', f);
	table_init(&t, header);
	for (task = s->tasks; task < s->tasks + s->n; task++) {
		cell(&t, "%s", task->name);
		cell(&t, "%s", task->flags & WQD_WF_DELAYED ?
			       "dly_work_func" : "work_func");
		cell(&t, "%s", task->queue);
		cell(&t, "%u", task->info.runs);
		cell(&t, "%s", tally_period(&task->tally, &period) ?
			       dur_format(d, period) : "-");
		cell(&t, "%s", task->info.runs ?
			       dur_format_signed(d, task->info.lateness.avg) :
			       "-");
		cell(&t, "%s", task->info.runs ?
			       dur_format_signed(d, task->info.lateness.max) :
			       "-");
	}
	ret = table_print(f, &t);
	if (ret || !s->wheel_ns)
		return ret;
	dur_format(d, s->wheel_ns);
	fprintf(f, "\nWhy %s, not 1 s: at HZ=%u, 1 s is %llu jiffies. A timer that far out\n"
		"sits in level %u of the timer wheel, whose buckets are %llu jiffies wide, and\n"
		"the wheel rounds its expiry up to the next bucket boundary: it fires\n"
		"after %llu jiffies = %s.\n",
		d, s->hz, s->wheel.jiffies, s->wheel.level,
		s->wheel.granularity, s->wheel.fires, d);
	return 0;
}

/* A rate, or "-" before there is one. */
static const char *rate(char buf[CELL_LEN], const double *rates, size_t i)
{
	if (!rates)
		return "-";
	snprintf(buf, CELL_LEN, "%.1f", rates[i]);
	return buf;
}

/**
 * fmt_watch() - one refresh of "watch": queues, then items
 * @f: where to
 * @v: the refresh
 *
 * Return: 0, or -ENOMEM.
 */
int fmt_watch(FILE *f, const struct watch_view *v)
{
	static const char *const queue_header[] = {
		"ID", "QUEUE", "ITEMS", "RUNNING", "MAX_RUNNING", "EXECUTED",
		"RUNS/S", NULL
	};
	static const char *const item_header[] = {
		"ID", "NAME", "QUEUE", "KIND", "STATE", "RUNS", "RUNS/S",
		"AVG_LATENESS", NULL
	};
	const struct wqd_queue_info *q;
	const struct wqd_work_info *w;
	size_t i, shown = v->nr_items;
	char d[DUR_FMT_LEN], c[CELL_LEN];
	const char *queue;
	struct table t;
	int ret;

	if (v->max_items && shown > v->max_items)
		shown = v->max_items;
	fprintf(f, "every %s: %zu queues, %zu items\n\n",
		dur_format(d, v->interval_ns), v->nr_queues, v->nr_items);
	table_init(&t, queue_header);
	for (i = 0; i < v->nr_queues; i++) {
		q = &v->queues[i];
		cell(&t, "%llu", q->id);
		cell(&t, "%s", q->name);
		cell(&t, "%u", q->items);
		cell(&t, "%u", q->running);
		cell(&t, "%u", q->max_running);
		cell(&t, "%llu", q->executed);
		cell(&t, "%s", rate(c, v->queue_rates, i));
	}
	ret = table_print(f, &t);
	if (ret || !v->nr_items)
		return ret;

	fputc('\n', f);
	table_init(&t, item_header);
	for (i = 0; i < shown; i++) {
		w = &v->items[i];
		queue = libwqd_queue_name(v->queues, v->nr_queues, w->queue_id);
		item_cells(&t, w, queue);
		cell(&t, "%u", w->runs);
		cell(&t, "%s", rate(c, v->item_rates, i));
		cell(&t, "%s",
		     w->runs ? dur_format_signed(d, w->lateness.avg) : "-");
	}
	ret = table_print(f, &t);
	if (!ret && shown < v->nr_items)
		fprintf(f, "... and %zu more\n", v->nr_items - shown);
	return ret;
}
