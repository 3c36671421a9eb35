/* SPDX-License-Identifier: GPL-2.0 */
/* "work submit": its command line, parsed apart from any device I/O. */
#ifndef WQCTL_SUBMIT_H
#define WQCTL_SUBMIT_H

#include "lib/wqd.h"

/**
 * struct submit_args - "work submit" as the user asked for it
 * @req: the request, all but queue_id, name and ids_ptr: those need the
 *	device or can fail in ways that are not usage errors
 * @queue: Q, "system" unless --queue
 * @name: --name, NULL without it
 */
struct submit_args {
	struct wqd_work_submit req;
	const char *queue;
	const char *name;
};

int submit_parse(int argc, char **argv, struct submit_args *args);

#endif /* WQCTL_SUBMIT_H */
