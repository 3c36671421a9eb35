// SPDX-License-Identifier: GPL-2.0
/* "wqctl stats": the module's totals, and every queue's counters. */
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"

const char stats_usage[] = "wqctl stats\n";

int stats_main(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	struct wqd_info info;
	int ret = 1, fd, err;
	size_t n;

	err = cmd_plain(argc, argv, 0, "");
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
	err = wqd_queue_list(fd, &queues, &n);
	if (err) {
		wqctl_err(err, "queue list");
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_stats(&info, queues, n)) :
				fmt_stats(stdout, &info, queues, n);
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
