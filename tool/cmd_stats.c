// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl stats": the module's totals and the queues' counters; with
 * --hist, the log2 histograms of lateness and runtime too.
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

enum { OPT_HIST = 256, OPT_QUEUE };

static const struct cmd_opt stats_opts[] = {
	{ "hist", NULL, OPT_HIST, 0,
	  "add log2 histograms of lateness and runtime" },
	{ "queue", "Q", OPT_QUEUE, 0, "only queue Q's counters and histograms" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help stats_help = {
	.summary = "The module's totals and every queue's counters: items, queued, executed,\n"
		   "cancelled, running now, and the most that ever ran at once (an ordered\n"
		   "queue never goes above 1). The histograms add up all queues' but with\n"
		   "--queue.\n",
	.opts = stats_opts,
	.example = "wqctl stats --hist --queue myq\n",
};

/**
 * stats_parse() - the command line of "stats"
 * @argc: its arguments, argv[0] being "stats"
 * @argv: its arguments
 * @a: out: --queue and --hist
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int stats_parse(int argc, char **argv, struct stats_args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, stats_opts)) != -1) {
		if (c == OPT_HIST)
			a->hist = true;
		else if (c == OPT_QUEUE)
			a->queue = optarg;
		else
			return cmd_bad_option(c, argv);
	}
	return cmd_args(argc, argv, 0, "");
}

/* Both histograms, bcc style, after the counters; @queue NULL: all. */
static int print_hists(const struct wqd_hist *hist, const char *queue)
{
	char scope[WQD_NAME_LEN + 8] = "all queues";

	if (queue)
		snprintf(scope, sizeof(scope), "queue %s", queue);
	printf("\nlateness, %s:\n", scope);
	hist_print(stdout, hist->lateness, true);
	printf("\nruntime, %s:\n", scope);
	return hist_print(stdout, hist->runtime, false);
}

/*
 * --queue Q narrows the counters to Q's, and the histograms (which are
 * per queue in the kernel) to Q's; without it, the histograms are those
 * of every queue added together.
 */
int stats_main(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL, one;
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
	err = wqd_info(fd, &info);
	if (err) {
		wqctl_err(err, "info");
		goto out;
	}
	if (queue) {
		err = wqd_queue_resolve(fd, queue, &queue_id);
		if (!err)
			err = wqd_queue_info(fd, queue_id, &one);
		if (err) {
			wqctl_fail(err, ON_QUEUE, queue);
			goto out;
		}
		n = 1;
	} else {
		err = wqd_queue_list(fd, &queues, &n);
		if (err) {
			wqctl_err(err, "queue list");
			goto out;
		}
	}
	err = want_hist ? wqd_queue_hist(fd, queue_id, &hist) : 0;
	if (err) {
		wqctl_err(err, "histograms");
		goto out;
	}
	if (wqctl_opts.json) {
		err = jsonw_emit(jsonw_stats(&info, queue ? &one : queues, n,
					     want_hist ? &hist : NULL));
	} else {
		err = fmt_stats(stdout, &info, queue ? &one : queues, n);
		if (!err && want_hist)
			err = print_hists(&hist, queue ? one.name : NULL);
	}
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
