/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module-wide state every part of wqdemo shares: the registry of
 * queues and items, the limits in force and the global totals.
 *
 * Locking, outermost first:
 *  - wqd_lock (mutex): membership of wqd_queues and wqd_items, the owner
 *    lists of file contexts, the queue state bits that gate new items,
 *    and the object counts. Taken on the control path only; never held
 *    across cancel_*_sync(), flush_*() or destroy_workqueue(), so a work
 *    handler can never wait for it.
 *  - wqd_item.lock (spinlock, BH-safe): one item's state and counters;
 *    the only lock the work handler takes.
 * Per-queue counters are atomics and take no lock.
 */
#ifndef _WQD_WQDEMO_H
#define _WQD_WQDEMO_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/xarray.h>
#include <linux/wqdemo.h>

#define WQD_VERSION		"0.1.0"

/* The most items one submit may make. */
#define WQD_MAX_INSTANCES	65536U

/* Limits in force, from module parameters (main.c). */
extern unsigned int wqd_max_queues;
extern unsigned int wqd_max_items;
extern u64 wqd_max_payload_ns;
extern u64 wqd_max_period_ns;
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
 * @nr_queues: user queues now (wqd_lock)
 * @nr_items: items now (wqd_lock)
 */
struct wqd_totals {
	atomic64_t submitted;
	atomic64_t cancelled;
	unsigned int nr_queues;
	unsigned int nr_items;
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
 * @owned: items submitted with WQD_WF_OWNED through this file, linked by
 *	wqd_item.owner_node (wqd_lock)
 */
struct wqd_file {
	struct list_head owned;
};

long wqd_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _WQD_WQDEMO_H */
