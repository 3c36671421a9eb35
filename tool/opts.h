/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The global options, the ones before OBJECT. Apart from the dispatch
 * that main() hands on to, because the printers far below it (err.c,
 * json.c) read them too: they look down at this, not up at the commands.
 */
#ifndef WQCTL_OPTS_H
#define WQCTL_OPTS_H

#include <stdbool.h>

#include "table.h"

/* The global options, set by main() before any command runs. */
struct wqctl_opts {
	bool json;
	bool pretty;
	const char *device;
};

extern struct wqctl_opts wqctl_opts;

/* Their table: main() parses them from it, "wqctl --help" prints it. */
extern const struct cmd_opt wqctl_global_opts[];
#define WQCTL_OPT_VERSION	256	/* --version, in wqctl_global_opts */

#endif /* WQCTL_OPTS_H */
