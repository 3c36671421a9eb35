// SPDX-License-Identifier: GPL-2.0
/*
 * Submits: the items one submit asks for, counted under the limits before
 * any is made, made, given ids that read as absent until they are stored,
 * and listed and queued together, all or nothing.
 */
#include <linux/cpu.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include "item.h"
#include "queue.h"

/* A handler of a BH queue runs in softirq context: keep it short. */
#define WQD_BH_MAX_BUSY_NS	NSEC_PER_MSEC

static u32 wqd_item_next_id = 1;	/* cyclic id allocation state, wqd_lock */

static void wqd_items_free_batch(struct list_head *batch)
{
	struct wqd_item *it, *tmp;

	list_for_each_entry_safe(it, tmp, batch, owner_node)
		wqd_item_put(it);
}

/*
 * A BH queue's handler runs in softirq context: it must not sleep. A
 * freezable queue must be able to freeze: a handler asleep for a period
 * would fail every suspend.
 */
static int wqd_item_check_queue(const struct wqd_work_submit *req,
				const struct wqd_queue *q)
{
	bool plain_periodic = !(req->flags & WQD_WF_DELAYED) && req->period_ns;

	if ((q->flags & WQD_QF_FREEZABLE) && plain_periodic)
		return -EINVAL;
	if (!(q->flags & WQD_QF_BH))
		return 0;
	if (req->sleep_ns || plain_periodic || req->busy_ns > WQD_BH_MAX_BUSY_NS)
		return -EINVAL;
	return 0;
}

/* Whether @n more holders fit the limits, on @q and on all queues. */
static bool wqd_holders_fit(const struct wqd_queue *q, unsigned int n)
{
	unsigned int all = atomic_read(&wqd_totals.nr_holders);
	unsigned int here = atomic_read(&q->holders);

	if (n > wqd_max_holders - min(all, wqd_max_holders))
		return false;
	return !wqd_queue_builtin(q) ||
	       n <= wqd_max_builtin_holders - min(here, wqd_max_builtin_holders);
}

/*
 * Count @n items, and as many holders if they hold, before any of them is
 * allocated: a submit past a limit, or to a queue that takes no work,
 * costs nothing; the commit checks the queue again. Holder slots are taken
 * under wqd_lock only, and given back lock-free (wqd_item_unhold_locked()),
 * so what the check reads is never below what is in use.
 */
static int wqd_items_reserve(struct wqd_queue *q, unsigned int n, bool holds)
{
	int ret = 0;

	mutex_lock(&wqd_lock);
	ret = wqd_queue_takes_work(q);
	if (ret)
		goto out_unlock;
	if (n > wqd_max_items - min(wqd_totals.nr_items, wqd_max_items) ||
	    (holds && !wqd_holders_fit(q, n))) {
		ret = -ENOSPC;
	} else {
		wqd_totals.nr_items += n;
		if (holds) {
			atomic_add(n, &q->holders);
			atomic_add(n, &wqd_totals.nr_holders);
		}
	}
out_unlock:
	mutex_unlock(&wqd_lock);
	return ret;
}

static void wqd_items_unreserve(struct wqd_queue *q, unsigned int n, bool holds)
{
	mutex_lock(&wqd_lock);
	wqd_totals.nr_items -= n;
	if (holds) {
		atomic_sub(n, &q->holders);
		atomic_sub(n, &wqd_totals.nr_holders);
	}
	mutex_unlock(&wqd_lock);
}

/* Take the reserved ids back; the items were never visible. */
static void wqd_items_release_ids(struct list_head *batch)
{
	struct wqd_item *it;

	mutex_lock(&wqd_lock);
	list_for_each_entry(it, batch, owner_node)
		if (it->id)
			xa_release(&wqd_items, it->id);
	mutex_unlock(&wqd_lock);
}

/*
 * A reserved id reads as absent to every lookup and walk until the item
 * is stored, so ids can be copied out, and the batch undone on a fault,
 * before any item is seen or queued.
 */
static int wqd_items_reserve_ids(struct list_head *batch)
{
	struct wqd_item *it;
	int ret = 0;

	mutex_lock(&wqd_lock);
	list_for_each_entry(it, batch, owner_node) {
		ret = xa_alloc_cyclic(&wqd_items, &it->id, NULL,
				      XA_LIMIT(1, U32_MAX), &wqd_item_next_id,
				      GFP_KERNEL);
		if (ret < 0)
			break;
		ret = 0;
	}
	mutex_unlock(&wqd_lock);
	if (ret)
		wqd_items_release_ids(batch);
	return ret;
}

/*
 * Under cpus_read_lock(), taken by the caller: a CPU that is online here
 * stays online until the items are queued, and one that goes offline
 * later stops them (hotplug.c).
 */
static int wqd_items_commit(struct wqd_file *file, struct list_head *batch,
			    unsigned int n, struct wqd_queue *q, u32 cpu)
{
	struct wqd_item *it, *tmp;
	u64 now;
	int ret;

	if (cpu != WQD_CPU_ANY && !cpu_online(cpu))
		return -EINVAL;
	mutex_lock(&wqd_lock);
	ret = wqd_queue_takes_work(q);
	if (ret) {
		mutex_unlock(&wqd_lock);
		return ret;
	}
	/* One clock read for the whole batch: they are submitted together. */
	now = ktime_get_ns();
	list_for_each_entry_safe(it, tmp, batch, owner_node) {
		list_del_init(&it->owner_node);
		if (it->flags & WQD_WF_OWNED)
			list_add_tail(&it->owner_node, &file->owned);
		it->submit_ns = now;
		/* Fills a reserved slot: allocates nothing, cannot fail. */
		xa_store(&wqd_items, it->id, it, GFP_KERNEL);
		atomic_inc(&q->items);
		spin_lock_bh(&it->lock);
		wqd_item_queue_locked(it, now, it->delay_ns);
		spin_unlock_bh(&it->lock);
	}
	atomic64_add(n, &wqd_totals.submitted);
	mutex_unlock(&wqd_lock);
	return 0;
}

/**
 * wqd_item_submit() - make, list and queue the items a submit asks for
 * @file: the submitting file, owner of WQD_WF_OWNED items
 * @req: the validated request (ioctl.c checked flags, ranges and name)
 * @ids: where the new ids go, one __u64 per instance
 *
 * All or nothing: on any error no item is left behind.
 *
 * Return: 0, -ENOENT for an unknown or destroyed queue, -EBUSY for a queue
 * being drained, -EINVAL for a payload a BH queue cannot run, a plain
 * periodic item on a freezable queue or a CPU gone offline, -ENOSPC at
 * the item or holder limits, -EFAULT, -ENOMEM.
 */
int wqd_item_submit(struct wqd_file *file, const struct wqd_work_submit *req,
		    u64 __user *ids)
{
	unsigned int n = max(req->instances, 1U), i = 0;
	bool holds = wqd_req_holds(req);
	struct wqd_queue *q;
	struct wqd_item *it;
	LIST_HEAD(batch);
	int ret;

	q = wqd_queue_get(req->queue_id);
	if (!q)
		return -ENOENT;
	ret = wqd_item_check_queue(req, q);
	if (ret)
		goto out_put_queue;
	ret = wqd_items_reserve(q, n, holds);
	if (ret)
		goto out_put_queue;

	for (i = 0; i < n; i++) {
		it = wqd_item_alloc(req, q);
		if (!it) {
			ret = -ENOMEM;
			goto err_free_batch;
		}
		list_add_tail(&it->owner_node, &batch);
	}

	ret = wqd_items_reserve_ids(&batch);
	if (ret)
		goto err_free_batch;

	i = 0;
	list_for_each_entry(it, &batch, owner_node) {
		if (put_user((u64)it->id, ids + i++)) {
			ret = -EFAULT;
			goto err_release_ids;
		}
	}

	cpus_read_lock();
	ret = wqd_items_commit(file, &batch, n, q, req->cpu);
	cpus_read_unlock();
	if (ret)
		goto err_release_ids;
	goto out_put_queue;

err_release_ids:
	wqd_items_release_ids(&batch);
err_free_batch:
	wqd_items_free_batch(&batch);
	wqd_items_unreserve(q, n, holds);
out_put_queue:
	wqd_queue_put(q);
	return ret;
}
