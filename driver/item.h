/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_ITEM_H
#define _WQD_ITEM_H

#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "wqdemo.h"

struct wqd_queue;

/**
 * struct wqd_item - one work item or delayed work item
 * @dwork: the kernel's work; plain items use only @dwork.work
 * @queue: the queue it is bound to; holds a reference to it
 * @owner: for owned items, the file whose release frees them (wqd_lock)
 * @owner_node: on @owner's list while owned and listed; once the item is
 *	taken out of the registry, on the list of items being freed (wqd_lock)
 * @ref: the registry holds one reference while the item is listed, and
 *	each ioctl working on it holds one
 * @id: key in wqd_items
 * @flags: WQD_WF_*
 * @cpu: CPU it is queued on, WORK_CPU_UNBOUND for any
 * @count: runs asked for, 0 for until cancelled
 * @delay_ns: first delay (delayed items)
 * @period_ns: pause between runs
 * @busy_ns: busy payload per run
 * @sleep_ns: sleep payload per run
 * @submit_ns: when it was submitted
 * @lock: protects every field below; BH-safe, as handlers of BH queues
 *	run in softirq context
 * @stop: no more runs: set once by a cancel, a drain or a removal, read
 *	without the lock by the period sleep to wake early
 * @state: enum wqd_work_state
 * @runs: runs completed
 * @last_cpu: CPU of the last run
 * @last_pid: worker pid of the last run
 * @due_ns: when the pending run was meant to start
 * @last_run_ns: when the last run started
 * @lat_min: smallest lateness
 * @lat_max: largest lateness
 * @lat_sum: lateness summed over the runs
 * @rt_min: shortest runtime
 * @rt_max: longest runtime
 * @rt_sum: runtime summed over the runs
 * @hist: log2 histograms of lateness and runtime, for WQD_WF_HIST items
 * @name: label, may be empty
 *
 * Lifetime: an item is freed by its last wqd_item_put(), and only after
 * wqd_item_remove() took it out of the registry, set @stop and cancelled
 * its work with the _sync variant. @stop is checked under @lock by every
 * path that queues the work, so once it is set and the sync cancel has
 * returned, the work can neither run nor be queued again.
 */
struct wqd_item {
	struct delayed_work dwork;
	struct wqd_queue *queue;
	struct wqd_file *owner;
	struct list_head owner_node;
	struct kref ref;
	u32 id;
	u32 flags;
	u32 cpu;
	u32 count;
	u64 delay_ns;
	u64 period_ns;
	u64 busy_ns;
	u64 sleep_ns;
	u64 submit_ns;

	spinlock_t lock;	/* protects the fields below */
	bool stop;
	u8 state;
	u32 runs;
	u32 last_cpu;
	u32 last_pid;
	u64 due_ns;
	u64 last_run_ns;
	s64 lat_min;
	s64 lat_max;
	s64 lat_sum;
	u64 rt_min;
	u64 rt_max;
	u64 rt_sum;
	struct wqd_item_hist *hist;
	char name[WQD_NAME_LEN];
};

/**
 * struct wqd_item_hist - an item's histograms, as struct wqd_hist has them
 * @late: lateness buckets
 * @run: runtime buckets
 */
struct wqd_item_hist {
	u64 late[WQD_HIST_BUCKETS];
	u64 run[WQD_HIST_BUCKETS];
};

int wqd_items_init(void);
void wqd_items_exit(void);

struct wqd_item *wqd_item_get(u64 id);
void wqd_item_put(struct wqd_item *it);

int wqd_item_submit(struct wqd_file *file, const struct wqd_work_submit *req,
		    u64 __user *ids);
bool wqd_item_cancel(struct wqd_item *it, bool sync);
bool wqd_item_flush(struct wqd_item *it);
int wqd_item_mod(struct wqd_item *it, u64 delay_ns, bool *pending);
void wqd_item_fill_info(struct wqd_item *it, struct wqd_work_info *info);
int wqd_item_hist(struct wqd_item *it, struct wqd_hist *hist);

void wqd_items_remove(struct wqd_queue *q);
void wqd_items_release_owned(struct wqd_file *file);
void wqd_items_stop_queue(struct wqd_queue *q);

#endif /* _WQD_ITEM_H */
