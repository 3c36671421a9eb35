// SPDX-License-Identifier: GPL-2.0
/* "wqctl reset": cancel every item, destroy every user queue. */
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "json.h"
#include "objects.h"
#include "opts.h"

const struct cmd_help reset_help = {
	.summary = "Cancel every item and destroy every user queue, as unloading the\n"
		   "module would. Prints nothing.\n",
	.example = "wqctl reset\n",
};

int reset_main(int argc, char **argv)
{
	int ret = 1, fd, err;

	err = cmd_plain(argc, argv, 0, "");
	if (err)
		return err;
	fd = cmd_open(true);
	if (fd < 0)
		return ret;
	err = libwqd_reset(fd);
	if (err) {
		wqctl_err(err, "reset");
		goto out;
	}
	/* Silent on success, like rm; JSON mode still prints one document. */
	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_empty());
	ret = cmd_output(err);
out:
	close(fd);
	return ret;
}
