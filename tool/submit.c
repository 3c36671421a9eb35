// SPDX-License-Identifier: GPL-2.0
/*
 * The command line of "work submit". The contract's rules live here:
 * --delay, even --delay 0, makes a delayed item; --count is 1 without
 * --period (run once) and 0 with it (until cancelled).
 */
#include <getopt.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "err.h"

enum {
	OPT_QUEUE = 256,
	OPT_DELAY,
	OPT_PERIOD,
	OPT_COUNT,
	OPT_BUSY,
	OPT_SLEEP,
	OPT_CPU,
	OPT_NAME,
	OPT_OWNED,
	OPT_INSTANCES,
	OPT_HIST,
};

static const struct cmd_opt submit_opts[] = {
	{ "queue", "Q", OPT_QUEUE, 0,
	  "the queue to submit to (default: system)" },
	{ "delay", "DUR", OPT_DELAY, 0,
	  "make it delayed work, run DUR after the submit" },
	{ "period", "DUR", OPT_PERIOD, 0,
	  "repeat: sleep DUR in the handler, or re-arm with DUR" },
	{ "count", "N", OPT_COUNT, 0,
	  "runs in all (default: 1; with --period, 0: no end)" },
	{ "busy", "DUR", OPT_BUSY, 0,
	  "payload: spin on the CPU for DUR in every run" },
	{ "sleep", "DUR", OPT_SLEEP, 0,
	  "payload: sleep for DUR in every run" },
	{ "cpu", "N", OPT_CPU, 0,
	  "queue on CPU N: queue_work_on(), queue_delayed_work_on()" },
	{ "name", "LABEL", OPT_NAME, 0,
	  "a label, usable wherever an ITEM is asked for" },
	{ "owned", NULL, OPT_OWNED, 0,
	  "stay until Ctrl-C; then the kernel cancels the items" },
	{ "instances", "N", OPT_INSTANCES, 0,
	  "submit N identical items in one call, print N ids" },
	{ "hist", NULL, OPT_HIST, 0,
	  "keep log2 histograms of this item's lateness and runtime (stats --hist --item)" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help submit_help = {
	.summary = "Submit a work item and print its id, and nothing else: id=$(...) works.\n"
		   "Without --delay it is a work_struct, queued with queue_work(); with it,\n"
		   "even --delay 0, a delayed_work, queued with queue_delayed_work().\n"
		   "Without --period it runs once.\n",
	.opts = submit_opts,
	.example = "wqctl work submit --name tick --delay 0 --period 1s\n",
};

static int option(int c, char **argv, struct submit_args *a, bool *period,
		  bool *count)
{
	struct wqd_work_submit *req = &a->req;

	switch (c) {
	case OPT_QUEUE:
		a->queue = optarg;
		return 0;
	case OPT_DELAY:
		req->flags |= WQD_WF_DELAYED;
		return cmd_dur("--delay", optarg, &req->delay_ns);
	case OPT_PERIOD:
		*period = true;
		return cmd_dur("--period", optarg, &req->period_ns);
	case OPT_COUNT:
		*count = true;
		return cmd_u32("--count", optarg, &req->count);
	case OPT_BUSY:
		return cmd_dur("--busy", optarg, &req->busy_ns);
	case OPT_SLEEP:
		return cmd_dur("--sleep", optarg, &req->sleep_ns);
	case OPT_CPU:
		/* The ABI's "any CPU" is not a CPU one can ask for. */
		if (cmd_u32("--cpu", optarg, &req->cpu) ||
		    req->cpu == WQD_CPU_ANY)
			return wqctl_usage("submit: --cpu '%s' is not a CPU",
					   optarg);
		return 0;
	case OPT_NAME:
		a->name = optarg;
		return 0;
	case OPT_OWNED:
		req->flags |= WQD_WF_OWNED;
		return 0;
	case OPT_INSTANCES:
		return cmd_u32("--instances", optarg, &req->instances);
	case OPT_HIST:
		req->flags |= WQD_WF_HIST;
		return 0;
	default:
		return cmd_bad_option(c, argv);
	}
}

/**
 * submit_parse() - the command line of "work submit"
 * @argc: its arguments, argv[0] being "submit"
 * @argv: its arguments
 * @args: out: the request
 *
 * Only what the command line alone can tell is checked here; limits and
 * CPU numbers are the kernel's to judge.
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int submit_parse(int argc, char **argv, struct submit_args *args)
{
	bool period = false, count = false;
	int c, ret;

	memset(args, 0, sizeof(*args));
	args->queue = "system";
	args->req.cpu = WQD_CPU_ANY;
	args->req.instances = 1;

	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, submit_opts)) != -1) {
		ret = option(c, argv, args, &period, &count);
		if (ret)
			return ret;
	}
	ret = cmd_args(argc, argv, 0, "");
	if (ret)
		return ret;

	if (!count)
		args->req.count = period ? 0 : 1;
	/*
	 * The ABI refuses this with EINVAL (until cancelled needs a period,
	 * and --period 0 is no period to it); say why in the user's terms.
	 */
	if (!args->req.count && !args->req.period_ns)
		return wqctl_usage("submit: --count 0 (until cancelled) needs a non-zero --period");
	if (!args->req.instances)
		return wqctl_usage("submit: --instances must be at least 1");
	return 0;
}
