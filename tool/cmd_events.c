// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl events": every handler run as it happens, from an event stream
 * of its own. A stream sees only what happens after it is opened, so
 * there is no backlog to print: events follows the stream until
 * interrupted (--follow, the default, as perf trace does) or until it has
 * printed --count N runs. A reader that falls behind is told how many
 * runs it lost, in the stream, where they were lost.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "labels.h"
#include "stop.h"

const char events_usage[] =
	"wqctl events [--queue Q] [--item ITEM] [--count N] [--follow] [--ring N]\n"
	"      each run from now on as it happens, until Ctrl-C (--follow, the\n"
	"      default) or N runs; times are CLOCK_MONOTONIC seconds\n"
	"      e.g. wqctl -j events --queue demo --count 8 | jq .lateness_ns\n";

enum { OPT_QUEUE = 256, OPT_ITEM, OPT_COUNT, OPT_RING };

static const struct option options[] = {
	{ "queue", required_argument, NULL, OPT_QUEUE },
	{ "item", required_argument, NULL, OPT_ITEM },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "follow", no_argument, NULL, 'f' },
	{ "ring", required_argument, NULL, OPT_RING },
	{ NULL, 0, NULL, 0 }
};

/**
 * struct events_args - "events" as the user asked for it
 * @queue: --queue, NULL for all
 * @item: --item, NULL for all
 * @count: --count: stop after this many runs, 0 never
 * @ring: --ring: records the kernel keeps for us, 0 for its default
 */
struct events_args {
	const char *queue;
	const char *item;
	__u32 count;
	__u32 ring;
};

static int parse(int argc, char **argv, struct events_args *a)
{
	bool follow = false;
	int c, err = 0;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":f", options, NULL)) != -1) {
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
			follow = true;
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
	if (follow && a->count)
		return wqctl_usage("events: --follow runs until interrupted, --count N stops after N runs: choose one");
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
		err = wqd_events_read(efd, buf, ARRAY_SIZE(buf), &n);
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
	struct events_args args = { 0 };
	struct labels labels = { 0 };
	__u64 queue_id = 0, item_id = 0;
	int ret = 1, fd, sfd = -1, efd = -1, err;

	/* Each line as it happens, also into a pipe: "| jq" works live. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	err = parse(argc, argv, &args);
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = args.queue ? wqd_queue_resolve(fd, args.queue, &queue_id) : 0;
	if (err) {
		wqctl_err(err, "queue '%s'", args.queue);
		goto out;
	}
	err = args.item ? wqd_work_resolve(fd, args.item, &item_id) : 0;
	if (err) {
		wqctl_err(err, "item '%s'", args.item);
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
	err = wqd_events_open(fd, queue_id, item_id, WQD_EVO_NONBLOCK,
			      args.ring, &efd);
	if (err) {
		wqctl_err_hint(err, err == -EINVAL ?
			       "--ring takes a power of two up to 65536" :
			       err == -ENOSPC ? "too many event streams are open" :
			       NULL, "event stream");
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
