// SPDX-License-Identifier: GPL-2.0
/* "wqctl info": the module, its ABI, its kernel's HZ and CPUs, its limits. */
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "objects.h"
#include "opts.h"

const struct cmd_help info_help = {
	.summary = "The module: its version and ABI version, the kernel's HZ (the\n"
		   "granularity of every delay and period), CPUs, features, the limits\n"
		   "in force and the totals.\n",
	.example = "wqctl info\n",
};

int info_main(int argc, char **argv)
{
	struct wqd_info info;
	int ret = 1, fd, err;

	err = cmd_plain(argc, argv, 0, "");
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = libwqd_info(fd, &info);
	if (err) {
		wqctl_err(err, "info");
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_info(&info)) :
				fmt_info(stdout, &info);
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}
