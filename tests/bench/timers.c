// SPDX-License-Identifier: GPL-2.0
/*
 * Timer fidelity: the lateness of periodic delayed items, from their
 * event records, at each period the plan names. The limit it is held to
 * is what the kernel's own timers promise for that delay, a jiffy and the
 * timer wheel's granularity, so that a miss is wqdemo's and not the
 * wheel's.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

/* The timer wheel (kernel/time/timer.c): level n's buckets are 8^n jiffies. */
static unsigned long wheel_granularity(unsigned long delta)
{
	unsigned int lvl = 0;

	/* Level n + 1 starts at 63 << 3n jiffies. */
	while (lvl < 8 && delta >= (63UL << (3 * lvl)))
		lvl++;
	return 1UL << (3 * lvl);
}

static int cmp_s64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The lateness figures, in the order of the table and the JSON. */
enum { L_P50, L_P99, L_MAX, NR_STATS };
static const char *const stat_name[NR_STATS] = { "p50", "p99", "max" };

static void run_period(unsigned int p, bool spread, double jiffy,
		       json_object *arr)
{
	__u64 period = g.p->timer_period_ns[p];
	__u32 count = g.p->timer_runs[p];
	unsigned int n = g.p->timer_items, s;
	__u64 want = (__u64)n * count, ns;
	unsigned long delta = (unsigned long)((period + (__u64)jiffy - 1) / (__u64)jiffy);
	unsigned long gran = wheel_granularity(delta);
	double limit = (1 + gran) * jiffy;
	int64_t *late = calloc(want, sizeof(*late)), v[NR_STATS] = { 0 };
	char what[48];
	struct periodic run = {
		.queue = "bench_t", .items = n, .count = count, .period_ns = period,
		.spread = spread, .ring = WQD_EVENTS_RING_MAX, .late = late, .poll_ns = 50 * MS,
		/* Time enough even for a machine far too slow for the rate. */
		.limit_ns = (count + 1) * period * 20 + 60 * SEC,
		.what = what, .who = "timer reader",
	};
	json_object *o = json_object_new_object();
	struct reader rd;

	if (!late)
		die("out of memory");
	snprintf(what, sizeof(what), "timers at %llu ms%s",
		 (unsigned long long)(period / MS), spread ? ", spread" : "");
	run_periodic(&run, &rd, &ns);
	if (!rd.got) {
		error("timer reader: no records");
	} else {
		qsort(late, rd.got, sizeof(*late), cmp_s64);
		v[L_P50] = late[rd.got / 2];
		v[L_P99] = late[(rd.got * 99) / 100];
		v[L_MAX] = late[rd.got - 1];
	}
	free(late);

	json_object_object_add(o, "period_ns", json_object_new_int64((int64_t)period));
	json_object_object_add(o, "items", json_object_new_int(n));
	json_object_object_add(o, "spread", json_object_new_boolean(spread));
	json_object_object_add(o, "runs", json_object_new_int64((int64_t)want));
	json_object_object_add(o, "demanded_rate_per_s",
			       json_object_new_double(n * 1e9 / period));
	json_object_object_add(o, "records", json_object_new_int64((int64_t)rd.got));
	json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
	for (s = 0; s < NR_STATS; s++) {
		char key[16];

		snprintf(key, sizeof(key), "%s_ns", stat_name[s]);
		json_object_object_add(o, key, json_object_new_int64(v[s]));
	}
	json_object_object_add(o, "jiffy_ns", json_object_new_double(jiffy));
	json_object_object_add(o, "delay_jiffies", json_object_new_int64((int64_t)delta));
	json_object_object_add(o, "wheel_granularity_jiffies", json_object_new_int64((int64_t)gran));
	json_object_object_add(o, "limit_ns", json_object_new_double(limit));
	json_object_array_add(arr, o);

	for (s = 0; s < NR_STATS; s++)
		ratio_figure(v[s] / 1e6, "ms", v[s] / limit, "limit",
			     spread && s == L_P99 ? G_MAX : G_NONE, 1.0,
			     "%u items %s %llu ms: %s lateness", n,
			     spread ? "spread, every" : "at once, every",
			     (unsigned long long)(period / MS), stat_name[s]);
	if (spread)
		figure(limit / 1e6, "ms", "  limit: 1 jiffy + wheel (%lu jiffies)", gran);
}

void bench_timers(void)
{
	json_object *arr = json_object_new_array();
	double jiffy = 1e9 / g.info.hz;
	unsigned int p;

	section("timer fidelity (lateness of periodic delayed items)");
	/*
	 * Spread, the items' timers fall due a few per jiffy: what is late
	 * is the timer. At once, all of them fall due in one jiffy and the
	 * last runs wait for the others: what is late is the queue, which
	 * is what a user who submits them in one call sees.
	 */
	for (p = 0; p < g.p->timer_periods; p++) {
		run_period(p, true, jiffy, arr);
		run_period(p, false, jiffy, arr);
	}
	raw_add("timers", arr);
}
