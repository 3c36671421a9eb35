// SPDX-License-Identifier: GPL-2.0
/*
 * The execution path: wqdemo's self-queueing no-op item against the bare
 * handler the module times itself (WQD_IOC_CALIBRATE), on the same queue,
 * with 0, 1 and 4 event readers. What the item costs over the bare run is
 * wqdemo's bookkeeping; the readers add what following it costs. The bare
 * handler also runs with a clock read on every run (WQD_CALF_CLOCK), as
 * wqdemo's reads it: the part of the bookkeeping that reporting lateness
 * costs whatever the design.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/ioctl.h>

#include "bench.h"

#define MAX_READERS	4

/* The bare handler, with WQD_CALF_* @flags: ns per run. */
static double run_bare(__u64 queue, __u32 runs, __u32 flags)
{
	struct wqd_calibrate c = { .queue_id = queue, .runs = runs, .flags = flags };

	must("calibrate", ioctl(g.fd, WQD_IOC_CALIBRATE, &c));
	if (c.done != runs)
		error("calibrate: %u runs asked, %u made", runs, c.done);
	return (double)c.elapsed_ns / (runs - 1);
}

/* A plain item with no period and a count: it queues itself @runs times. */
__u64 submit_noop(__u64 queue, __u32 cpu, __u32 runs)
{
	__u64 id;
	struct wqd_work_submit s = {
		.queue_id = queue, .cpu = cpu, .count = runs, .instances = 1,
		.ids_ptr = (uintptr_t)&id,
	};

	must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	return id;
}

/*
 * wqdemo's own self-queueing no-op item, timed as calibrate times the
 * bare one: ns per run; with @readers event readers attached, which must
 * see every run.
 */
static double run_wqd(__u64 queue, __u32 runs, unsigned int readers, __u64 *lost)
{
	struct reader rd[MAX_READERS];
	struct wqd_work_info wi;
	unsigned int i;
	__u64 id;

	for (i = 0; i < readers; i++)
		reader_start(&rd[i], queue, runs, WQD_EVENTS_RING_MAX, NULL);
	id = submit_noop(queue, WQD_CPU_ANY, runs);
	wait_done(id, runs, &wi, 600 * SEC);
	*lost = 0;
	for (i = 0; i < readers; i++) {
		char who[16];

		snprintf(who, sizeof(who), "reader %u", i);
		reader_finish(&rd[i], runs, who);
		*lost += rd[i].dropped;
	}
	return (double)(wi.last_run_ns - wi.submit_ns) / (runs - 1);
}

void bench_exec(struct exec *x)
{
	static const unsigned int nreaders[] = { 0, 1, 4 };
	unsigned int reps = g.p->exec_reps, r, i;
	double bare[MAX_REPS], clk[MAX_REPS], wqd[3][MAX_REPS], ratio[3][MAX_REPS];
	double rclk[MAX_REPS], probe, b, c, w[3], rt[3], rc;
	__u64 lost[3] = { 0 }, l;
	__u32 runs;
	json_object *o = json_object_new_object();

	/* Runs enough for exec_seconds of the bare handler. */
	probe = run_bare(g.queue, 2000, 0);
	runs = (__u32)(g.p->exec_seconds * 1e9 / probe);
	if (runs < 2000)
		runs = 2000;
	if (runs > 2000000)
		runs = 2000000;
	/*
	 * Interleaved, so that a slow spell of the host hits both sides, and
	 * each rep's figures are taken against the bare runs just before and
	 * after them.
	 */
	for (r = 0; r < reps; r++) {
		bare[r] = run_bare(g.queue, runs, 0);
		clk[r] = run_bare(g.queue, runs, WQD_CALF_CLOCK);
		for (i = 0; i < 3; i++) {
			wqd[i][r] = run_wqd(g.queue, runs, nreaders[i], &l);
			lost[i] += l;
		}
		bare[r] = (bare[r] + run_bare(g.queue, runs, 0)) / 2;
		for (i = 0; i < 3; i++)
			ratio[i][r] = wqd[i][r] / bare[r] - 1;
		rclk[r] = clk[r] / bare[r] - 1;
	}
	b = median(bare, reps);
	c = median(clk, reps);
	rc = median(rclk, reps);
	for (i = 0; i < 3; i++) {
		w[i] = median(wqd[i], reps);
		rt[i] = median(ratio[i], reps);
	}

	json_object_object_add(o, "runs", json_object_new_int64(runs));
	json_object_object_add(o, "bare_ns_per_run", json_object_new_double(b));
	json_object_object_add(o, "bare_clock_ns_per_run", json_object_new_double(c));
	json_object_object_add(o, "wqd_ns_per_run", json_object_new_double(w[0]));
	json_object_object_add(o, "wqd_1_reader_ns_per_run", json_object_new_double(w[1]));
	json_object_object_add(o, "wqd_4_readers_ns_per_run", json_object_new_double(w[2]));
	json_object_object_add(o, "lost_1_reader", json_object_new_int64((int64_t)lost[1]));
	json_object_object_add(o, "lost_4_readers", json_object_new_int64((int64_t)lost[2]));
	json_object_object_add(o, "clock_read_ratio", json_object_new_double(rc));
	json_object_object_add(o, "bookkeeping_ratio", json_object_new_double(rt[0]));
	json_object_object_add(o, "bookkeeping_1_reader_ratio", json_object_new_double(rt[1]));
	json_object_object_add(o, "bookkeeping_4_readers_ratio", json_object_new_double(rt[2]));
	raw_add("exec", o);

	/*
	 * The host's speed can halve for seconds at a time, so a median of
	 * the reps' times may come from a slow spell on one side and a fast
	 * one on the other; the per-run costs are the reps' ratios in ns of
	 * the median bare run, which keeps each ns figure and its ratio one
	 * estimate.
	 */
	section("execution path (self-queueing no-op, runs per second)");
	figure(1e9 / b, "runs/s", "bare handler (calibrate)");
	figure(1e9 / c, "runs/s", "bare handler, a clock read a run");
	ratio_figure(rc * b, "ns", rc, "bare run", G_NONE, 0,
		     "  a clock read per run");
	figure(1e9 / w[0], "runs/s", "wqdemo item");
	ratio_figure(rt[0] * b, "ns", rt[0], "bare run", G_MAX, 0.10,
		     "  bookkeeping per run");
	/* wqdemo reads the clock once a run: the rest is its own. */
	ratio_figure((rt[0] - rc) * b, "ns", rt[0] - rc, "bare run", G_NONE, 0,
		     "  bookkeeping less its clock read");
	for (i = 1; i < 3; i++) {
		const char *readers = nreaders[i] == 1 ? "reader" : "readers";

		figure(1e9 / w[i], "runs/s", "wqdemo item, %u %s (lost %llu)",
		       nreaders[i], readers, (unsigned long long)lost[i]);
		ratio_figure(rt[i] * b, "ns", rt[i], "bare run", G_NONE, 0,
			     "  bookkeeping + %u %s per run", nreaders[i], readers);
	}

	x->runs = runs;
	x->ns = w[0];
	x->ns_1 = w[1];
	x->lost_1 = lost[1];
}
