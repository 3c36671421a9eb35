// SPDX-License-Identifier: GPL-2.0
/* "wqctl work": submit, list, show, cancel, flush, mod. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "stop.h"
#include "submit.h"

const char work_usage[] =
	"wqctl work submit [--queue Q] [--delay DUR] [--period DUR] [--count N]\n"
	"      [--busy DUR] [--sleep DUR] [--cpu N] [--name LABEL] [--owned]\n"
	"      [--instances N]\n"
	"wqctl work list [--queue Q] | show ITEM | cancel ITEM [--async] | flush ITEM\n"
	"wqctl work mod ITEM --delay DUR\n";

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
		err = wqd_set_name(args.req.name, args.name);
		if (err)
			return wqctl_err(err, "label '%s'", args.name);
	}
	ids = calloc(args.req.instances, sizeof(*ids));
	if (!ids)
		return wqctl_err(-ENOMEM, "submit");

	fd = cmd_open(true);
	if (fd < 0)
		goto out;
	err = wqd_queue_resolve(fd, args.queue, &args.req.queue_id);
	if (err) {
		wqctl_err(err, "queue '%s'", args.queue);
		goto out;
	}
	if (owned)
		stop_block(&signals);
	err = wqd_work_submit(fd, &args.req, ids);
	if (err) {
		wqctl_err(err, "submit to queue '%s'", args.queue);
		goto out;
	}

	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_ids(ids, args.req.instances));
	else
		for (i = 0; i < args.req.instances; i++)
			printf("%llu\n", ids[i]);
	if (!err && fflush(stdout))
		err = -errno;
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	if (owned)
		hold_until_signal(&signals);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	free(ids);
	return ret;
}

/* Queues by id, for the names of the items' queues. */
static int load_queues(int fd, struct wqd_queue_info **queues, size_t *n)
{
	int err = wqd_queue_list(fd, queues, n);

	return err ? wqctl_err(err, "queue list") : 0;
}

enum { OPT_QUEUE = 256, OPT_ASYNC, OPT_DELAY };

static const struct option list_options[] = {
	{ "queue", required_argument, NULL, OPT_QUEUE },
	{ NULL, 0, NULL, 0 }
};

/* "work list [--queue Q]": every item, or one queue's. */
static int work_list(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	struct wqd_work_info *items = NULL;
	const char *queue = NULL;
	int ret = 1, fd, err, c;
	__u64 queue_id = 0;
	size_t n, nr_queues;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":", list_options, NULL)) != -1) {
		if (c != OPT_QUEUE)
			return cmd_bad_option(c, argv);
		queue = optarg;
	}
	err = cmd_args(argc, argv, 0, "");
	if (err)
		return err;

	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = queue ? wqd_queue_resolve(fd, queue, &queue_id) : 0;
	if (err) {
		wqctl_err(err, "queue '%s'", queue);
		goto out;
	}
	err = wqd_work_list(fd, queue_id, &items, &n);
	if (err) {
		wqctl_err(err, "work list");
		goto out;
	}
	if (load_queues(fd, &queues, &nr_queues))
		goto out;
	err = wqctl_opts.json ?
	      jsonw_emit(jsonw_works(items, n, queues, nr_queues)) :
	      fmt_works(stdout, items, n, queues, nr_queues);
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	ret = 0;
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
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = wqd_work_resolve(fd, argv[optind], &id);
	if (!err)
		err = wqd_work_info(fd, id, &item);
	if (err) {
		wqctl_err(err, "item '%s'", argv[optind]);
		goto out;
	}
	if (load_queues(fd, &queues, &nr_queues))
		goto out;
	queue = wqd_queue_name(queues, nr_queues, item.queue_id);
	err = wqctl_opts.json ? jsonw_emit(jsonw_work(&item, queue)) :
	      fmt_work(stdout, &item, queue, dur_now_ns());
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	ret = 0;
out:
	free(queues);
	close(fd);
	return ret;
}

/* cancel, flush and mod: open for writing, find ITEM. */
static int open_item(const char *ref, __u64 *id)
{
	int fd, err;

	fd = cmd_open(true);
	if (fd < 0)
		return fd;
	err = wqd_work_resolve(fd, ref, id);
	if (err) {
		wqctl_err(err, "item '%s'", ref);
		close(fd);
		return err;
	}
	return fd;
}

/*
 * cancel, flush and mod each answer one yes or no: "cancelled 5 (was
 * pending)", or {"id": 5, "pending": true}.
 */
static int result(__u64 id, const char *done, const char *key, bool yes,
		  const char *yes_text, const char *no_text)
{
	int err = 0;

	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_result(id, key, yes));
	else
		printf("%s %llu (%s)\n", done, id,
		       yes ? yes_text : no_text);
	return err ? wqctl_err(err, "output") : 0;
}

static const struct option cancel_options[] = {
	{ "async", no_argument, NULL, OPT_ASYNC },
	{ NULL, 0, NULL, 0 }
};

/* cancel_work_sync() / cancel_delayed_work_sync(), or without _sync. */
static int work_cancel(int argc, char **argv)
{
	int ret = 1, fd, err, c;
	bool async = false, pending;
	__u64 id;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":", cancel_options, NULL)) != -1) {
		if (c != OPT_ASYNC)
			return cmd_bad_option(c, argv);
		async = true;
	}
	err = cmd_args(argc, argv, 1, "ITEM");
	if (err)
		return err;
	fd = open_item(argv[optind], &id);
	if (fd < 0)
		return ret;
	err = wqd_work_cancel(fd, id, async, &pending);
	if (err) {
		wqctl_err(err, "item '%s'", argv[optind]);
		goto out;
	}
	ret = result(id, "cancelled", "pending", pending, "was pending",
		     "was not pending");
out:
	close(fd);
	return ret;
}

/* flush_work() / flush_delayed_work(): wait for the pending run. */
static int work_flush(int argc, char **argv)
{
	int ret = 1, fd, err;
	bool waited;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "ITEM");
	if (err)
		return err;
	fd = open_item(argv[optind], &id);
	if (fd < 0)
		return ret;
	err = wqd_work_flush(fd, id, &waited);
	if (err) {
		wqctl_err(err, "item '%s'", argv[optind]);
		goto out;
	}
	ret = result(id, "flushed", "waited", waited, "waited", "was idle");
out:
	close(fd);
	return ret;
}

static const struct option mod_options[] = {
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ NULL, 0, NULL, 0 }
};

/* mod_delayed_work(): a delayed item's timer, re-armed from now. */
static int work_mod(int argc, char **argv)
{
	int ret = 1, fd, err, c;
	bool delay = false, pending;
	__u64 id, delay_ns = 0;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":", mod_options, NULL)) != -1) {
		err = c == OPT_DELAY ? cmd_dur("--delay", optarg, &delay_ns) :
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
	fd = open_item(argv[optind], &id);
	if (fd < 0)
		return ret;
	err = wqd_work_mod(fd, id, delay_ns, &pending);
	if (err) {
		wqctl_err(err, "item '%s'", argv[optind]);
		goto out;
	}
	ret = result(id, "modified", "pending", pending, "was pending",
		     "was not pending");
out:
	close(fd);
	return ret;
}

/* The first entry is what "wqctl work" alone runs. */
static const struct cmd work_cmds[] = {
	{ "list", work_list, NULL },
	{ "submit", work_submit, NULL },
	{ "show", work_show, NULL },
	{ "cancel", work_cancel, NULL },
	{ "flush", work_flush, NULL },
	{ "mod", work_mod, NULL },
	{ NULL, NULL, NULL }
};

int work_main(int argc, char **argv)
{
	return cmd_dispatch(work_cmds, "work command", argc - 1, argv + 1);
}
