/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_EVENTS_H
#define _WQD_EVENTS_H

#include <linux/wqdemo.h>

struct wqd_file;

int wqd_events_open(const struct wqd_events_open *req, struct wqd_file *file);
void wqd_events_emit(const struct wqd_event *ev);

#endif /* _WQD_EVENTS_H */
