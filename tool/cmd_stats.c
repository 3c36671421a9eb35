// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl stats": the module's totals and the queues' counters; with
 * --hist, the log2 histograms of lateness and runtime too: every queue's
 * added up, one queue's (--queue), or one item's (--item, for an item
 * submitted with --hist).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "hist.h"
#include "json.h"
#include "objects.h"
#include "opts.h"

enum { OPT_HIST = 256, OPT_QUEUE, OPT_ITEM };

static const struct cmd_opt stats_opts[] = {
	{ "hist", NULL, OPT_HIST, 0,
	  "add log2 histograms of lateness and runtime" },
	{ "queue", "Q", OPT_QUEUE, 0, "only queue Q's counters and histograms" },
	{ "item", "ITEM", OPT_ITEM, CMD_OPT_OR,
	  "with --hist: ITEM's own histograms, not the queues'" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help stats_help = {
	.summary = "The module's totals and every queue's counters: items, queued, executed,\n"
		   "cancelled, running now, and the most that ever ran at once (an ordered\n"
		   "queue never goes above 1). The histograms add up all queues' but with\n"
		   "--queue. --item ITEM needs --hist: the histograms are then ITEM's own\n"
		   "(submitted with --hist), the counters still every queue's.\n",
	.opts = stats_opts,
	.example = "wqctl stats --hist --queue myq\n"
		   "wqctl stats --hist --item tick\n",
};

/**
 * stats_parse() - the command line of "stats"
 * @argc: its arguments, argv[0] being "stats"
 * @argv: its arguments
 * @a: out: --queue, --item and --hist
 *
 * --item names an item's histograms, so it needs --hist, and it replaces
 * --queue's.
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int stats_parse(int argc, char **argv, struct stats_args *a)
{
	int c, ret;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, stats_opts)) != -1) {
		if (c == OPT_HIST)
			a->hist = true;
		else if (c == OPT_QUEUE)
			a->queue = optarg;
		else if (c == OPT_ITEM)
			a->item = optarg;
		else
			return cmd_bad_option(c, argv);
	}
	ret = cmd_args(argc, argv, 0, "");
	if (ret)
		return ret;
	if (a->item && a->queue)
		return wqctl_usage("stats: --item and --queue do not go together");
	if (a->item && !a->hist)
		return wqctl_usage("stats: --item needs --hist");
	return 0;
}

/*
 * Both histograms, bcc style, after the counters. @scope: "all queues",
 * "queue myq", "item 7", "item 7 (tick)".
 */
static int print_hists(const struct wqd_hist *hist, const char *scope)
{
	printf("\nlateness, %s:\n", scope);
	hist_print(stdout, hist->lateness, true);
	printf("\nruntime, %s:\n", scope);
	return hist_print(stdout, hist->runtime, false);
}

/*
 * --item ITEM's histograms, into @hist, and its words for the headings
 * into @scope: "item 7", or "item 7 (tick)" when named by its label.
 *
 * Return: 0, or EXIT_FAILED after reporting.
 */
static int item_hist(int fd, const char *ref, struct wqd_hist *hist,
		     char *scope, size_t size)
{
	__u64 id, typed;
	int err;

	err = libwqd_work_resolve(fd, ref, &id);
	if (!err)
		err = libwqd_item_hist(fd, id, hist);
	if (err)
		return wqctl_fail(err, ON_ITEM_HIST, ref);
	if (libwqd_parse_ref(ref, &typed) == 1)
		snprintf(scope, size, "item %llu", id);
	else
		snprintf(scope, size, "item %llu (%s)", id, ref);
	return 0;
}

/*
 * --queue Q narrows the counters to Q's, and the histograms (which are
 * per queue in the kernel) to Q's; without it, the histograms are those
 * of every queue added together. --item ITEM (with --hist) leaves the
 * counters alone, every queue's, and shows the histograms the kernel
 * keeps for that one item.
 */
int stats_main(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL, one;
	char scope[WQD_NAME_LEN + 48] = "all queues";
	struct stats_args a;
	struct wqd_hist hist;
	struct wqd_info info;
	const char *queue;
	int ret = 1, fd, err;
	bool want_hist;
	__u64 queue_id = 0;
	size_t n;

	err = stats_parse(argc, argv, &a);
	if (err)
		return err;
	queue = a.queue;
	want_hist = a.hist;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = libwqd_info(fd, &info);
	if (err) {
		wqctl_err(err, "info");
		goto out;
	}
	if (queue) {
		err = libwqd_queue_resolve(fd, queue, &queue_id);
		if (!err)
			err = libwqd_queue_info(fd, queue_id, &one);
		if (err) {
			wqctl_fail(err, ON_QUEUE, queue);
			goto out;
		}
		snprintf(scope, sizeof(scope), "queue %s", one.name);
		n = 1;
	} else {
		err = libwqd_queue_list(fd, &queues, &n);
		if (err) {
			wqctl_err(err, "queue list");
			goto out;
		}
	}
	if (a.item) {
		if (item_hist(fd, a.item, &hist, scope, sizeof(scope)))
			goto out;
	} else if (want_hist) {
		err = libwqd_queue_hist(fd, queue_id, &hist);
		if (err) {
			wqctl_err(err, "histograms");
			goto out;
		}
	}
	if (wqctl_opts.json) {
		err = jsonw_emit(jsonw_stats(&info, queue ? &one : queues, n,
					     want_hist ? &hist : NULL));
	} else {
		err = fmt_stats(stdout, &info, queue ? &one : queues, n);
		if (!err && want_hist)
			err = print_hists(&hist, scope);
	}
	ret = cmd_output(err);
out:
	free(queues);
	close(fd);
	return ret;
}
