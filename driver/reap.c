// SPDX-License-Identifier: GPL-2.0
/*
 * Reaping: taking items out for good, for a queue's destroy, a reset, the
 * close of a file that owns items, and the module's unload.
 *
 * Every item is first taken out of the registry, then told to stop and its
 * pending work cancelled without waiting, all of them before any wait: from
 * then on none of them can run again, or queue itself again. Only then is
 * there one wait, for the runs already under way, which all end together:
 * the whole teardown takes about one payload, at any count. Stopping and
 * waiting one item at a time would let the others go on running and
 * re-arming while it waited, and the wait would grow with their number.
 *
 * That wait (cancel_work_sync() on each, which cannot be interrupted) runs
 * in a reaper work of its own, so that the caller can stop waiting on a
 * fatal signal, or not wait at all: its items are out of every list and
 * stopped by then, and the reaper frees them when their runs end. The
 * unload waits for every reaper before it frees anything else.
 */
#include <linux/completion.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include "item.h"
#include "queue.h"
#include "reap.h"

/* Runs the reapers; destroyed, and so drained, at unload. */
static struct workqueue_struct *wqd_reap_wq;

/**
 * struct wqd_reap - one wait for the runs of items being reaped
 * @work: runs the wait
 * @items: the items, linked by owner_node
 * @done: completed when every item is freed
 * @ref: the caller's and the reaper's: the last one frees it
 */
struct wqd_reap {
	struct work_struct work;
	struct list_head items;
	struct completion done;
	refcount_t ref;
};

/* Take an item out of the registry onto @reap. */
static void wqd_item_unlist(struct wqd_item *it, struct list_head *reap)
{
	lockdep_assert_held(&wqd_lock);
	xa_erase(&wqd_items, it->id);
	list_move_tail(&it->owner_node, reap);
	atomic_inc(&it->queue->reaping);
	atomic_dec(&it->queue->items);
	wqd_totals.nr_items--;
}

/*
 * Once an item is stopped and its pending work cancelled, none of its
 * timers can fire: a drain, which waits for @reaping to fall to 0 before
 * drain_workqueue(), need not wait for the runs, which it drains itself.
 */
static void wqd_reap_stop(struct list_head *items)
{
	struct wqd_item *it;

	list_for_each_entry(it, items, owner_node) {
		struct wqd_queue *q = it->queue;

		wqd_item_stop(it, WQD_STATE_CANCELLED, false);
		wqd_item_cancel_work(it, false);
		if (atomic_dec_and_test(&q->reaping))
			wake_up_all(&q->wake);
	}
}

/* Wait for the runs under way, and free each item as its run ends. */
static void wqd_reap_wait(struct list_head *items)
{
	struct wqd_item *it, *tmp;

	list_for_each_entry_safe(it, tmp, items, owner_node) {
		list_del_init(&it->owner_node);
		wqd_item_cancel_work(it, true);
		wqd_item_put(it);
	}
}

static void wqd_reap_put(struct wqd_reap *r)
{
	if (refcount_dec_and_test(&r->ref))
		kfree(r);
}

static void wqd_reap_fn(struct work_struct *work)
{
	struct wqd_reap *r = container_of(work, struct wqd_reap, work);

	wqd_reap_wait(&r->items);
	complete(&r->done);
	wqd_reap_put(r);
}

/*
 * Stop and cancel every item on @items, then wait for their runs as @wait
 * says; a reaper goes on with what the caller does not wait for.
 */
static int wqd_items_reap(struct list_head *items, enum wqd_reap_wait wait)
{
	struct wqd_reap *r;
	int ret = 0;

	if (list_empty(items))
		return 0;
	wqd_reap_stop(items);
	/* Without a reaper, the caller waits: the items are stopped anyway. */
	r = wait != WQD_REAP_WAIT ? kmalloc(sizeof(*r), GFP_KERNEL) : NULL;
	if (!r) {
		wqd_reap_wait(items);
		return 0;
	}
	INIT_WORK(&r->work, wqd_reap_fn);
	INIT_LIST_HEAD(&r->items);
	list_splice_init(items, &r->items);
	init_completion(&r->done);
	refcount_set(&r->ref, 2);
	queue_work(wqd_reap_wq, &r->work);
	if (wait == WQD_REAP_KILLABLE && wait_for_completion_killable(&r->done))
		ret = -EINTR;
	wqd_reap_put(r);
	return ret;
}

/**
 * wqd_items_remove() - cancel and free the items of a queue, or all items
 * @q: the queue, or NULL for every item
 * @wait: how the caller waits for their runs under way
 *
 * Return: 0, or -EINTR when a fatal signal ended the wait.
 */
int wqd_items_remove(struct wqd_queue *q, enum wqd_reap_wait wait)
{
	struct wqd_item *it;
	unsigned long id;
	LIST_HEAD(reap);

	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_items, id, it)
		if (!q || it->queue == q)
			wqd_item_unlist(it, &reap);
	mutex_unlock(&wqd_lock);
	return wqd_items_reap(&reap, wait);
}

/**
 * wqd_items_release_owned() - cancel and free the items a file owns
 * @file: the file being released
 *
 * The close does not wait for their runs under way: they are stopped
 * and unlisted, and a reaper frees them as the runs end. A close often
 * happens in the exit of a killed task (`wqctl work submit --owned`),
 * where no wait could be cut short by the signal that killed it.
 */
void wqd_items_release_owned(struct wqd_file *file)
{
	struct wqd_item *it, *tmp;
	LIST_HEAD(reap);

	mutex_lock(&wqd_lock);
	list_for_each_entry_safe(it, tmp, &file->owned, owner_node)
		wqd_item_unlist(it, &reap);
	mutex_unlock(&wqd_lock);
	wqd_items_reap(&reap, WQD_REAP_NOWAIT);
}

/**
 * wqd_reap_init() - make the reapers' workqueue
 *
 * Return: 0 or -ENOMEM.
 */
int wqd_reap_init(void)
{
	wqd_reap_wq = alloc_workqueue("wqd_reap", WQ_UNBOUND, 0);
	return wqd_reap_wq ? 0 : -ENOMEM;
}

/**
 * wqd_reap_exit() - wait for every reaper, then free their workqueue
 *
 * Context: the unload, once no file is open: no reaper can start any more.
 */
void wqd_reap_exit(void)
{
	destroy_workqueue(wqd_reap_wq);
}
