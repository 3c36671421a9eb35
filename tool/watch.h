/* SPDX-License-Identifier: GPL-2.0 */
/* "wqctl watch": one refresh of the view, and the rates in it. */
#ifndef WQCTL_WATCH_H
#define WQCTL_WATCH_H

#include <stddef.h>

#include "lib/wqd.h"

/**
 * struct watch_view - one refresh
 * @time_ns: CLOCK_MONOTONIC time of the snapshot
 * @interval_ns: the time between refreshes asked for
 * @queues: every queue, by id
 * @nr_queues: their number
 * @queue_rates: runs completed per second on each queue since the last
 *	refresh; NULL on the first refresh
 * @items: every item, by id
 * @nr_items: their number
 * @item_rates: runs per second of each item, likewise
 * @max_items: show at most this many items (what fits a terminal), 0: all
 */
struct watch_view {
	__u64 time_ns;
	__u64 interval_ns;
	const struct wqd_queue_info *queues;
	size_t nr_queues;
	const double *queue_rates;
	const struct wqd_work_info *items;
	size_t nr_items;
	const double *item_rates;
	size_t max_items;
};

void watch_queue_rates(double *rates, const struct wqd_queue_info *cur,
		       size_t n, const struct wqd_queue_info *prev,
		       size_t nr_prev, __u64 dt_ns);
void watch_item_rates(double *rates, const struct wqd_work_info *cur,
		      size_t n, const struct wqd_work_info *prev,
		      size_t nr_prev, __u64 dt_ns);

#endif /* WQCTL_WATCH_H */
