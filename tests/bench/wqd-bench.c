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
 *     batch submit (instances) per item; the submit floor, the null ioctl
 *     plus the module's bare submits (WQD_CALF_SUBMIT);
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
 *
 * This file has the options, the plans and the order of the parts; each
 * part has a file of its own beside it (floor.c, control.c and memory.c,
 * exec.c, stream.c, timers.c), and what they share is in bench.h.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "bench.h"

static const struct plan full_plan = {
	.null_calls = 20000,
	.levels = { 100, 1000, 10000, 100000 },
	.nr_levels = 4,
	.ops_rounds = 15,
	.ops_batch = 50,
	.batch_items = 1000,
	.exec_seconds = 0.2,
	.exec_reps = 15,
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
	struct exec exec;
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
	/* The parts keep each round's figures in arrays of these sizes. */
	if (g.p->ops_rounds > MAX_ROUNDS || g.p->exec_reps > MAX_REPS)
		die("the plan asks for more rounds than the parts hold");
	/* A round's bare submits are one call (control.c). */
	if (g.p->ops_batch > WQD_CALIBRATE_MAX_SUBMITS)
		die("the plan asks for more bare submits than one call makes");
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (calibrate)
		return calibrate_once(dev, cal_runs, cal_queue);

	g.fd = open(dev, O_RDWR | O_CLOEXEC);
	if (g.fd < 0)
		die("%s: %s (is wqdemo loaded, and are we root?)", dev, strerror(errno));
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));
	get_info(&g.info);
	report_begin();

	g.queue = queue_create("bench");
	bench_floor();
	bench_control();
	bench_exec(&exec);
	bench_stream(&exec);
	bench_timers();
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));

	report_end(json_path, t0);
	return g.errors ? 1 : 0;
}
