// SPDX-License-Identifier: GPL-2.0
/*
 * Flushes of items, and the parking of plain periodic items that they
 * need: such an item sleeps out its period inside its handler, so a flush
 * would wait for the period after the run it waits for. A parked item's
 * handler ends its period sleep, or skips the next one, and returns
 * without queueing the next run, which the last flush to end queues.
 */
#include <linux/ktime.h>
#include "item.h"
#include "queue.h"

/**
 * wqd_item_park() - for a flush: a plain periodic item ends its period
 *	sleep now, or skips the next one, and its handler returns without
 *	queueing the next run; the last wqd_item_unpark() queues it
 * @it: a plain periodic item
 *
 * Without this a flush would wait out the period, up to max_period_ms,
 * as the handler sleeps it out inside the run being waited for; a flush
 * of the whole queue would wait for every such item's. Parks are counted,
 * so that one flush's end does not unpark the item under another.
 *
 * Return: whether it was parked; not past 31 flushes at once, which then
 * wait out the period.
 */
bool wqd_item_park(struct wqd_item *it)
{
	bool parked = false;

	spin_lock_bh(&it->lock);
	if ((it->ctl & WQD_ITEM_PARKS) != WQD_ITEM_PARKS) {
		wqd_item_set_ctl(it, it->ctl + WQD_ITEM_PARK_ONE);
		parked = true;
	}
	spin_unlock_bh(&it->lock);
	if (parked)
		wqd_item_wake(it);
	return parked;
}

/*
 * Once no flush parks it, of the item or of its queue, queue now the run
 * that a parked handler left unqueued. Whichever flush ends last does it:
 * each checks the other kind under the item's lock, after its own count
 * went down.
 */
static void wqd_item_release_locked(struct wqd_item *it)
{
	lockdep_assert_held(&it->lock);
	if (!(it->ctl & WQD_ITEM_RETURNED) || (it->ctl & WQD_ITEM_PARKS) ||
	    atomic_read(&it->queue->flushing))
		return;
	wqd_item_set_ctl(it, it->ctl & ~WQD_ITEM_RETURNED);
	if (!it->stop)
		wqd_item_queue_locked(it, ktime_get_ns(), 0);
}

/**
 * wqd_item_unpark() - after a flush that parked the item
 * @it: the item
 */
void wqd_item_unpark(struct wqd_item *it)
{
	spin_lock_bh(&it->lock);
	wqd_item_set_ctl(it, it->ctl - WQD_ITEM_PARK_ONE);
	wqd_item_release_locked(it);
	spin_unlock_bh(&it->lock);
}

/**
 * wqd_item_flush() - flush_work(), or flush_delayed_work() which first
 *	queues an armed timer's work at once
 * @it: the item
 * @waited: out: whether the call had to wait, as the kernel call says
 *
 * A plain periodic item is parked for the flush (wqd_item_park()), so that
 * the flush waits for the run under way and not for the period after it.
 * An armed timer is fired under the item's lock, where a drain's start is
 * seen: a timer fired during drain_workqueue() would trip its warning.
 *
 * Return: 0, or -EBUSY while the item's queue drains.
 */
int wqd_item_flush(struct wqd_item *it, bool *waited)
{
	bool parked;

	if (wqd_item_delayed(it)) {
		spin_lock_bh(&it->lock);
		if (test_bit(WQD_QUEUE_DRAINING, &it->queue->state)) {
			spin_unlock_bh(&it->lock);
			return -EBUSY;
		}
		/* Fired now: its lateness is counted from now. */
		if (timer_pending(&it->dwork.timer))
			wqd_item_fire_locked(it);
		spin_unlock_bh(&it->lock);
		*waited = flush_delayed_work(&it->dwork);
		return 0;
	}
	if (!wqd_item_sleeps_period(it)) {
		*waited = flush_work(&it->dwork.work);
		return 0;
	}
	parked = wqd_item_park(it);
	*waited = flush_work(&it->dwork.work);
	if (parked)
		wqd_item_unpark(it);
	return 0;
}

/**
 * wqd_items_park_queue() - park every plain periodic item of a queue for
 *	a flush of the queue (as wqd_item_park() does one), or, after it,
 *	unpark them
 * @q: the queue
 * @park: park, or unpark
 *
 * The queue counts its flushes (@flushing), which the handlers read:
 * parking wakes the sleepers to see it; the last flush to end queues the
 * runs they left unqueued. The walks are under wqd_lock, which keeps each
 * item listed, and so alive, while it is looked at; an item removed
 * meanwhile is stopped, and needs no run queued.
 */
void wqd_items_park_queue(struct wqd_queue *q, bool park)
{
	struct wqd_item *it;
	unsigned long id;

	if (park)
		atomic_inc(&q->flushing);
	else if (!atomic_dec_and_test(&q->flushing))
		return;
	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_items, id, it) {
		if (it->queue != q || !wqd_item_sleeps_period(it))
			continue;
		if (park) {
			wqd_item_wake(it);
			continue;
		}
		spin_lock_bh(&it->lock);
		wqd_item_release_locked(it);
		spin_unlock_bh(&it->lock);
	}
	mutex_unlock(&wqd_lock);
}
