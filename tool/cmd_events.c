// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl events": every handler run as it happens, from an event stream
 * of its own. A stream sees only what happens after it is opened, so
 * there is no backlog to print: events follows the stream (--follow, the
 * default, as perf trace does) until interrupted, or until it has
 * printed --count N runs, with --follow or without. A reader that falls
 * behind is told how many runs it lost, in the stream, where they were
 * lost.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "labels.h"
#include "lib/array_size.h"
#include "objects.h"
#include "opts.h"
#include "stop.h"

enum { OPT_QUEUE = 256, OPT_ITEM, OPT_COUNT, OPT_RING };

static const struct cmd_opt events_opts[] = {
	{ "queue", "Q", OPT_QUEUE, 0, "only the runs of queue Q's items" },
	{ "item", "ITEM", OPT_ITEM, 0, "only the runs of ITEM" },
	{ "count", "N", OPT_COUNT, 0,
	  "stop after N runs, with --follow or without" },
	{ "follow", NULL, 'f', 0,
	  "follow until Ctrl-C (the default); --count N still stops" },
	{ "ring", "N", OPT_RING, 0,
	  "records the kernel keeps for us: 2^n, default 4096" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help events_help = {
	.summary = "Each handler run from now on, a line per run as it happens, until\n"
		   "Ctrl-C or --count N runs: time (CLOCK_MONOTONIC seconds), CPU, the\n"
		   "tutorial's words (work_func, a:3), lateness and runtime. A reader\n"
		   "that falls behind is told how many runs it lost.\n",
	.opts = events_opts,
	.example = "wqctl events --queue myq --count 8\n"
		   "wqctl -j events --follow | jq .lateness_ns\n",
};

/**
 * events_parse() - the command line of "events"
 * @argc: its arguments, argv[0] being "events"
 * @argv: its arguments
 * @a: out: filters, count and ring size
 *
 * --follow is what events does anyway; it is there for the eye and for
 * scripts, and goes with --count (which stops it) as well as without.
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int events_parse(int argc, char **argv, struct events_args *a)
{
	int c, err = 0;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, events_opts)) != -1) {
		switch (c) {
		case OPT_QUEUE:
			a->queue = optarg;
			break;
		case OPT_ITEM:
			a->item = optarg;
			break;
		case OPT_COUNT:
			err = cmd_u32("--count", optarg, &a->count);
			break;
		case 'f':
			break;
		case OPT_RING:
			err = cmd_u32("--ring", optarg, &a->ring);
			break;
		default:
			return cmd_bad_option(c, argv);
		}
		if (err)
			return err;
	}
	return cmd_args(argc, argv, 0, "");
}

/* One record, as a line; a run's label is looked up only when needed. */
static int print(int fd, struct labels *labels, const struct wqd_event *ev)
{
	const char *label = NULL;

	if (ev->type == WQD_EV_RUN)
		label = labels_get(labels, fd, ev->item_id);
	if (wqctl_opts.json)
		return jsonw_emit(jsonw_event(ev, label));
	return fmt_event(stdout, ev, label);
}

/* Until a stop signal, --count runs, or a failure. */
static int follow(int fd, int efd, int sfd, struct labels *labels,
		  __u32 count)
{
	struct wqd_event buf[64];
	__u32 runs = 0;
	size_t n, i;
	int err;

	for (;;) {
		err = stop_wait(sfd, efd, 0);
		if (err < 0)
			return wqctl_err(err, "poll");
		if (err == STOP_SIGNAL)
			return 0;
		err = libwqd_events_read(efd, buf, ARRAY_SIZE(buf), &n);
		if (err == -EAGAIN)
			continue;
		if (err)
			return wqctl_err(err, "event stream");
		for (i = 0; i < n; i++) {
			err = print(fd, labels, &buf[i]);
			if (err)
				return wqctl_err(err, "output");
			if (buf[i].type == WQD_EV_RUN && count &&
			    ++runs == count)
				return 0;
		}
		/* A reader gone away: main() reports it. */
		if (ferror(stdout))
			return 0;
	}
}

int events_main(int argc, char **argv)
{
	struct events_args args;
	struct labels labels = { 0 };
	__u64 queue_id = 0, item_id = 0;
	int ret = 1, fd, sfd = -1, efd = -1, err;

	/* Each line as it happens, also into a pipe: "| jq" works live. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	err = events_parse(argc, argv, &args);
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = args.queue ? libwqd_queue_resolve(fd, args.queue, &queue_id) : 0;
	if (err) {
		wqctl_fail(err, ON_QUEUE, args.queue);
		goto out;
	}
	err = args.item ? libwqd_work_resolve(fd, args.item, &item_id) : 0;
	if (err) {
		wqctl_fail(err, ON_ITEM, args.item);
		goto out;
	}
	err = labels_load(&labels, fd);
	if (err) {
		wqctl_err(err, "work list");
		goto out;
	}
	sfd = stop_fd();
	if (sfd < 0) {
		wqctl_err(sfd, "signalfd");
		goto out;
	}
	/*
	 * Batched wakeups: a line shown up to a jiffy late costs the user
	 * nothing, a wakeup per run slows the very runs followed.
	 */
	err = libwqd_events_open(fd, queue_id, item_id,
				 WQD_EVO_NONBLOCK | WQD_EVO_BATCH, args.ring,
				 &efd);
	if (err) {
		wqctl_fail(err, ON_EVENTS, NULL);
		goto out;
	}
	ret = follow(fd, efd, sfd, &labels, args.count);
out:
	if (efd >= 0)
		close(efd);
	if (sfd >= 0)
		close(sfd);
	labels_free(&labels);
	close(fd);
	return ret;
}
