/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module-wide state every part of wqdemo shares: the registry of
 * queues and items, the limits in force and the global totals.
 *
 * Locking, outermost first:
 *  - the CPU hotplug lock (cpus_read_lock()): held by a submit and a mod
 *    while they check a pinned item's CPU and queue it, and by the
 *    hotplug callback (hotplug.c) that stops the items of a CPU going
 *    offline, which takes wqd_lock inside it. So nothing may wait for
 *    CPU hotplug under wqd_lock: alloc_workqueue() and destroy_workqueue()
 *    are called outside it.
 *  - wqd_lock (mutex): membership of wqd_queues, wqd_items and the list of
 *    queue names, the owner lists of file contexts, the queue state bits
 *    that gate new items, and the object counts. Taken on the control
 *    path only; never held across cancel_*_sync(), flush_*() or
 *    destroy_workqueue(), so a work handler can never wait for it.
 *  - wqd_item.lock (spinlock): one item's state and counters; the only
 *    lock the work handler takes.
 * Per-queue counters are atomics and take no lock.
 */
#ifndef _WQD_WQDEMO_H
#define _WQD_WQDEMO_H

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/pid_namespace.h>
#include <linux/xarray.h>
#include <linux/wqdemo.h>

/* The most items one submit may make. */
#define WQD_MAX_INSTANCES	65536U

/* The most event streams one open file of /dev/wqdemo may have open. */
#define WQD_EVENTS_MAX_PER_FILE	8U

/* Limits in force, from module parameters (main.c). */
extern unsigned int wqd_max_queues;
extern unsigned int wqd_max_items;
extern u64 wqd_max_payload_ns;
extern u64 wqd_max_period_ns;
extern unsigned int wqd_max_holders;
extern unsigned int wqd_max_builtin_holders;
extern bool wqd_log_runs;

extern struct mutex wqd_lock;
extern struct xarray wqd_queues;	/* id -> struct wqd_queue, wqd_lock */
extern struct xarray wqd_items;		/* id -> struct wqd_item, wqd_lock */

/**
 * struct wqd_totals - module-wide counters since load or reset; the
 *	counts of queueings and runs are per CPU (wqd_pcpu_totals), as the
 *	work handler bumps them
 * @submitted: items made
 * @cancelled: items stopped by a cancel
 * @nr_queues: user queues now, or being made (wqd_lock)
 * @nr_items: items now, or being made (wqd_lock)
 * @nr_holders: items that can hold a worker now (struct wqd_info in the
 *	uapi): taken under wqd_lock, given back by the handler, lock-free
 */
struct wqd_totals {
	atomic64_t submitted;
	atomic64_t cancelled;
	unsigned int nr_queues;
	unsigned int nr_items;
	atomic_t nr_holders;
};

extern struct wqd_totals wqd_totals;

/**
 * struct wqd_pcpu_totals - module-wide counters the handler bumps, per CPU
 * @queued: times an item was queued or re-armed
 * @executed: handler runs completed
 */
struct wqd_pcpu_totals {
	u64 queued;
	u64 executed;
};

DECLARE_PER_CPU(struct wqd_pcpu_totals, wqd_pcpu_totals);

/**
 * struct wqd_file - what one open file of /dev/wqdemo owns
 * @ref: the file holds one reference, each event stream it opened one,
 *	as a stream may outlive the file
 * @owned: items submitted with WQD_WF_OWNED through this file, linked by
 *	wqd_item.owner_node (wqd_lock)
 * @nr_streams: event streams open now that this file opened
 */
struct wqd_file {
	struct kref ref;
	struct list_head owned;
	atomic_t nr_streams;
};

void wqd_file_put(struct wqd_file *f);

/*
 * A worker's pid, which the handler reads in the initial pid namespace,
 * as @ns numbers it. Workers are kernel threads, which live in the
 * initial namespace alone: no other has a number for them, 0. (Looking
 * the number up when it is read would find whatever task has it by then.)
 */
static inline u32 wqd_pid_in_ns(u32 nr, struct pid_namespace *ns)
{
	return ns == &init_pid_ns ? nr : 0;
}

long wqd_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _WQD_WQDEMO_H */
