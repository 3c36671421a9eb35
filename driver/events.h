/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_EVENTS_H
#define _WQD_EVENTS_H

#include <linux/wqdemo.h>

int wqd_events_open(const struct wqd_events_open *req);
void wqd_events_emit(const struct wqd_event *ev);

#endif /* _WQD_EVENTS_H */
