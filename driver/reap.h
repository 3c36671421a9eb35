/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_REAP_H
#define _WQD_REAP_H

#include "wqdemo.h"

struct wqd_queue;

/* How a caller waits for the runs under way of the items it removes. */
enum wqd_reap_wait {
	WQD_REAP_WAIT,		/* until they end (the unload) */
	WQD_REAP_KILLABLE,	/* until they end, or a fatal signal */
	WQD_REAP_NOWAIT,	/* not at all: a reaper frees the items */
};

int wqd_reap_init(void);
void wqd_reap_exit(void);

int wqd_items_remove(struct wqd_queue *q, enum wqd_reap_wait wait);
void wqd_items_release_owned(struct wqd_file *file);

#endif /* _WQD_REAP_H */
