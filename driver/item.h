/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_ITEM_H
#define _WQD_ITEM_H

#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/math.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "wqdemo.h"

struct wqd_queue;

/* wqd_item.last_cpu before the first run. */
#define WQD_ITEM_NO_CPU		U16_MAX

/*
 * wqd_item.ctl: three bits and a count. A plain periodic item is parked
 * while flushes of it are under way (WQD_ITEM_PARKS counts them): its
 * handler ends its period sleep, or skips the next one, and returns
 * without queueing the next run (WQD_ITEM_RETURNED), which the last
 * flush to end queues.
 */
enum {
	/* It holds a slot of the holder limits (struct wqd_info, uapi). */
	WQD_ITEM_HOLDER = BIT(0),
	/* Its handler returned parked: the next run is not queued. */
	WQD_ITEM_RETURNED = BIT(1),
	/* Its handler is in a run, from its start to its end. */
	WQD_ITEM_INRUN = BIT(2),
	/* The flushes that parked it, one WQD_ITEM_PARK_ONE each. */
	WQD_ITEM_PARK_ONE = BIT(3),
	WQD_ITEM_PARKS = GENMASK(7, 3),
};

/**
 * struct wqd_item - one work item or delayed work item
 * @dwork: the kernel's work; plain items use only @dwork.work
 * @queue: the queue it is bound to; holds a reference to it
 * @owner_node: on its owner file's list while owned and listed; once the
 *	item is taken out of the registry, on the list of items being freed
 *	(wqd_lock)
 * @extra: what only some items have (a label, a payload, histograms), or
 *	NULL; set at submit, never changed
 * @ref: the registry holds one reference while the item is listed, and
 *	each ioctl working on it holds one
 * @id: key in wqd_items
 * @count: runs asked for, 0 for until cancelled
 * @flags: WQD_WF_*
 * @ctl: WQD_ITEM_* bits and count (@lock; the period sleep reads it
 *	without, so it is written with WRITE_ONCE())
 * @cpu: CPU it is queued on, WORK_CPU_UNBOUND for any
 * @delay_ns: first delay (delayed items)
 * @period_ns: pause between runs
 * @submit_ns: when it was submitted
 * @lock: protects @ctl and every field below; taken with BHs off outside
 *	the handler, as handlers of BH queues run in softirq context; the
 *	handler takes it as it runs (run.c)
 * @stop: no more runs: set once by a cancel, a drain, a removal or the
 *	offlining of its CPU, read without the lock by the period sleep to
 *	wake early; its address is the key of that sleep's wakeups
 * @state: enum wqd_work_state
 * @last_cpu: CPU of the last run, WQD_ITEM_NO_CPU before the first
 * @runs: runs completed
 * @last_pid: worker pid of the last run
 * @due_ns: when the pending run was meant to start
 * @last_run_ns: when the last run started
 * @lat_min: smallest lateness
 * @lat_max: largest lateness
 * @lat_sum: lateness summed over the runs
 * @rt_min: shortest runtime
 * @rt_max: longest runtime
 * @rt_sum: runtime summed over the runs
 *
 * Lifetime: an item is freed by its last wqd_item_put(), and only after
 * wqd_items_remove() (reap.c) took it out of the registry, set @stop and
 * cancelled its work with the _sync variant. @stop is checked under @lock
 * by every path that queues the work, so once it is set and the sync
 * cancel has returned, the work can neither run nor be queued again.
 *
 * Size: users keep hundreds of thousands of these, so an item holds only
 * what every item needs, packed (240 bytes on x86-64, about 250 with its
 * share of the xarray): what is optional lives in @extra, and CPUs fit in
 * 16 bits (NR_CPUS is at most 8192).
 */
struct wqd_item {
	struct delayed_work dwork;
	struct wqd_queue *queue;
	struct list_head owner_node;
	struct wqd_item_extra *extra;
	struct kref ref;
	u32 id;
	u32 count;
	u8 flags;
	u8 ctl;
	u16 cpu;
	u64 delay_ns;
	u64 period_ns;
	u64 submit_ns;

	spinlock_t lock;	/* protects @ctl and the fields below */
	bool stop;
	u8 state;
	u16 last_cpu;
	u32 runs;
	u32 last_pid;
	u64 due_ns;
	u64 last_run_ns;
	s64 lat_min;
	s64 lat_max;
	s64 lat_sum;
	u64 rt_min;
	u64 rt_max;
	u64 rt_sum;
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

/**
 * struct wqd_item_extra - the optional part of an item, made at submit
 *	for an item with a label, a payload or histograms; never changed but
 *	for @hist's buckets
 * @busy_ns: busy payload per run
 * @sleep_ns: sleep payload per run
 * @hist: log2 histograms of lateness and runtime, for WQD_WF_HIST items,
 *	under the item's lock; else NULL
 * @name: label, may be empty
 */
struct wqd_item_extra {
	u64 busy_ns;
	u64 sleep_ns;
	struct wqd_item_hist *hist;
	char name[WQD_NAME_LEN];
};

int wqd_items_init(void);
void wqd_items_exit(void);

struct wqd_item *wqd_item_get(u64 id);
void wqd_item_put(struct wqd_item *it);

struct wqd_item *wqd_item_alloc(const struct wqd_work_submit *req,
				struct wqd_queue *q);
int wqd_item_submit(struct wqd_file *file, const struct wqd_work_submit *req,
		    u64 __user *ids);
void wqd_item_wake(struct wqd_item *it);
void wqd_item_fire_locked(struct wqd_item *it);
bool wqd_item_stop(struct wqd_item *it, u8 state, bool fire);
bool wqd_item_cancel_work(struct wqd_item *it, bool sync);
bool wqd_item_cancel(struct wqd_item *it, bool sync);
int wqd_item_flush(struct wqd_item *it, bool *waited);
bool wqd_item_park(struct wqd_item *it);
void wqd_item_unpark(struct wqd_item *it);
int wqd_item_mod(struct wqd_item *it, u64 delay_ns, bool *pending);
void wqd_item_fill_info(struct wqd_item *it, struct wqd_work_info *info);
int wqd_item_hist(struct wqd_item *it, struct wqd_hist *hist);
void wqd_item_queue_locked(struct wqd_item *it, u64 now, u64 delay_ns);
void wqd_item_finish_locked(struct wqd_item *it, u8 state);
void wqd_item_unhold_locked(struct wqd_item *it);
void wqd_item_settle_locked(struct wqd_item *it);

void wqd_items_stop_queue(struct wqd_queue *q);
void wqd_items_park_queue(struct wqd_queue *q, bool park);
void wqd_items_stop_cpu(unsigned int cpu);

static inline bool wqd_item_delayed(const struct wqd_item *it)
{
	return it->flags & WQD_WF_DELAYED;
}

static inline void wqd_item_set_ctl(struct wqd_item *it, u8 ctl)
{
	lockdep_assert_held(&it->lock);
	WRITE_ONCE(it->ctl, ctl);
}

/* Whether an item can hold a worker past a quick run (the uapi's holder). */
static inline bool wqd_req_holds(const struct wqd_work_submit *req)
{
	bool plain_periodic = !(req->flags & WQD_WF_DELAYED) && req->period_ns;

	return plain_periodic || req->busy_ns || req->sleep_ns;
}

/* A plain periodic item sleeps out its period inside its handler. */
static inline bool wqd_item_sleeps_period(const struct wqd_item *it)
{
	return !wqd_item_delayed(it) && it->period_ns;
}

/*
 * Rounded up, so the conversion never shortens a delay; the timer may
 * still fire up to a jiffy early, as the current jiffy has partly passed.
 */
static inline unsigned long wqd_ns_to_jiffies(u64 ns)
{
	return DIV_ROUND_UP_ULL(ns, TICK_NSEC);
}

#endif /* _WQD_ITEM_H */
