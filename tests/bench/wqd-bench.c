// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-bench: how close wqdemo comes to what the kernel itself allows.
 *
 *   wqd-bench [--smoke] [--json PATH] [--device PATH]
 *   wqd-bench --calibrate RUNS [--queue ID] [--device PATH]
 *
 * Runs as root in the test VM (tests/bench/run.sh) with wqdemo loaded,
 * and measures, side by side in one run:
 *
 *  1. the floor: a null ioctl (WQD_IOC_INFO), ns per call;
 *  2. the control path at 100, 1,000, 10,000 and 100,000 live items
 *     (delayed items an hour away, so they stay pending): submit, show
 *     and cancel, ns per op, against the floor and the 100-item case; a
 *     batch submit (instances) per item;
 *  3. kernel memory per live item at 100,000 items, from /proc/slabinfo;
 *  4. the execution path: wqdemo's self-queueing no-op item against a bare
 *     one (WQD_IOC_CALIBRATE) on the same queue, with 0, 1 and 4 event
 *     readers;
 *  5. timer fidelity: lateness of 1,000 periodic delayed items at 10 ms,
 *     100 ms and 1 s, next to the jiffy and the timer wheel's granularity;
 *  6. the event stream: the highest run rate one reader follows without
 *     losing a record.
 *
 * Every figure that has a target is a ratio of two measurements of this
 * run: the machines are emulated and noisy, so absolute times mean little.
 * Prints a table (figure, value, ratio, target, met) and writes it, with
 * the raw numbers, as JSON to PATH. Missed targets do not fail the run;
 * errors do (a refused ioctl, an item that lost runs, an event stream that
 * does not add up): exit status 1, 2 for a usage error.
 *
 * --smoke makes everything tiny (100 and 1,000 items, short runs), for CI.
 *
 * --calibrate makes one WQD_IOC_CALIBRATE call (on the system queue, or
 * queue ID) and prints "done N elapsed_ns NS", or the errno's name (e.g.
 * "EINVAL") and exits 1: for the tests (tests/bats/75-bench.bats).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <json-c/json.h>
#include <linux/wqdemo.h>

#define MS		1000000ULL
#define SEC		1000000000ULL
#define HOUR		(3600 * SEC)
#define MAX_LEVELS	4
#define MAX_READERS	4
#define READ_BATCH	4096

/* Sizes of each part; --smoke makes them tiny. */
struct plan {
	bool smoke;
	unsigned int null_calls;	/* per round */
	unsigned int levels[MAX_LEVELS];
	unsigned int nr_levels;
	unsigned int ops_rounds;	/* rounds of ops_batch ops per level */
	unsigned int ops_batch;
	unsigned int batch_items;	/* instances of the batch submit */
	double exec_seconds;		/* aim of one execution-path run */
	unsigned int exec_reps;
	unsigned int timer_items;
	unsigned int timer_periods;
	__u64 timer_period_ns[3];
	unsigned int timer_runs[3];
	unsigned int ladder[4];		/* items at 1 jiffy, per rung */
	unsigned int nr_rungs;
	unsigned int ladder_runs;	/* runs of each */
};

static const struct plan full_plan = {
	.null_calls = 20000,
	.levels = { 100, 1000, 10000, 100000 },
	.nr_levels = 4,
	.ops_rounds = 15,
	.ops_batch = 50,
	.batch_items = 1000,
	.exec_seconds = 0.6,
	.exec_reps = 5,
	.timer_items = 1000,
	.timer_periods = 3,
	.timer_period_ns = { 10 * MS, 100 * MS, 1000 * MS },
	.timer_runs = { 30, 8, 3 },
	.ladder = { 64, 256, 1024 },
	.nr_rungs = 3,
	.ladder_runs = 250,
};

static const struct plan smoke_plan = {
	.smoke = true,
	.null_calls = 2000,
	.levels = { 100, 1000 },
	.nr_levels = 2,
	.ops_rounds = 3,
	.ops_batch = 20,
	.batch_items = 100,
	.exec_seconds = 0.2,
	.exec_reps = 1,
	.timer_items = 100,
	.timer_periods = 2,
	.timer_period_ns = { 10 * MS, 100 * MS },
	.timer_runs = { 5, 3 },
	.ladder = { 16 },
	.nr_rungs = 1,
	.ladder_runs = 25,
};

static struct {
	const struct plan *p;
	int fd;
	struct wqd_info info;
	__u64 queue;		/* "bench": the population and the runs */
	__u64 scratch;		/* "bench_s": measured ops, destroyed after */
	int errors;
	json_object *root;
	json_object *figures;
	json_object *raw;
	double clock_ns;	/* one clock read, as near as userspace tells */
} g = { .fd = -1 };

/* ---- errors, clocks, ioctls ---- */

static void __attribute__((format(printf, 1, 2))) error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "wqd-bench: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	g.errors++;
}

static void __attribute__((format(printf, 1, 2), noreturn)) die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "wqd-bench: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* CLOCK_MONOTONIC: the clock of the kernel's timestamps too. */
static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * SEC + (__u64)ts.tv_nsec;
}

static void sleep_ns(__u64 ns)
{
	struct timespec ts = { .tv_sec = ns / SEC, .tv_nsec = ns % SEC };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* An ioctl that must work: a failure ends the benchmark. */
static long must(const char *what, long ret)
{
	if (ret < 0)
		die("%s: %s", what, strerror(errno));
	return ret;
}

static void get_info(struct wqd_info *info)
{
	must("info", ioctl(g.fd, WQD_IOC_INFO, info));
}

static __u64 queue_create(const char *name)
{
	struct wqd_queue_create c = { .kind = WQD_KIND_ALLOC };

	snprintf(c.name, sizeof(c.name), "%s", name);
	must("queue create", ioctl(g.fd, WQD_IOC_QUEUE_CREATE, &c));
	return c.id;
}

static void queue_destroy(__u64 id)
{
	struct wqd_queue_ref r = { .id = id };

	must("queue destroy", ioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &r));
}

static void queue_info(__u64 id, struct wqd_queue_info *qi)
{
	memset(qi, 0, sizeof(*qi));
	qi->id = id;
	must("queue info", ioctl(g.fd, WQD_IOC_QUEUE_INFO, qi));
}

static void work_info(__u64 id, struct wqd_work_info *wi)
{
	memset(wi, 0, sizeof(*wi));
	wi->id = id;
	must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, wi));
}

/* Long-delayed items: they stay pending for the whole run. */
static void submit_parked(__u64 queue, unsigned int n, __u64 *ids)
{
	struct wqd_work_submit s = {
		.queue_id = queue,
		.flags = WQD_WF_DELAYED,
		.cpu = WQD_CPU_ANY,
		.delay_ns = HOUR < g.info.max_period_ns ? HOUR : g.info.max_period_ns,
		.count = 1,
		.instances = n,
		.ids_ptr = (uintptr_t)ids,
	};

	must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
}

static int cmp_s64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static unsigned int rnd(unsigned int n)
{
	static __u64 x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (unsigned int)(x % n);
}

/* ---- the table and the JSON ---- */

enum goal { G_NONE, G_MAX, G_MIN };

/*
 * One row: @value in @unit; @ratio (or NAN) against @ratio_of; the target
 * is @ratio <= @target (G_MAX) or >= (G_MIN). met is null without one.
 */
static void figure(const char *name, double value, const char *unit,
		   double ratio, const char *ratio_of, enum goal goal,
		   double target)
{
	json_object *f = json_object_new_object();
	char val[32], rat[48], tgt[32], met[8] = "";
	bool ok = false;

	if (goal != G_NONE && !isnan(ratio))
		ok = goal == G_MAX ? ratio <= target : ratio >= target;
	snprintf(val, sizeof(val), value >= 100 ? "%.0f %s" : "%.2f %s", value, unit);
	rat[0] = tgt[0] = 0;
	if (!isnan(ratio))
		snprintf(rat, sizeof(rat), "%.3f x %s", ratio, ratio_of);
	if (goal != G_NONE) {
		snprintf(tgt, sizeof(tgt), "%s %g", goal == G_MAX ? "<=" : ">=", target);
		snprintf(met, sizeof(met), "%s", g.p->smoke ? "-" : ok ? "yes" : "NO");
	}
	printf("%-40s %16s  %-28s %-8s %s\n", name, val, rat, tgt, met);

	json_object_object_add(f, "figure", json_object_new_string(name));
	json_object_object_add(f, "value", json_object_new_double(value));
	json_object_object_add(f, "unit", json_object_new_string(unit));
	json_object_object_add(f, "ratio", isnan(ratio) ? NULL : json_object_new_double(ratio));
	json_object_object_add(f, "ratio_of", isnan(ratio) ? NULL : json_object_new_string(ratio_of));
	json_object_object_add(f, "target", goal == G_NONE ? NULL :
			       json_object_new_string(tgt));
	json_object_object_add(f, "met", goal == G_NONE || g.p->smoke ? NULL :
			       json_object_new_boolean(ok));
	json_object_array_add(g.figures, f);
}

static void section(const char *title)
{
	printf("\n== %s\n", title);
}

static void raw_add(const char *key, json_object *val)
{
	json_object_object_add(g.raw, key, val);
}

/* ---- 1. the floor ---- */

static double bench_null(void)
{
	unsigned int rounds = 5, r, i;
	struct wqd_info info;
	double v[5];

	for (r = 0; r < rounds; r++) {
		__u64 t0 = now_ns();

		for (i = 0; i < g.p->null_calls; i++)
			must("info", ioctl(g.fd, WQD_IOC_INFO, &info));
		v[r] = (double)(now_ns() - t0) / g.p->null_calls;
	}
	return median(v, rounds);
}

/*
 * What a clock read costs: clock_gettime() against a null syscall. With a
 * clocksource the vDSO cannot read (HPET, as in the test VM), the call is
 * a syscall that reads the clocksource once, and the difference is that
 * read; with the TSC it is far below a syscall, and this says 0.
 */
static void bench_clock(void)
{
	unsigned int n = g.p->null_calls, i;
	double v[5], c[5];
	struct timespec ts;
	char src[64] = "?";
	FILE *f;
	int r;

	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f) {
		if (fscanf(f, "%63s", src) != 1)
			snprintf(src, sizeof(src), "?");
		fclose(f);
	}
	for (r = 0; r < 5; r++) {
		__u64 t0 = now_ns(), t1;

		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
		t1 = now_ns();
		for (i = 0; i < n; i++)
			clock_gettime(CLOCK_MONOTONIC, &ts);
		v[r] = (double)(t1 - t0) / n;
		c[r] = (double)(now_ns() - t1) / n;
	}
	v[0] = median(v, 5);
	c[0] = median(c, 5);
	g.clock_ns = c[0] > v[0] ? c[0] - v[0] : 0;
	json_object_object_add(g.root, "clocksource", json_object_new_string(src));
	raw_add("null_syscall_ns", json_object_new_double(v[0]));
	raw_add("clock_gettime_ns", json_object_new_double(c[0]));
	raw_add("clock_read_ns", json_object_new_double(g.clock_ns));
	figure("null syscall (getppid)", v[0], "ns", NAN, "", G_NONE, 0);
	snprintf(src + strlen(src), sizeof(src) - strlen(src), ")");
	{
		char name[96];

		snprintf(name, sizeof(name), "clock read (clocksource %s", src);
		figure(name, g.clock_ns, "ns", NAN, "", G_NONE, 0);
	}
}

/* ---- 2. the control path, 3. memory ---- */

/* Bytes the slab caches hold, all of them: objects and whole slabs. */
struct slab_total {
	double active;		/* active_objs * objsize */
	double total;		/* num_objs * objsize */
};

static bool slab_read(struct slab_total *t)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512];

	memset(t, 0, sizeof(*t));
	if (!f) {
		error("/proc/slabinfo: %s", strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[128];
		unsigned long active, num, size;

		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%127s %lu %lu %lu", name, &active, &num, &size) == 4) {
			t->active += (double)active * size;
			t->total += (double)num * size;
		}
	}
	fclose(f);
	return true;
}

struct level {
	unsigned int items;
	double submit, show, cancel, batch;	/* ns per op */
	double r_hot;		/* show of the items just made, to the floor */
	double null;				/* the floor, in the same rounds */
	double r_submit, r_show, r_cancel, r_batch;	/* to that floor */
};

/* @k null ioctls: ns per call. */
static double time_null(unsigned int k)
{
	struct wqd_info info;
	unsigned int i;
	__u64 t0 = now_ns();

	for (i = 0; i < k; i++)
		must("info", ioctl(g.fd, WQD_IOC_INFO, &info));
	return (double)(now_ns() - t0) / k;
}

/*
 * At @pop live items (their ids in @ids), rounds of: submit ops_batch
 * items one by one, show as many random live items, cancel the new ones.
 * The new items go to the scratch queue, destroyed after each round, so
 * the population stays @pop pending items (+ at most ops_batch). Each
 * figure is the median of the rounds' means. Each round also times as
 * many null ioctls, and the ratios to the floor are the medians of each
 * round's own ratios: the host's speed changes from one second to the
 * next (other VMs share its cores), a round's ratio hardly does.
 */
static void bench_ops(struct level *lv, const __u64 *ids, unsigned int pop)
{
	unsigned int rounds = g.p->ops_rounds, k = g.p->ops_batch, r, i;
	double sub[32], show[32], can[32], bat[32], nul[32];
	double rsub[32], rshow[32], rcan[32], rbat[32], rhot[32];
	__u64 *mine = calloc(k > g.p->batch_items ? k : g.p->batch_items, sizeof(*mine));
	struct wqd_work_info wi;

	if (!mine)
		die("out of memory");
	for (r = 0; r < rounds; r++) {
		__u64 t0, t1, t2, t3;

		g.scratch = queue_create("bench_s");
		nul[r] = time_null(k);
		t0 = now_ns();
		for (i = 0; i < k; i++)
			submit_parked(g.scratch, 1, &mine[i]);
		t1 = now_ns();
		for (i = 0; i < k; i++) {
			wi.id = ids[rnd(pop)];
			must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, &wi));
		}
		t2 = now_ns();
		/*
		 * The same show on the items just made: hot in the caches and
		 * the TLB whatever the population, so that what grows with it
		 * tells the algorithm (xarray depth, locks) from the memory.
		 */
		for (i = 0; i < k; i++) {
			wi.id = mine[i];
			must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, &wi));
		}
		rhot[r] = (double)(now_ns() - t2) / k;
		t2 = now_ns();
		for (i = 0; i < k; i++) {
			struct wqd_work_ref ref = { .id = mine[i] };

			must("work cancel", ioctl(g.fd, WQD_IOC_WORK_CANCEL, &ref));
			if (!(ref.result & WQD_RESULT_PENDING))
				error("cancel of item %llu: it was not pending",
				      (unsigned long long)mine[i]);
		}
		t3 = now_ns();
		sub[r] = (double)(t1 - t0) / k;
		show[r] = (double)(t2 - t1) / k;
		can[r] = (double)(t3 - t2) / k;
		queue_destroy(g.scratch);

		/* The batch: one call, batch_items items. */
		g.scratch = queue_create("bench_s");
		t0 = now_ns();
		submit_parked(g.scratch, g.p->batch_items, mine);
		bat[r] = (double)(now_ns() - t0) / g.p->batch_items;
		queue_destroy(g.scratch);
		nul[r] = (nul[r] + time_null(k)) / 2;
		rsub[r] = sub[r] / nul[r];
		rshow[r] = show[r] / nul[r];
		rcan[r] = can[r] / nul[r];
		rbat[r] = bat[r] / nul[r];
		rhot[r] /= nul[r];
	}
	g.scratch = 0;
	lv->submit = median(sub, rounds);
	lv->show = median(show, rounds);
	lv->cancel = median(can, rounds);
	lv->batch = median(bat, rounds);
	lv->null = median(nul, rounds);
	lv->r_submit = median(rsub, rounds);
	lv->r_show = median(rshow, rounds);
	lv->r_cancel = median(rcan, rounds);
	lv->r_batch = median(rbat, rounds);
	lv->r_hot = median(rhot, rounds);
	free(mine);
}

static void bench_control(double null_ns)
{
	unsigned int top = g.p->levels[g.p->nr_levels - 1], pop = 0, l;
	struct level lv[MAX_LEVELS];
	struct slab_total before, after;
	bool slabs;
	__u64 *ids = calloc(top, sizeof(*ids));
	json_object *levels = json_object_new_array();
	struct wqd_info info;
	char name[64];

	if (!ids)
		die("out of memory");
	slabs = slab_read(&before);
	for (l = 0; l < g.p->nr_levels; l++) {
		unsigned int want = g.p->levels[l];
		json_object *o = json_object_new_object();

		/* Grow the population with batches, as a user would. */
		while (pop < want) {
			unsigned int n = want - pop;

			if (n > g.info.max_instances)
				n = g.info.max_instances;
			submit_parked(g.queue, n, ids + pop);
			pop += n;
		}
		if (want == top && slabs && slab_read(&after)) {
			double per = (after.total - before.total) / top;
			double per_active = (after.active - before.active) / top;

			json_object *m = json_object_new_object();

			json_object_object_add(m, "items", json_object_new_int(top));
			json_object_object_add(m, "slab_bytes_before", json_object_new_double(before.total));
			json_object_object_add(m, "slab_bytes_after", json_object_new_double(after.total));
			json_object_object_add(m, "bytes_per_item", json_object_new_double(per));
			json_object_object_add(m, "active_bytes_per_item", json_object_new_double(per_active));
			raw_add("memory", m);
			section("kernel memory");
			snprintf(name, sizeof(name), "slab bytes per item at %u", top);
			figure(name, per, "B", per / 256, "256 B", G_MAX, 1.0);
			snprintf(name, sizeof(name), "  of which active objects");
			figure(name, per_active, "B", NAN, "", G_NONE, 0);
		}
		get_info(&info);
		if (info.nr_items != pop)
			error("%u items submitted, the module has %u", pop, info.nr_items);

		lv[l].items = want;
		bench_ops(&lv[l], ids, pop);
		json_object_object_add(o, "items", json_object_new_int(want));
		json_object_object_add(o, "submit_ns", json_object_new_double(lv[l].submit));
		json_object_object_add(o, "show_ns", json_object_new_double(lv[l].show));
		json_object_object_add(o, "cancel_ns", json_object_new_double(lv[l].cancel));
		json_object_object_add(o, "batch_submit_ns_per_item", json_object_new_double(lv[l].batch));
		json_object_object_add(o, "null_ns", json_object_new_double(lv[l].null));
		json_object_object_add(o, "submit_to_null", json_object_new_double(lv[l].r_submit));
		json_object_object_add(o, "show_to_null", json_object_new_double(lv[l].r_show));
		json_object_object_add(o, "cancel_to_null", json_object_new_double(lv[l].r_cancel));
		json_object_object_add(o, "batch_to_null", json_object_new_double(lv[l].r_batch));
		json_object_object_add(o, "show_recent_to_null", json_object_new_double(lv[l].r_hot));
		json_object_array_add(levels, o);
	}
	raw_add("control", levels);

	section("control path (ns per op; ratios to the null ioctl of the same rounds)");
	(void)null_ns;
	for (l = 0; l < g.p->nr_levels; l++) {
		bool first = !l, last = l == g.p->nr_levels - 1;
		const struct level *b = &lv[0], *v = &lv[l];

		snprintf(name, sizeof(name), "null ioctl at %u items", v->items);
		figure(name, v->null, "ns", NAN, "", G_NONE, 0);
		snprintf(name, sizeof(name), "submit at %u items", v->items);
		figure(name, v->submit, "ns", v->r_submit, "null ioctl",
		       first ? G_MAX : G_NONE, 1.5);
		snprintf(name, sizeof(name), "show at %u items", v->items);
		figure(name, v->show, "ns", v->r_show, "null ioctl", G_NONE, 0);
		snprintf(name, sizeof(name), "cancel at %u items", v->items);
		figure(name, v->cancel, "ns", v->r_cancel, "null ioctl", G_NONE, 0);
		snprintf(name, sizeof(name), "batch submit per item at %u", v->items);
		figure(name, v->batch, "ns", v->r_batch, "null ioctl", G_NONE, 0);
		if (first)
			continue;
		/* Against 100 items: each side in units of its own floor. */
		snprintf(name, sizeof(name), "  submit, %u vs %u items", v->items, b->items);
		figure(name, v->r_submit / b->r_submit, "x", v->r_submit / b->r_submit,
		       "100 items", last ? G_MAX : G_NONE, 1.2);
		snprintf(name, sizeof(name), "  show, %u vs %u items", v->items, b->items);
		figure(name, v->r_show / b->r_show, "x", v->r_show / b->r_show,
		       "100 items", last ? G_MAX : G_NONE, 1.2);
		snprintf(name, sizeof(name), "  show a recent item, %u vs %u", v->items, b->items);
		figure(name, v->r_hot / b->r_hot, "x", v->r_hot / b->r_hot,
		       "100 items", G_NONE, 0);
		snprintf(name, sizeof(name), "  cancel, %u vs %u items", v->items, b->items);
		figure(name, v->r_cancel / b->r_cancel, "x", v->r_cancel / b->r_cancel,
		       "100 items", last ? G_MAX : G_NONE, 1.2);
		snprintf(name, sizeof(name), "  batch, %u vs %u items", v->items, b->items);
		figure(name, v->r_batch / b->r_batch, "x", v->r_batch / b->r_batch,
		       "100 items", G_NONE, 0);
	}

	/* Back to nothing, for the execution path. */
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));
	g.queue = queue_create("bench");
	free(ids);
}

/* ---- event readers ---- */

struct reader {
	pthread_t thread;
	int fd;
	__u64 want;		/* stop after this many run records */
	__u64 got;		/* run records */
	__u64 dropped;		/* records the kernel said it dropped */
	int64_t *late;		/* lateness of each record, if wanted */
	__u64 late_cap;
	volatile bool stop;
	int err;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	struct wqd_event *buf = malloc(READ_BATCH * sizeof(*buf));

	if (!buf) {
		r->err = ENOMEM;
		return NULL;
	}
	while (r->got < r->want && !r->stop) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		ssize_t len, i;

		/* Non-blocking with a poll timeout, so that stop is seen. */
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		len = read(r->fd, buf, READ_BATCH * sizeof(*buf));
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			r->err = errno;
			break;
		}
		for (i = 0; i < len / (ssize_t)sizeof(*buf); i++) {
			if (buf[i].type == WQD_EV_DROPPED) {
				r->dropped += buf[i].dropped;
				continue;
			}
			if (r->late && r->got < r->late_cap)
				r->late[r->got] = (int64_t)(buf[i].start_ns - buf[i].due_ns);
			r->got++;
		}
	}
	free(buf);
	return NULL;
}

static void reader_start(struct reader *r, __u64 queue, __u64 want, __u32 ring)
{
	struct wqd_events_open o = {
		.queue_id = queue, .flags = WQD_EVO_NONBLOCK, .ring_size = ring,
	};

	memset(r, 0, sizeof(*r));
	r->want = want;
	r->fd = (int)must("events open", ioctl(g.fd, WQD_IOC_EVENTS_OPEN, &o));
	if (pthread_create(&r->thread, NULL, reader_main, r))
		die("pthread_create failed");
}

/* Wait until the reader has @r->want records, or gives up after @ns. */
static void reader_finish(struct reader *r, __u64 ns)
{
	__u64 end = now_ns() + ns;

	while (r->got + r->dropped < r->want && !r->err && now_ns() < end)
		sleep_ns(10 * MS);
	r->stop = true;
	pthread_join(r->thread, NULL);
	close(r->fd);
	if (r->err)
		error("event reader: %s", strerror(r->err));
}

/* ---- 4. the execution path, 6. the event stream ---- */

/* The bare handler: ns per run. */
static double run_bare(__u64 queue, __u32 runs)
{
	struct wqd_calibrate c = { .queue_id = queue, .runs = runs };

	must("calibrate", ioctl(g.fd, WQD_IOC_CALIBRATE, &c));
	if (c.done != runs)
		error("calibrate: %u runs asked, %u made", runs, c.done);
	return (double)c.elapsed_ns / (runs - 1);
}

/* Wait for an item to finish; error if it does not, or lost runs. */
static bool wait_done(__u64 id, __u32 runs, struct wqd_work_info *wi, __u64 limit_ns)
{
	__u64 end = now_ns() + limit_ns;

	for (;;) {
		work_info(id, wi);
		if (wi->state == WQD_STATE_DONE)
			break;
		if (now_ns() > end) {
			error("item %llu: not done after %.0f s (%u of %u runs)",
			      (unsigned long long)id, limit_ns / 1e9, wi->runs, runs);
			return false;
		}
		sleep_ns(20 * MS);
	}
	if (wi->runs != runs) {
		error("item %llu: %u runs, %u asked", (unsigned long long)id, wi->runs, runs);
		return false;
	}
	return true;
}

/*
 * wqdemo's own self-queueing no-op item: a plain item with no period and
 * a count, timed as calibrate times the bare one. ns per run; with
 * @readers event readers attached, which must see every run.
 */
static double run_wqd(__u64 queue, __u32 runs, unsigned int readers, __u32 cpu,
		      __u64 *lost)
{
	struct reader rd[MAX_READERS];
	struct wqd_work_info wi;
	__u64 id;
	struct wqd_work_submit s = {
		.queue_id = queue, .cpu = cpu, .count = runs, .instances = 1,
		.ids_ptr = (uintptr_t)&id,
	};
	unsigned int i;

	for (i = 0; i < readers; i++)
		reader_start(&rd[i], queue, runs, WQD_EVENTS_RING_MAX);
	must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	wait_done(id, runs, &wi, 600 * SEC);
	*lost = 0;
	for (i = 0; i < readers; i++) {
		reader_finish(&rd[i], 30 * SEC);
		if (rd[i].got + rd[i].dropped != runs)
			error("reader %u: %llu records + %llu dropped, %u runs", i,
			      (unsigned long long)rd[i].got,
			      (unsigned long long)rd[i].dropped, runs);
		*lost += rd[i].dropped;
	}
	return (double)(wi.last_run_ns - wi.submit_ns) / (runs - 1);
}

/*
 * A rung of the ladder: @n delayed items re-armed every jiffy, so n * HZ
 * runs a second at most, and one reader with the default ring. Returns
 * the rate reached; @dropped what the reader lost.
 */
static double run_ladder(unsigned int n, __u64 *dropped, json_object *rungs)
{
	__u64 period = SEC / g.info.hz, q, end, want = (__u64)n * g.p->ladder_runs;
	__u64 *ids = calloc(n, sizeof(*ids)), t0, t1;
	struct wqd_work_submit s = {
		.flags = WQD_WF_DELAYED, .cpu = WQD_CPU_ANY, .delay_ns = period,
		.period_ns = period, .count = g.p->ladder_runs, .instances = n,
	};
	json_object *o = json_object_new_object();
	struct wqd_queue_info qi;
	struct reader rd;
	double rate;

	if (!ids)
		die("out of memory");
	q = queue_create("bench_l");
	s.queue_id = q;
	s.ids_ptr = (uintptr_t)ids;
	reader_start(&rd, q, want, 0);
	t0 = now_ns();
	must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	end = t0 + 300 * SEC;
	do {
		sleep_ns(20 * MS);
		queue_info(q, &qi);
	} while (qi.executed < want && now_ns() < end);
	t1 = now_ns();
	if (qi.executed != want)
		error("ladder of %u items: %llu of %llu runs", n,
		      (unsigned long long)qi.executed, (unsigned long long)want);
	reader_finish(&rd, 30 * SEC);
	if (rd.got + rd.dropped != want)
		error("ladder reader: %llu records + %llu dropped, %llu runs",
		      (unsigned long long)rd.got, (unsigned long long)rd.dropped,
		      (unsigned long long)want);
	queue_destroy(q);
	free(ids);
	rate = qi.executed / ((double)(t1 - t0) / 1e9);
	*dropped = rd.dropped;
	json_object_object_add(o, "items", json_object_new_int(n));
	json_object_object_add(o, "rate_per_s", json_object_new_double(rate));
	json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
	json_object_array_add(rungs, o);
	return rate;
}

static void bench_exec(void)
{
	static const unsigned int nreaders[] = { 0, 1, 4 };
	unsigned int reps = g.p->exec_reps, r, i;
	double bare[8], wqd[3][8], ratio[3][8], probe, b, w[3], rt[3];
	__u64 lost[3] = { 0 }, l;
	__u32 runs;
	json_object *o = json_object_new_object();
	char name[64];

	/* Runs enough for exec_seconds of the bare handler. */
	probe = run_bare(g.queue, 2000);
	runs = (__u32)(g.p->exec_seconds * 1e9 / probe);
	if (runs < 2000)
		runs = 2000;
	if (runs > 2000000)
		runs = 2000000;
	/* Interleaved, so that a slow spell of the host hits both sides. */
	for (r = 0; r < reps; r++) {
		bare[r] = run_bare(g.queue, runs);
		for (i = 0; i < 3; i++) {
			wqd[i][r] = run_wqd(g.queue, runs, nreaders[i], WQD_CPU_ANY, &l);
			lost[i] += l;
			/* Against the bare runs just before and after it. */
			ratio[i][r] = wqd[i][r];
		}
		b = run_bare(g.queue, runs);
		for (i = 0; i < 3; i++)
			ratio[i][r] /= (bare[r] + b) / 2;
		bare[r] = (bare[r] + b) / 2;
	}
	b = median(bare, reps);
	for (i = 0; i < 3; i++) {
		w[i] = median(wqd[i], reps);
		rt[i] = median(ratio[i], reps) - 1;
	}

	json_object_object_add(o, "runs", json_object_new_int64(runs));
	json_object_object_add(o, "bare_ns_per_run", json_object_new_double(b));
	json_object_object_add(o, "wqd_ns_per_run", json_object_new_double(w[0]));
	json_object_object_add(o, "wqd_1_reader_ns_per_run", json_object_new_double(w[1]));
	json_object_object_add(o, "wqd_4_readers_ns_per_run", json_object_new_double(w[2]));
	json_object_object_add(o, "lost_1_reader", json_object_new_int64((int64_t)lost[1]));
	json_object_object_add(o, "lost_4_readers", json_object_new_int64((int64_t)lost[2]));
	json_object_object_add(o, "bookkeeping_ratio", json_object_new_double(rt[0]));
	json_object_object_add(o, "bookkeeping_1_reader_ratio", json_object_new_double(rt[1]));
	json_object_object_add(o, "bookkeeping_4_readers_ratio", json_object_new_double(rt[2]));
	raw_add("exec", o);

	section("execution path (self-queueing no-op, runs per second)");
	figure("bare handler (calibrate)", 1e9 / b, "runs/s", NAN, "", G_NONE, 0);
	figure("wqdemo item", 1e9 / w[0], "runs/s", NAN, "", G_NONE, 0);
	figure("  bookkeeping per run", w[0] - b, "ns", rt[0], "bare run", G_MAX, 0.10);
	/*
	 * wqdemo reads the clock once a run (a no-op item has no payload to
	 * time), the bare handler once in all.
	 */
	figure("  bookkeeping less its clock read", w[0] - b - g.clock_ns, "ns",
	       (w[0] - b - g.clock_ns) / b, "bare run", G_NONE, 0);
	snprintf(name, sizeof(name), "wqdemo item, 1 reader (lost %llu)",
		 (unsigned long long)lost[1]);
	figure(name, 1e9 / w[1], "runs/s", NAN, "", G_NONE, 0);
	figure("  bookkeeping + 1 reader per run", w[1] - b, "ns", rt[1],
	       "bare run", G_NONE, 0);
	snprintf(name, sizeof(name), "wqdemo item, 4 readers (lost %llu)",
		 (unsigned long long)lost[2]);
	figure(name, 1e9 / w[2], "runs/s", NAN, "", G_NONE, 0);
	figure("  bookkeeping + 4 readers per run", w[2] - b, "ns", rt[2],
	       "bare run", G_NONE, 0);

	/*
	 * 6. The fastest producers there are: one self-queueing item per
	 * CPU, each pinned, and one reader with the default ring, as
	 * `wqctl events` has it. Its loss, against the single item above.
	 */
	{
		unsigned int ncpu = g.info.nr_online_cpus, c;
		__u64 ids[64], total = 0, t1 = 0, first = UINT64_MAX;
		struct reader rd;
		struct wqd_work_info wi;
		double rate;

		if (ncpu > 64)
			ncpu = 64;
		reader_start(&rd, g.queue, (__u64)runs * ncpu, 0);
		for (c = 0; c < ncpu; c++) {
			struct wqd_work_submit s = {
				.queue_id = g.queue, .cpu = c, .count = runs,
				.instances = 1, .ids_ptr = (uintptr_t)&ids[c],
			};

			must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
		}
		for (c = 0; c < ncpu; c++) {
			if (wait_done(ids[c], runs, &wi, 600 * SEC)) {
				total += runs;
				if (wi.last_run_ns > t1)
					t1 = wi.last_run_ns;
				if (wi.submit_ns < first)
					first = wi.submit_ns;
			}
		}
		reader_finish(&rd, 30 * SEC);
		rate = total / ((double)(t1 - first) / 1e9);
		if (rd.got + rd.dropped != total)
			error("stream reader: %llu records + %llu dropped, %llu runs",
			      (unsigned long long)rd.got,
			      (unsigned long long)rd.dropped, (unsigned long long)total);
		o = json_object_new_object();
		json_object_object_add(o, "producers", json_object_new_int(ncpu));
		json_object_object_add(o, "rate_per_s", json_object_new_double(rate));
		json_object_object_add(o, "records", json_object_new_int64((int64_t)rd.got));
		json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
		json_object_object_add(o, "single_rate_per_s", json_object_new_double(1e9 / w[1]));
		json_object_object_add(o, "single_dropped", json_object_new_int64((int64_t)lost[1]));
		raw_add("stream", o);

		section("event stream (one reader, default ring)");
		snprintf(name, sizeof(name), "%u pinned producers, lost %llu of %llu",
			 ncpu, (unsigned long long)rd.dropped, (unsigned long long)total);
		figure(name, rate, "runs/s", NAN, "", G_NONE, 0);
		/* The highest rate seen with nothing lost. */
		{
			double best = 0, fastest = rate > 1e9 / w[0] ? rate : 1e9 / w[0];
			json_object *rungs = json_object_new_array();
			unsigned int k;

			if (!rd.dropped)
				best = rate;
			for (k = 0; k < g.p->nr_rungs; k++) {
				__u64 dropped;
				double rr = run_ladder(g.p->ladder[k], &dropped, rungs);

				snprintf(name, sizeof(name), "%u items at 1 jiffy, lost %llu",
					 g.p->ladder[k], (unsigned long long)dropped);
				figure(name, rr, "runs/s", NAN, "", G_NONE, 0);
				if (!dropped && rr > best)
					best = rr;
			}
			json_object_object_add(o, "ladder", rungs);
			json_object_object_add(o, "best_lossless_per_s", json_object_new_double(best));
			figure("highest rate with 0 loss", best, "runs/s", best / fastest,
			       "fastest producers", G_MIN, 1.0);
		}
	}
}

/* ---- 5. timer fidelity ---- */

/* The timer wheel (kernel/time/timer.c): level n's buckets are 8^n jiffies. */
static unsigned long wheel_granularity(unsigned long delta)
{
	unsigned int lvl = 0;

	/* Level n + 1 starts at 63 << 3n jiffies. */
	while (lvl < 8 && delta >= (63UL << (3 * lvl)))
		lvl++;
	return 1UL << (3 * lvl);
}

static void bench_timers(void)
{
	json_object *arr = json_object_new_array();
	double jiffy = 1e9 / g.info.hz;
	unsigned int p;
	char name[96];

	section("timer fidelity (lateness of periodic delayed items)");
	for (p = 0; p < g.p->timer_periods; p++) {
		__u64 period = g.p->timer_period_ns[p];
		__u32 count = g.p->timer_runs[p];
		unsigned int n = g.p->timer_items;
		__u64 want = (__u64)n * count;
		unsigned long delta = (unsigned long)((period + (__u64)jiffy - 1) / (__u64)jiffy);
		unsigned long gran = wheel_granularity(delta);
		double limit = (1 + gran) * jiffy;
		__u64 *ids = calloc(n, sizeof(*ids));
		struct wqd_work_submit s = {
			.flags = WQD_WF_DELAYED, .cpu = WQD_CPU_ANY,
			.delay_ns = period, .period_ns = period, .count = count,
			.instances = n,
		};
		struct wqd_queue_info qi;
		struct reader rd;
		__u64 q, end;
		int64_t p50, p99, max;
		json_object *o = json_object_new_object();

		if (!ids)
			die("out of memory");
		q = queue_create("bench_t");
		s.queue_id = q;
		s.ids_ptr = (uintptr_t)ids;
		reader_start(&rd, q, want, WQD_EVENTS_RING_MAX);
		rd.late = calloc(want, sizeof(*rd.late));
		rd.late_cap = want;
		if (!rd.late)
			die("out of memory");
		must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
		/* Time enough even for a machine far too slow for the rate. */
		end = now_ns() + (count + 1) * period * 20 + 60 * SEC;
		do {
			sleep_ns(50 * MS);
			queue_info(q, &qi);
		} while (qi.executed < want && now_ns() < end);
		if (qi.executed != want)
			error("timers at %llu ms: %llu of %llu runs",
			      (unsigned long long)(period / MS),
			      (unsigned long long)qi.executed, (unsigned long long)want);
		reader_finish(&rd, 30 * SEC);
		if (rd.got + rd.dropped != want)
			error("timer reader: %llu records + %llu dropped, %llu runs",
			      (unsigned long long)rd.got, (unsigned long long)rd.dropped,
			      (unsigned long long)want);
		if (!rd.got) {
			error("timer reader: no records");
			p50 = p99 = max = 0;
		} else {
			qsort(rd.late, rd.got, sizeof(*rd.late), cmp_s64);
			p50 = rd.late[rd.got / 2];
			p99 = rd.late[(rd.got * 99) / 100];
			max = rd.late[rd.got - 1];
		}
		free(rd.late);
		queue_destroy(q);
		free(ids);

		json_object_object_add(o, "period_ns", json_object_new_int64((int64_t)period));
		json_object_object_add(o, "items", json_object_new_int(n));
		json_object_object_add(o, "runs", json_object_new_int64((int64_t)want));
		json_object_object_add(o, "demanded_rate_per_s",
				       json_object_new_double(n * 1e9 / period));
		json_object_object_add(o, "records", json_object_new_int64((int64_t)rd.got));
		json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
		json_object_object_add(o, "p50_ns", json_object_new_int64(p50));
		json_object_object_add(o, "p99_ns", json_object_new_int64(p99));
		json_object_object_add(o, "max_ns", json_object_new_int64(max));
		json_object_object_add(o, "jiffy_ns", json_object_new_double(jiffy));
		json_object_object_add(o, "delay_jiffies", json_object_new_int64((int64_t)delta));
		json_object_object_add(o, "wheel_granularity_jiffies", json_object_new_int64((int64_t)gran));
		json_object_object_add(o, "limit_ns", json_object_new_double(limit));
		json_object_array_add(arr, o);

		snprintf(name, sizeof(name), "%u items at %llu ms: p50 lateness", n,
			 (unsigned long long)(period / MS));
		figure(name, p50 / 1e6, "ms", p50 / limit, "limit", G_NONE, 0);
		snprintf(name, sizeof(name), "%u items at %llu ms: p99 lateness", n,
			 (unsigned long long)(period / MS));
		figure(name, p99 / 1e6, "ms", p99 / limit, "limit", G_MAX, 1.0);
		snprintf(name, sizeof(name), "%u items at %llu ms: max lateness", n,
			 (unsigned long long)(period / MS));
		figure(name, max / 1e6, "ms", max / limit, "limit", G_NONE, 0);
		snprintf(name, sizeof(name), "  limit: 1 jiffy + wheel (%lu jiffies)", gran);
		figure(name, limit / 1e6, "ms", NAN, "", G_NONE, 0);
	}
	raw_add("timers", arr);
}

/* ---- main ---- */

static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: wqd-bench [--smoke] [--json PATH] [--device PATH]\n"
		"       wqd-bench --calibrate RUNS [--queue ID] [--device PATH]\n");
	exit(status);
}

static unsigned long long number(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s)
		usage(2);
	return v;
}

static int calibrate_once(const char *dev, unsigned long long runs, __u64 queue)
{
	struct wqd_calibrate c = { .queue_id = queue, .runs = (__u32)runs };
	int fd = open(dev, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("%s: %s", dev, strerror(errno));
	if (runs > UINT32_MAX)
		c.runs = UINT32_MAX;
	if (ioctl(fd, WQD_IOC_CALIBRATE, &c) < 0) {
		const char *n = strerrorname_np(errno);

		printf("%s\n", n ? n : strerror(errno));
		return 1;
	}
	printf("done %u elapsed_ns %llu\n", c.done, (unsigned long long)c.elapsed_ns);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "json", required_argument, NULL, 'j' },
		{ "device", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "calibrate", required_argument, NULL, 'c' },
		{ "queue", required_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *json_path = NULL, *dev = "/dev/wqdemo";
	unsigned long long cal_runs = 0;
	__u64 cal_queue = WQD_QUEUE_SYSTEM;
	bool calibrate = false;
	struct utsname uts;
	double null_ns;
	__u64 t0 = now_ns();
	int opt;

	g.p = &full_plan;
	while ((opt = getopt_long(argc, argv, "sj:D:hc:q:", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			calibrate = true;
			cal_runs = number(optarg);
			break;
		case 'q':
			cal_queue = number(optarg);
			break;
		case 's':
			g.p = &smoke_plan;
			break;
		case 'j':
			json_path = optarg;
			break;
		case 'D':
			dev = optarg;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc)
		usage(2);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (calibrate)
		return calibrate_once(dev, cal_runs, cal_queue);

	g.fd = open(dev, O_RDWR | O_CLOEXEC);
	if (g.fd < 0)
		die("%s: %s (is wqdemo loaded, and are we root?)", dev, strerror(errno));
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));
	get_info(&g.info);
	uname(&uts);

	g.root = json_object_new_object();
	g.figures = json_object_new_array();
	g.raw = json_object_new_object();
	json_object_object_add(g.root, "kernel", json_object_new_string(uts.release));
	json_object_object_add(g.root, "module_version", json_object_new_string(g.info.module_version));
	json_object_object_add(g.root, "hz", json_object_new_int(g.info.hz));
	json_object_object_add(g.root, "cpus", json_object_new_int(g.info.nr_online_cpus));
	json_object_object_add(g.root, "smoke", json_object_new_boolean(g.p->smoke));

	printf("wqd-bench%s: %s, HZ=%u, %u CPUs\n", g.p->smoke ? " --smoke" : "",
	       uts.release, g.info.hz, g.info.nr_online_cpus);
	printf("%-40s %16s  %-28s %-8s %s\n", "figure", "value", "ratio", "target", "met");

	g.queue = queue_create("bench");
	section("floor");
	null_ns = bench_null();
	figure("null ioctl (info)", null_ns, "ns", NAN, "", G_NONE, 0);
	raw_add("null_ioctl_ns", json_object_new_double(null_ns));
	bench_clock();

	bench_control(null_ns);
	bench_exec();
	bench_timers();
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));

	json_object_object_add(g.root, "figures", g.figures);
	json_object_object_add(g.root, "raw", g.raw);
	json_object_object_add(g.root, "errors", json_object_new_int(g.errors));
	json_object_object_add(g.root, "seconds", json_object_new_double((now_ns() - t0) / 1e9));
	if (json_path && json_object_to_file_ext(json_path, g.root,
						  JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED)) {
		fprintf(stderr, "wqd-bench: %s: %s\n", json_path, json_util_get_last_err());
		g.errors++;
	}
	json_object_put(g.root);
	printf("\n%d errors, %.0f s\n", g.errors, (now_ns() - t0) / 1e9);
	return g.errors ? 1 : 0;
}
