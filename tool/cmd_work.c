// SPDX-License-Identifier: GPL-2.0
/* "wqctl work": submit, list, show, cancel, flush, mod. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "objects.h"
#include "opts.h"
#include "stop.h"

/*
 * --owned: the kernel cancels and frees the items when their fd closes,
 * so hold the fd until told to stop. SIGINT and SIGTERM are blocked from
 * before the submit: one that comes early waits here instead of killing
 * the process, and the exit is a clean 0 either way.
 */
static void hold_until_signal(const sigset_t *signals)
{
	int sig;

	while (sigwait(signals, &sig))
		;
}

/*
 * Prints the new ids, one a line, and nothing else, so that
 * id=$(wqctl work submit ...) works. In JSON mode it prints
 * {"ids": [N, ...]} whatever --instances is: one shape for scripts, not
 * an "id" that turns into "ids" when a number changes.
 */
static int work_submit(int argc, char **argv)
{
	struct submit_args args;
	__u64 *ids = NULL;
	sigset_t signals;
	int ret = 1, fd = -1, err;
	bool owned;
	__u32 i;

	err = submit_parse(argc, argv, &args);
	if (err)
		return err;
	owned = args.req.flags & WQD_WF_OWNED;
	if (args.name) {
		err = libwqd_set_name(args.req.name, args.name);
		if (err)
			return wqctl_fail(err, ON_LABEL, args.name);
	}
	ids = calloc(args.req.instances, sizeof(*ids));
	if (!ids)
		return wqctl_err(-ENOMEM, "submit");

	fd = cmd_open_queue(true, args.queue, &args.req.queue_id);
	if (fd < 0)
		goto out;
	if (owned)
		stop_block(&signals);
	err = libwqd_work_submit(fd, &args.req, ids);
	if (err) {
		wqctl_fail(err, ON_SUBMIT, args.queue);
		goto out;
	}

	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_ids(ids, args.req.instances));
	else
		for (i = 0; i < args.req.instances; i++)
			printf("%llu\n", ids[i]);
	if (!err && fflush(stdout))
		err = -errno;
	ret = cmd_output(err);
	if (!ret && owned)
		hold_until_signal(&signals);
out:
	if (fd >= 0)
		close(fd);
	free(ids);
	return ret;
}

/* Queues by id, for the names of the items' queues. */
static int load_queues(int fd, struct wqd_queue_info **queues, size_t *n)
{
	int err = libwqd_queue_list(fd, queues, n);

	return err ? wqctl_err(err, "queue list") : 0;
}

enum { OPT_QUEUE = 256, OPT_ASYNC, OPT_DELAY };

static const struct cmd_opt list_opts[] = {
	{ "queue", "Q", OPT_QUEUE, 0, "only the items of queue Q" },
	{ NULL, NULL, 0, 0, NULL }
};

/**
 * work_list_parse() - the command line of "work list [--queue Q]"
 * @argc: its arguments, argv[0] being "list"
 * @argv: its arguments
 * @a: out: @a->queue
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int work_list_parse(int argc, char **argv, struct work_args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, list_opts)) != -1) {
		if (c != OPT_QUEUE)
			return cmd_bad_option(c, argv);
		a->queue = optarg;
	}
	return cmd_args(argc, argv, 0, "");
}

/* "work list [--queue Q]": every item, or one queue's. */
static int work_list(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	struct wqd_work_info *items = NULL;
	struct work_args a;
	int ret = 1, fd, err;
	__u64 queue_id = 0;
	size_t n, nr_queues;

	err = work_list_parse(argc, argv, &a);
	if (err)
		return err;

	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = a.queue ? libwqd_queue_resolve(fd, a.queue, &queue_id) : 0;
	if (!err)
		err = libwqd_work_list(fd, queue_id, &items, &n);
	if (err) {
		if (a.queue)
			wqctl_fail(err, ON_QUEUE, a.queue);
		else
			wqctl_err(err, "work list");
		goto out;
	}
	if (load_queues(fd, &queues, &nr_queues))
		goto out;
	err = wqctl_opts.json ?
	      jsonw_emit(jsonw_works(items, n, queues, nr_queues)) :
	      fmt_works(stdout, items, n, queues, nr_queues);
	ret = cmd_output(err);
out:
	free(queues);
	free(items);
	close(fd);
	return ret;
}

static int work_show(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	struct wqd_work_info item;
	int ret = 1, fd, err;
	const char *queue;
	size_t nr_queues;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "ITEM");
	if (err)
		return err;
	fd = cmd_open_item(false, argv[optind], &id);
	if (fd < 0)
		return ret;
	err = libwqd_work_info(fd, id, &item);
	if (err) {
		wqctl_fail(err, ON_ITEM, argv[optind]);
		goto out;
	}
	if (load_queues(fd, &queues, &nr_queues))
		goto out;
	queue = libwqd_queue_name(queues, nr_queues, item.queue_id);
	err = wqctl_opts.json ? jsonw_emit(jsonw_work(&item, queue)) :
	      fmt_work(stdout, &item, queue, dur_now_ns());
	ret = cmd_output(err);
out:
	free(queues);
	close(fd);
	return ret;
}

/**
 * struct item_op - cancel, flush or mod: one call on one item, which
 *	answers yes or no
 * @call: the call, with the command line's options; the answer goes to
 *	its last argument
 * @on: what a failure of @call is about
 * @done: the word a text answer starts with: "cancelled"
 * @key: the answer's key in JSON: "pending"
 * @yes_text: the answer in words, when it is yes: "was pending"
 * @no_text: and when it is no: "was not pending"
 */
struct item_op {
	int (*call)(int fd, __u64 id, const struct work_args *a, bool *yes);
	enum wqctl_on on;
	const char *done;
	const char *key;
	const char *yes_text;
	const char *no_text;
};

/*
 * Open for writing, find @a->item, make the call and answer: "cancelled
 * 5 (was pending)", or {"id": 5, "pending": true}.
 */
static int item_op(const struct work_args *a, const struct item_op *op)
{
	int ret = 1, fd, err;
	bool yes;
	__u64 id;

	fd = cmd_open_item(true, a->item, &id);
	if (fd < 0)
		return ret;
	err = op->call(fd, id, a, &yes);
	if (err) {
		wqctl_fail(err, op->on, a->item);
		goto out;
	}
	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_result(id, op->key, yes));
	else
		printf("%s %llu (%s)\n", op->done, id,
		       yes ? op->yes_text : op->no_text);
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}

static const struct cmd_opt cancel_opts[] = {
	{ "async", NULL, OPT_ASYNC, 0,
	  "cancel_[delayed_]work(): don't wait for a running handler" },
	{ NULL, NULL, 0, 0, NULL }
};

/**
 * work_cancel_parse() - the command line of "work cancel ITEM [--async]"
 * @argc: its arguments, argv[0] being "cancel"
 * @argv: its arguments
 * @a: out: @a->item and @a->async
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int work_cancel_parse(int argc, char **argv, struct work_args *a)
{
	int c, err;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, cancel_opts)) != -1) {
		if (c != OPT_ASYNC)
			return cmd_bad_option(c, argv);
		a->async = true;
	}
	err = cmd_args(argc, argv, 1, "ITEM");
	if (!err)
		a->item = argv[optind];
	return err;
}

/* cancel_work_sync() / cancel_delayed_work_sync(), or without _sync. */
static int cancel_call(int fd, __u64 id, const struct work_args *a,
		       bool *pending)
{
	return libwqd_work_cancel(fd, id, a->async, pending);
}

static const struct item_op cancel_op = {
	.call = cancel_call,
	.on = ON_ITEM,
	.done = "cancelled",
	.key = "pending",
	.yes_text = "was pending",
	.no_text = "was not pending",
};

static int work_cancel(int argc, char **argv)
{
	struct work_args a;
	int err;

	err = work_cancel_parse(argc, argv, &a);
	return err ? err : item_op(&a, &cancel_op);
}

/* flush_work() / flush_delayed_work(): wait for the pending run. */
static int flush_call(int fd, __u64 id,
		      const struct work_args *a __attribute__((unused)),
		      bool *waited)
{
	return libwqd_work_flush(fd, id, waited);
}

static const struct item_op flush_op = {
	.call = flush_call,
	.on = ON_ITEM,
	.done = "flushed",
	.key = "waited",
	.yes_text = "waited",
	.no_text = "was idle",
};

static int work_flush(int argc, char **argv)
{
	struct work_args a = { 0 };
	int err;

	err = cmd_plain(argc, argv, 1, "ITEM");
	if (err)
		return err;
	a.item = argv[optind];
	return item_op(&a, &flush_op);
}

static const struct cmd_opt mod_opts[] = {
	{ "delay", "DUR", OPT_DELAY, CMD_OPT_REQUIRED,
	  "the new delay, from now (required)" },
	{ NULL, NULL, 0, 0, NULL }
};

/**
 * work_mod_parse() - the command line of "work mod ITEM --delay DUR"
 * @argc: its arguments, argv[0] being "mod"
 * @argv: its arguments
 * @a: out: @a->item and @a->delay_ns
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int work_mod_parse(int argc, char **argv, struct work_args *a)
{
	bool delay = false;
	int c, err;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, mod_opts)) != -1) {
		err = c == OPT_DELAY ? cmd_dur("--delay", optarg, &a->delay_ns) :
				       cmd_bad_option(c, argv);
		if (err)
			return err;
		delay = true;
	}
	err = cmd_args(argc, argv, 1, "ITEM");
	if (err)
		return err;
	if (!delay)
		return wqctl_usage("mod: missing --delay DUR");
	a->item = argv[optind];
	return 0;
}

/* mod_delayed_work(): a delayed item's timer, re-armed from now. */
static int mod_call(int fd, __u64 id, const struct work_args *a,
		    bool *pending)
{
	return libwqd_work_mod(fd, id, a->delay_ns, pending);
}

static const struct item_op mod_op = {
	.call = mod_call,
	.on = ON_ITEM_MOD,
	.done = "modified",
	.key = "pending",
	.yes_text = "was pending",
	.no_text = "was not pending",
};

static int work_mod(int argc, char **argv)
{
	struct work_args a;
	int err;

	err = work_mod_parse(argc, argv, &a);
	return err ? err : item_op(&a, &mod_op);
}

static const struct cmd_help list_help = {
	.summary = "Every work item, or those of one queue: state, runs, period, timings.\n",
	.opts = list_opts,
	.example = "wqctl work list --queue myq\n",
};

static const struct cmd_help show_help = {
	.args = "ITEM",
	.summary = "One item: state, runs, last CPU and worker, lateness and runtime.\n",
	.example = "wqctl work show tick\n",
};

static const struct cmd_help cancel_help = {
	.args = "ITEM",
	.summary = "Cancel an item and say whether it was pending.\n"
		   "cancel_work_sync() or cancel_delayed_work_sync() wait for a running\n"
		   "handler to return; with --async, cancel_work() or cancel_delayed_work()\n"
		   "do not.\n",
	.opts = cancel_opts,
	.example = "wqctl work cancel tick --async\n",
};

static const struct cmd_help flush_help = {
	.args = "ITEM",
	.summary = "Wait for an item's pending run to end, and say whether there was one.\n"
		   "flush_work(), or flush_delayed_work(), which fires the timer at once.\n",
	.example = "wqctl work flush tick\n",
};

static const struct cmd_help mod_help = {
	.args = "ITEM",
	.summary = "Re-arm a delayed item's timer to fire DUR from now: mod_delayed_work().\n"
		   "Says whether the item was pending.\n",
	.opts = mod_opts,
	.example = "wqctl work mod tick --delay 500ms\n",
};

/* The first entry is what "wqctl work" alone runs. */
const struct cmd work_cmds[] = {
	{ "list", work_list, NULL, &list_help },
	{ "submit", work_submit, NULL, &submit_help },
	{ "show", work_show, NULL, &show_help },
	{ "cancel", work_cancel, NULL, &cancel_help },
	{ "flush", work_flush, NULL, &flush_help },
	{ "mod", work_mod, NULL, &mod_help },
	{ NULL, NULL, NULL, NULL }
};
