// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl stats": the module's totals and the queues' counters; with
 * --hist, the log2 histograms of lateness and runtime too.
 */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "hist.h"
#include "json.h"

const char stats_usage[] =
	"wqctl stats [--hist] [--queue Q]\n"
	"      --hist adds log2 histograms of lateness and runtime (Q's, or all)\n"
	"      e.g. wqctl stats --hist --queue demo\n";

enum { OPT_HIST = 256, OPT_QUEUE };

static const struct option options[] = {
	{ "hist", no_argument, NULL, OPT_HIST },
	{ "queue", required_argument, NULL, OPT_QUEUE },
	{ NULL, 0, NULL, 0 }
};

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
	const char *queue = NULL;
	struct wqd_hist hist;
	struct wqd_info info;
	int ret = 1, fd, err, c;
	bool want_hist = false;
	__u64 queue_id = 0;
	size_t n;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c == OPT_HIST)
			want_hist = true;
		else if (c == OPT_QUEUE)
			queue = optarg;
		else
			return cmd_bad_option(c, argv);
	}
	err = cmd_args(argc, argv, 0, "");
	if (err)
		return err;
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
			wqctl_err(err, "queue '%s'", queue);
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
