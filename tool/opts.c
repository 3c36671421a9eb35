// SPDX-License-Identifier: GPL-2.0
/* The global options: what they are, and what main() set them to. */
#include <stddef.h>

#include "lib/wqd.h"
#include "opts.h"

struct wqctl_opts wqctl_opts = {
	.device = LIBWQD_DEFAULT_DEVICE,
};

const struct cmd_opt wqctl_global_opts[] = {
	{ "json", NULL, 'j', 0, "print JSON (events, watch, demo: a document a line)" },
	{ "pretty", NULL, 'p', 0, "print indented JSON (implies --json)" },
	{ "device", "PATH", 'D', 0,
	  "use the device PATH, not " LIBWQD_DEFAULT_DEVICE },
	{ "help", NULL, 'h', 0, "print this help and exit" },
	{ "version", NULL, WQCTL_OPT_VERSION, 0, "print wqctl's version and exit" },
	{ NULL, NULL, 0, 0, NULL }
};
