// SPDX-License-Identifier: GPL-2.0
/*
 * Rates for "wqctl watch": how much a counter grew between two snapshots,
 * per second. Both snapshots are sorted by id (the list ioctls page by
 * id), so one walk pairs each object with its previous self.
 */
#include "watch.h"

/*
 * An object new since the last snapshot counts from 0; a counter that
 * went down was zeroed (reset zeroes the built-in queues') and counts
 * from 0 too.
 */
static double rate(__u64 cur, __u64 prev, __u64 dt_ns)
{
	__u64 delta = cur >= prev ? cur - prev : cur;

	return dt_ns ? (double)delta * 1e9 / (double)dt_ns : 0;
}

/**
 * watch_queue_rates() - runs completed per second on each queue
 * @rates: out: one per entry of @cur
 * @cur: this snapshot, sorted by id
 * @n: its length
 * @prev: the last snapshot, sorted by id
 * @nr_prev: its length
 * @dt_ns: the time between them
 */
void watch_queue_rates(double *rates, const struct wqd_queue_info *cur,
		       size_t n, const struct wqd_queue_info *prev,
		       size_t nr_prev, __u64 dt_ns)
{
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		while (j < nr_prev && prev[j].id < cur[i].id)
			j++;
		rates[i] = rate(cur[i].executed,
				j < nr_prev && prev[j].id == cur[i].id ?
				prev[j].executed : 0, dt_ns);
	}
}

/* The same for items: runs per second. */
void watch_item_rates(double *rates, const struct wqd_work_info *cur,
		      size_t n, const struct wqd_work_info *prev,
		      size_t nr_prev, __u64 dt_ns)
{
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		while (j < nr_prev && prev[j].id < cur[i].id)
			j++;
		rates[i] = rate(cur[i].runs,
				j < nr_prev && prev[j].id == cur[i].id ?
				prev[j].runs : 0, dt_ns);
	}
}
