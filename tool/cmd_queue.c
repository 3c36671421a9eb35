// SPDX-License-Identifier: GPL-2.0
/* "wqctl queue": create, list, show, flush, drain, destroy. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "objects.h"
#include "opts.h"

enum {
	OPT_LEGACY = 256,
	OPT_LEGACY_SINGLE,
	OPT_ORDERED,
	OPT_MAX_ACTIVE,
	OPT_FLAG = 0x1000,	/* + a WQD_QF_* flag */
};

/*
 * One option per kernel call and per WQ_* flag. --power-efficient and
 * --bh are beyond the contract's grammar: the ABI has the flags, and
 * a lab should reach all of them (--bh fails with EOPNOTSUPP before 6.9).
 */
static const struct cmd_opt create_opts[] = {
	{ "legacy", NULL, OPT_LEGACY, 0,
	  "create_workqueue(), the tutorial's queue" },
	{ "legacy-single", NULL, OPT_LEGACY_SINGLE, CMD_OPT_OR,
	  "create_singlethread_workqueue()" },
	{ "ordered", NULL, OPT_ORDERED, CMD_OPT_OR,
	  "alloc_ordered_workqueue(): one at a time, in order" },
	{ "unbound", NULL, OPT_FLAG + WQD_QF_UNBOUND, 0,
	  "WQ_UNBOUND: workers not bound to the CPU" },
	{ "highpri", NULL, OPT_FLAG + WQD_QF_HIGHPRI, 0,
	  "WQ_HIGHPRI: the high-priority worker pools" },
	{ "cpu-intensive", NULL, OPT_FLAG + WQD_QF_CPU_INTENSIVE, 0,
	  "WQ_CPU_INTENSIVE: long handlers don't hold others" },
	{ "freezable", NULL, OPT_FLAG + WQD_QF_FREEZABLE, 0,
	  "WQ_FREEZABLE: frozen during system suspend" },
	{ "mem-reclaim", NULL, OPT_FLAG + WQD_QF_MEM_RECLAIM, 0,
	  "WQ_MEM_RECLAIM: a rescuer thread for memory pressure" },
	{ "sysfs", NULL, OPT_FLAG + WQD_QF_SYSFS, 0,
	  "WQ_SYSFS: in /sys/devices/virtual/workqueue" },
	{ "power-efficient", NULL, OPT_FLAG + WQD_QF_POWER_EFFICIENT, 0,
	  "WQ_POWER_EFFICIENT: unbound if the kernel says so" },
	{ "bh", NULL, OPT_FLAG + WQD_QF_BH, 0,
	  "WQ_BH: handlers in softirq context (Linux 6.9+)" },
	{ "max-active", "N", OPT_MAX_ACTIVE, 0,
	  "most handlers running at once per CPU; 0: default" },
	{ NULL, NULL, 0, 0, NULL }
};

static int kind_option(int c, struct wqd_queue_create *create, bool *kind)
{
	if (*kind)
		return wqctl_usage("create: --legacy, --legacy-single and --ordered exclude each other");
	*kind = true;
	create->kind = c == OPT_LEGACY ? WQD_KIND_LEGACY :
		       c == OPT_LEGACY_SINGLE ? WQD_KIND_LEGACY_SINGLE :
		       WQD_KIND_ORDERED;
	return 0;
}

/**
 * queue_create_parse() - the command line of "queue create"
 * @argc: its arguments, argv[0] being "create"
 * @argv: its arguments
 * @a: out: the request and the name
 *
 * Which flags each kernel call takes is the kernel's to judge (EINVAL):
 * the options map one to one onto the ABI, and only what cannot be said
 * in it at all is a usage error.
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int queue_create_parse(int argc, char **argv, struct queue_create_args *a)
{
	bool kind = false;
	int c, ret;

	memset(a, 0, sizeof(*a));
	a->req.kind = WQD_KIND_ALLOC;
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, create_opts)) != -1) {
		switch (c) {
		case OPT_LEGACY:
		case OPT_LEGACY_SINGLE:
		case OPT_ORDERED:
			ret = kind_option(c, &a->req, &kind);
			break;
		case OPT_MAX_ACTIVE:
			ret = cmd_u32("--max-active", optarg,
				      &a->req.max_active);
			break;
		default:
			/* getopt's '?' and ':' are below OPT_FLAG. */
			if (c < OPT_FLAG)
				return cmd_bad_option(c, argv);
			a->req.flags |= c - OPT_FLAG;
			ret = 0;
		}
		if (ret)
			return ret;
	}
	ret = cmd_args(argc, argv, 1, "NAME");
	if (ret)
		return ret;
	a->name = argv[optind];
	return 0;
}

/* Prints the new id and nothing else: id=$(wqctl queue create q) works. */
static int queue_create(int argc, char **argv)
{
	struct queue_create_args a;
	int ret = 1, fd, err;

	err = queue_create_parse(argc, argv, &a);
	if (err)
		return err;
	err = libwqd_set_name(a.req.name, a.name);
	if (err)
		return wqctl_fail(err, ON_QUEUE_CREATE, a.name);
	fd = cmd_open(true);
	if (fd < 0)
		return ret;
	err = libwqd_queue_create(fd, &a.req);
	if (err) {
		wqctl_fail(err, ON_QUEUE_CREATE, a.name);
		goto out;
	}
	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_id(a.req.id));
	else
		printf("%llu\n", a.req.id);
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}

static int queue_list(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	int ret = 1, fd, err;
	size_t n;

	err = cmd_plain(argc, argv, 0, "");
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = libwqd_queue_list(fd, &queues, &n);
	if (err) {
		wqctl_err(err, "queue list");
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_queues(queues, n)) :
				fmt_queues(stdout, queues, n);
	ret = cmd_output(err);
out:
	free(queues);
	close(fd);
	return ret;
}

static int queue_show(int argc, char **argv)
{
	struct wqd_queue_info queue;
	int ret = 1, fd, err;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "Q");
	if (err)
		return err;
	fd = cmd_open_queue(false, argv[optind], &id);
	if (fd < 0)
		return ret;
	err = libwqd_queue_info(fd, id, &queue);
	if (err) {
		wqctl_fail(err, ON_QUEUE, argv[optind]);
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_queue(&queue)) :
				fmt_queue(stdout, &queue);
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}

/* flush, drain, destroy: silent on success; JSON says {"id": N}. */
static int queue_op(int argc, char **argv, int (*op)(int fd, __u64 id),
		    enum wqctl_on on)
{
	int ret = 1, fd, err;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "Q");
	if (err)
		return err;
	fd = cmd_open_queue(true, argv[optind], &id);
	if (fd < 0)
		return ret;
	err = op(fd, id);
	if (err) {
		wqctl_fail(err, on, argv[optind]);
		goto out;
	}
	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_id(id));
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}

static int queue_flush(int argc, char **argv)
{
	return queue_op(argc, argv, libwqd_queue_flush, ON_QUEUE_FLUSH);
}

static int queue_drain(int argc, char **argv)
{
	return queue_op(argc, argv, libwqd_queue_drain, ON_QUEUE_DRAIN);
}

/* The kernel cancels the queue's items first, then destroys it. */
static int queue_destroy(int argc, char **argv)
{
	return queue_op(argc, argv, libwqd_queue_destroy, ON_QUEUE_DESTROY);
}

static const struct cmd_help list_help = {
	.summary = "Every queue, built-in ones first, with its kind, flags and counters.\n",
	.example = "wqctl queue list\n",
};

static const struct cmd_help create_help = {
	.args = "NAME",
	.summary = "Create a workqueue and print its id, and nothing else.\n"
		   "Without --legacy, --legacy-single or --ordered it comes from\n"
		   "alloc_workqueue() with the flags given; which flags a kind takes\n"
		   "is the kernel's to judge. The kernel's name for it is wqd_NAME.\n",
	.opts = create_opts,
	.example = "wqctl queue create myq --ordered\n"
		   "q=$(wqctl queue create tut --legacy)\n",
};

static const struct cmd_help show_help = {
	.args = "Q",
	.summary = "One queue: its kind, flags, max_active and counters.\n",
	.example = "wqctl queue show system_unbound\n",
};

static const struct cmd_help flush_help = {
	.args = "Q",
	.summary = "flush_workqueue(): wait until every item queued so far has run.\n"
		   "Built-in queues are refused: the kernel forbids flushing them.\n",
	.example = "wqctl queue flush myq\n",
};

static const struct cmd_help drain_help = {
	.args = "Q",
	.summary = "drain_workqueue(): stop the items repeating and wait till it is empty.\n"
		   "Built-in queues are refused.\n",
	.example = "wqctl queue drain myq\n",
};

static const struct cmd_help destroy_help = {
	.args = "Q",
	.summary = "Cancel every item on the queue, then destroy_workqueue().\n"
		   "Built-in queues are refused.\n",
	.example = "wqctl queue destroy myq\n",
};

/* The first entry is what "wqctl queue" alone runs. */
const struct cmd queue_cmds[] = {
	{ "list", queue_list, NULL, &list_help },
	{ "create", queue_create, NULL, &create_help },
	{ "show", queue_show, NULL, &show_help },
	{ "flush", queue_flush, NULL, &flush_help },
	{ "drain", queue_drain, NULL, &drain_help },
	{ "destroy", queue_destroy, NULL, &destroy_help },
	{ NULL, NULL, NULL, NULL }
};
