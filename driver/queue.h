/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_QUEUE_H
#define _WQD_QUEUE_H

#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "reap.h"
#include "wqdemo.h"

/* wqd_queue.state bits */
enum {
	WQD_QUEUE_DEAD,		/* destroyed: takes no new item */
	WQD_QUEUE_DRAINING,	/* in drain: takes no new item, no mod */
};

/**
 * struct wqd_queue_stats - a queue's counters of runs, one set per CPU:
 *	the handler counts on its own CPU, with no atomic and no shared
 *	cache line; readers add the CPUs up
 * @queued: times an item was queued on it
 * @executed: handler runs completed on it
 * @hist_late: log2 histogram of lateness, as struct wqd_hist
 * @hist_run: log2 histogram of runtime, as struct wqd_hist
 */
struct wqd_queue_stats {
	u64 queued;
	u64 executed;
	u64 hist_late[WQD_HIST_BUCKETS];
	u64 hist_run[WQD_HIST_BUCKETS];
};

/**
 * struct wqd_queue - a workqueue as wqdemo sees it
 * @ref: the registry holds one reference while the queue is listed, each
 *	item bound to it holds one; the last put destroys the workqueue
 * @name_node: on the list of queue names, from the moment a create
 *	reserves the name until the workqueue is destroyed (wqd_lock)
 * @wq: the kernel's workqueue (a system one for built-ins)
 * @id: key in wqd_queues
 * @kind: enum wqd_queue_kind
 * @flags: WQD_QF_* it was made with
 * @max_active: as asked, 0 for the kernel's default
 * @state: WQD_QUEUE_* bits; set and cleared under wqd_lock
 * @items: items bound to it (wqd_lock for changes)
 * @reaping: items unlisted but not yet stopped and cancelled: a drain waits
 *	for them, as their timers may still fire
 * @calibrating: calibrations running on it (calibrate.c): a drain waits
 *	for none and is refused while there is one
 * @holders: its items that hold a holder slot (struct wqd_info, uapi)
 * @flushing: queue flushes under way, which park its plain periodic items
 *	(wqd_items_park_queue())
 * @running: handlers executing on it now
 * @max_running: most handlers ever executing on it at once
 * @cancelled: items on it stopped by a cancel
 * @stats: per-CPU counters of queueings and runs
 * @wake: where a drain waits for @reaping to fall to 0
 * @name: its name, unique among queues
 */
struct wqd_queue {
	struct kref ref;
	struct list_head name_node;
	struct workqueue_struct *wq;
	u32 id;
	u32 kind;
	u32 flags;
	u32 max_active;
	unsigned long state;
	atomic_t items;
	atomic_t reaping;
	atomic_t calibrating;
	atomic_t holders;
	atomic_t flushing;
	atomic_t running;
	atomic_t max_running;
	atomic64_t cancelled;
	struct wqd_queue_stats __percpu *stats;
	wait_queue_head_t wake;
	char name[WQD_NAME_LEN];
};

int wqd_queues_init(void);
void wqd_queues_exit(void);

struct wqd_queue *wqd_queue_get(u64 id);
void wqd_queue_put(struct wqd_queue *q);

int wqd_queue_create(const struct wqd_queue_create *req, u32 *id);
int wqd_queue_destroy(u64 id);
int wqd_queue_flush(u64 id);
int wqd_queue_drain(u64 id);
int wqd_queues_reset(enum wqd_reap_wait wait);
void wqd_queue_fill_info(struct wqd_queue *q, struct wqd_queue_info *info);
void wqd_queue_account_run(struct wqd_queue *q, s64 late, u64 runtime);
void wqd_queue_account_queued(struct wqd_queue *q);
void wqd_totals_runs(u64 *queued, u64 *executed);
unsigned int wqd_hist_bucket(s64 ns);
int wqd_queue_hist(struct wqd_hist *hist);

static inline bool wqd_queue_builtin(const struct wqd_queue *q)
{
	return q->kind == WQD_KIND_BUILTIN;
}

/*
 * Whether @q takes new work: 0, -ENOENT once destroyed, -EBUSY while it
 * drains. Under wqd_lock, where a destroy or a drain is decided, so that
 * the answer holds until the caller has queued its work.
 */
static inline int wqd_queue_takes_work(const struct wqd_queue *q)
{
	lockdep_assert_held(&wqd_lock);
	if (test_bit(WQD_QUEUE_DEAD, &q->state))
		return -ENOENT;
	if (test_bit(WQD_QUEUE_DRAINING, &q->state))
		return -EBUSY;
	return 0;
}

#endif /* _WQD_QUEUE_H */
