// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream: whether one reader follows the fastest producers
 * there are (a self-queueing item pinned to each CPU) without losing a
 * record, with the default ring and with the largest; and the highest
 * run rate the default ring follows without a loss, found by a ladder of
 * ever more items at one jiffy.
 */
#define _GNU_SOURCE
#include <stdio.h>

#include "bench.h"

#define MAX_PRODUCERS	64

/*
 * A rung of the ladder: @n delayed items re-armed every jiffy, so n * HZ
 * runs a second at most, and one reader with the default ring. Returns
 * the rate reached; @dropped what the reader lost.
 */
static double run_ladder(unsigned int n, __u64 *dropped, json_object *rungs)
{
	char what[48];
	struct periodic p = {
		.queue = "bench_l", .items = n, .count = g.p->ladder_runs,
		.period_ns = SEC / g.info.hz, .ring = 0, .late = NULL,
		.poll_ns = 20 * MS, .limit_ns = 300 * SEC,
		.what = what, .who = "ladder reader",
	};
	json_object *o = json_object_new_object();
	struct reader rd;
	__u64 executed, ns;
	double rate;

	snprintf(what, sizeof(what), "ladder of %u items", n);
	executed = run_periodic(&p, &rd, &ns);
	rate = executed / ((double)ns / 1e9);
	*dropped = rd.dropped;
	json_object_object_add(o, "items", json_object_new_int(n));
	json_object_object_add(o, "rate_per_s", json_object_new_double(rate));
	json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
	json_object_array_add(rungs, o);
	return rate;
}

/* One pinned producer per online CPU, as many as the arrays hold. */
static unsigned int nr_producers(void)
{
	unsigned int ncpu = g.info.nr_online_cpus;

	return ncpu < MAX_PRODUCERS ? ncpu : MAX_PRODUCERS;
}

/*
 * One full-speed item pinned on each CPU, @runs each, followed by one
 * reader with a ring of @ring records (0: the default). Returns the
 * rate; @rd has what the reader got and lost, @total the runs made.
 */
static double run_pinned(__u32 runs, __u32 ring, struct reader *rd, __u64 *total)
{
	unsigned int ncpu = nr_producers(), c;
	__u64 ids[MAX_PRODUCERS], t1 = 0, first = UINT64_MAX;
	struct wqd_work_info wi;

	*total = 0;
	reader_start(rd, g.queue, (__u64)runs * ncpu, ring, NULL);
	for (c = 0; c < ncpu; c++)
		ids[c] = submit_noop(g.queue, c, runs);
	for (c = 0; c < ncpu; c++) {
		if (wait_done(ids[c], runs, &wi, 600 * SEC)) {
			*total += runs;
			if (wi.last_run_ns > t1)
				t1 = wi.last_run_ns;
			if (wi.submit_ns < first)
				first = wi.submit_ns;
		}
	}
	reader_finish(rd, *total, "stream reader");
	return *total / ((double)(t1 - first) / 1e9);
}

void bench_stream(const struct exec *x)
{
	unsigned int ncpu = nr_producers(), k;
	json_object *o = json_object_new_object(), *rungs;
	struct reader rd, big;
	__u64 total, big_total;
	double rate, big_rate, best = 0, fastest;

	rate = run_pinned(x->runs, 0, &rd, &total);
	big_rate = run_pinned(x->runs, WQD_EVENTS_RING_MAX, &big, &big_total);
	json_object_object_add(o, "producers", json_object_new_int(ncpu));
	json_object_object_add(o, "rate_per_s", json_object_new_double(rate));
	json_object_object_add(o, "records", json_object_new_int64((int64_t)rd.got));
	json_object_object_add(o, "dropped", json_object_new_int64((int64_t)rd.dropped));
	json_object_object_add(o, "largest_ring_rate_per_s", json_object_new_double(big_rate));
	json_object_object_add(o, "largest_ring_dropped", json_object_new_int64((int64_t)big.dropped));
	json_object_object_add(o, "single_rate_per_s", json_object_new_double(1e9 / x->ns_1));
	json_object_object_add(o, "single_dropped", json_object_new_int64((int64_t)x->lost_1));
	raw_add("stream", o);

	section("event stream (one reader)");
	figure(rate, "runs/s", "%u pinned producers, lost %llu of %llu",
	       ncpu, (unsigned long long)rd.dropped, (unsigned long long)total);
	figure(big_rate, "runs/s", "  the same, ring of %u, lost %llu of %llu",
	       WQD_EVENTS_RING_MAX, (unsigned long long)big.dropped,
	       (unsigned long long)big_total);
	/*
	 * The target: a reader that keeps up with the fastest producers
	 * loses nothing, given the ring a user would give it for that.
	 */
	ratio_figure((double)big.dropped, "records", (double)big.dropped / big_total,
		     "runs", G_MAX, 0, "lost behind the fastest producers, ring of %u",
		     WQD_EVENTS_RING_MAX);
	/* The highest rate seen with nothing lost. */
	fastest = rate > 1e9 / x->ns ? rate : 1e9 / x->ns;
	rungs = json_object_new_array();
	if (!rd.dropped)
		best = rate;
	for (k = 0; k < g.p->nr_rungs; k++) {
		__u64 dropped;
		double rr = run_ladder(g.p->ladder[k], &dropped, rungs);

		figure(rr, "runs/s", "%u items at 1 jiffy, lost %llu",
		       g.p->ladder[k], (unsigned long long)dropped);
		if (!dropped && rr > best)
			best = rr;
	}
	json_object_object_add(o, "ladder", rungs);
	json_object_object_add(o, "best_lossless_per_s", json_object_new_double(best));
	ratio_figure(best, "runs/s", best / fastest, "fastest producers", G_NONE, 0,
		     "highest rate with 0 loss, default ring");
}
