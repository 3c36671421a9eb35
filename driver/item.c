// SPDX-License-Identifier: GPL-2.0
/*
 * Items: work and delayed work bound to a queue, and their whole life from
 * submit to free. What a run does is in run.c.
 */
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include "item.h"
#include "queue.h"
#include "run.h"

/* A handler of a BH queue runs in softirq context: keep it short. */
#define WQD_BH_MAX_BUSY_NS	NSEC_PER_MSEC

static struct kmem_cache *wqd_item_cache;

/*
 * The lock class of the items of BH queues, whose handlers take the lock
 * in softirq context. Every other item's lock is never taken there, so its
 * handler takes it without turning BHs off (run.c), and lockdep checks
 * that the two kinds stay apart.
 */
static struct lock_class_key wqd_item_bh_lock_key;

static u32 wqd_item_next_id;	/* cyclic id allocation state, wqd_lock */

/**
 * wqd_item_queue_locked() - queue an item's next run
 * @it: the item, its lock held and its stop flag clear
 * @now: the caller's ktime_get_ns() of a moment ago. The handler passes
 *	the end of its payload rather than read the clock again: a clock read
 *	is the dearest part of its bookkeeping where the clocksource is slow.
 * @delay_ns: from @now to the run
 */
void wqd_item_queue_locked(struct wqd_item *it, u64 now, u64 delay_ns)
{
	struct wqd_queue *q = it->queue;

	lockdep_assert_held(&it->lock);
	it->due_ns = now + delay_ns;
	it->state = WQD_STATE_PENDING;
	if (wqd_item_delayed(it))
		queue_delayed_work_on(it->cpu, q->wq, &it->dwork,
				      wqd_ns_to_jiffies(delay_ns));
	else
		queue_work_on(it->cpu, q->wq, &it->dwork.work);
	wqd_queue_account_queued(q);
}

static void wqd_item_release(struct kref *ref)
{
	struct wqd_item *it = container_of(ref, struct wqd_item, ref);
	struct wqd_queue *q = it->queue;

	if (it->extra)
		kfree(it->extra->hist);
	kfree(it->extra);
	kmem_cache_free(wqd_item_cache, it);
	wqd_queue_put(q);
}

/**
 * wqd_item_put() - drop a reference to an item
 * @it: the item
 *
 * Context: process context, not under wqd_lock: the last put may drop the
 * last reference to a destroyed queue, which destroys its workqueue.
 */
void wqd_item_put(struct wqd_item *it)
{
	kref_put(&it->ref, wqd_item_release);
}

/**
 * wqd_item_get() - look an item up by id and take a reference to it
 * @id: item id
 *
 * Return: the item, or NULL when no listed item has that id.
 */
struct wqd_item *wqd_item_get(u64 id)
{
	struct wqd_item *it;

	if (id > U32_MAX)
		return NULL;
	mutex_lock(&wqd_lock);
	it = xa_load(&wqd_items, id);
	if (it)
		kref_get(&it->ref);
	mutex_unlock(&wqd_lock);
	return it;
}

/* Only an item with a label, a payload or histograms has an extra. */
static struct wqd_item_extra *wqd_item_alloc_extra(const struct wqd_work_submit *req)
{
	struct wqd_item_extra *ex;

	if (!req->name[0] && !req->busy_ns && !req->sleep_ns &&
	    !(req->flags & WQD_WF_HIST))
		return NULL;
	ex = kzalloc(sizeof(*ex), GFP_KERNEL_ACCOUNT);
	if (!ex)
		return ERR_PTR(-ENOMEM);
	if (req->flags & WQD_WF_HIST) {
		ex->hist = kzalloc(sizeof(*ex->hist), GFP_KERNEL_ACCOUNT);
		if (!ex->hist) {
			kfree(ex);
			return ERR_PTR(-ENOMEM);
		}
	}
	ex->busy_ns = req->busy_ns;
	ex->sleep_ns = req->sleep_ns;
	strscpy(ex->name, req->name, sizeof(ex->name));
	return ex;
}

static struct wqd_item *wqd_item_alloc(const struct wqd_work_submit *req,
				       struct wqd_queue *q)
{
	struct wqd_item_extra *ex;
	struct wqd_item *it;

	/* WORK_CPU_UNBOUND is NR_CPUS: it, and every CPU, fit in @cpu. */
	BUILD_BUG_ON(WORK_CPU_UNBOUND >= WQD_ITEM_NO_CPU);
	it = kmem_cache_zalloc(wqd_item_cache, GFP_KERNEL_ACCOUNT);
	if (!it)
		return NULL;
	ex = wqd_item_alloc_extra(req);
	if (IS_ERR(ex)) {
		kmem_cache_free(wqd_item_cache, it);
		return NULL;
	}
	it->extra = ex;
	if (req->flags & WQD_WF_DELAYED)
		INIT_DELAYED_WORK(&it->dwork, wqd_item_fn);
	else
		INIT_WORK(&it->dwork.work, wqd_item_fn);
	kref_init(&it->ref);
	kref_get(&q->ref);
	it->queue = q;
	INIT_LIST_HEAD(&it->owner_node);
	it->flags = req->flags;
	it->cpu = req->cpu == WQD_CPU_ANY ? WORK_CPU_UNBOUND : req->cpu;
	it->count = req->count;
	it->delay_ns = req->delay_ns;
	it->period_ns = req->period_ns;
	spin_lock_init(&it->lock);
	if (q->flags & WQD_QF_BH)
		lockdep_set_class(&it->lock, &wqd_item_bh_lock_key);
	it->last_cpu = WQD_ITEM_NO_CPU;
	return it;
}

static void wqd_items_free_batch(struct list_head *batch)
{
	struct wqd_item *it, *tmp;

	list_for_each_entry_safe(it, tmp, batch, owner_node)
		wqd_item_put(it);
}

/* A BH queue's handler runs in softirq context: it must not sleep. */
static int wqd_item_check_queue(const struct wqd_work_submit *req,
				const struct wqd_queue *q)
{
	bool delayed = req->flags & WQD_WF_DELAYED;

	if (!(q->flags & WQD_QF_BH))
		return 0;
	if (req->sleep_ns || (!delayed && req->period_ns) ||
	    req->busy_ns > WQD_BH_MAX_BUSY_NS)
		return -EINVAL;
	return 0;
}

/* Take the reserved ids back; the items were never visible. */
static void wqd_items_unreserve(struct list_head *batch, unsigned int n)
{
	struct wqd_item *it;

	mutex_lock(&wqd_lock);
	list_for_each_entry(it, batch, owner_node)
		if (it->id)
			xa_release(&wqd_items, it->id);
	wqd_totals.nr_items -= n;
	mutex_unlock(&wqd_lock);
}

static int wqd_items_reserve(struct list_head *batch, unsigned int n)
{
	struct wqd_item *it;
	int ret = 0;

	mutex_lock(&wqd_lock);
	if (n > wqd_max_items - min(wqd_totals.nr_items, wqd_max_items)) {
		mutex_unlock(&wqd_lock);
		return -ENOSPC;
	}
	wqd_totals.nr_items += n;
	/*
	 * A reserved id reads as absent to every lookup and walk until the
	 * item is stored, so ids can be copied out, and the batch undone on
	 * a fault, before any item is seen or queued.
	 */
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
		wqd_items_unreserve(batch, n);
	return ret;
}

static int wqd_items_commit(struct wqd_file *file, struct list_head *batch,
			    unsigned int n, struct wqd_queue *q)
{
	struct wqd_item *it, *tmp;
	u64 now;
	int ret;

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
 * being drained, -EINVAL for a payload a BH queue cannot run, -ENOSPC at
 * the item limit, -EFAULT, -ENOMEM.
 */
int wqd_item_submit(struct wqd_file *file, const struct wqd_work_submit *req,
		    u64 __user *ids)
{
	unsigned int n = max(req->instances, 1U), i = 0;
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

	for (i = 0; i < n; i++) {
		it = wqd_item_alloc(req, q);
		if (!it) {
			ret = -ENOMEM;
			goto err_free_batch;
		}
		list_add_tail(&it->owner_node, &batch);
	}

	ret = wqd_items_reserve(&batch, n);
	if (ret)
		goto err_free_batch;

	i = 0;
	list_for_each_entry(it, &batch, owner_node) {
		if (put_user((u64)it->id, ids + i++)) {
			ret = -EFAULT;
			goto err_unreserve;
		}
	}

	ret = wqd_items_commit(file, &batch, n, q);
	if (ret)
		goto err_unreserve;
	goto out_put_queue;

err_unreserve:
	wqd_items_unreserve(&batch, n);
err_free_batch:
	wqd_items_free_batch(&batch);
out_put_queue:
	wqd_queue_put(q);
	return ret;
}

/* Ends the chain of runs; returns whether the item was live until now. */
static bool wqd_item_stop(struct wqd_item *it)
{
	bool live;

	spin_lock_bh(&it->lock);
	live = !it->stop && it->state != WQD_STATE_DONE;
	WRITE_ONCE(it->stop, true);
	if (live)
		it->state = WQD_STATE_CANCELLED;
	spin_unlock_bh(&it->lock);
	if (live)
		wake_up_all(&it->queue->wake);
	return live;
}

static bool wqd_item_cancel_work(struct wqd_item *it, bool sync)
{
	if (wqd_item_delayed(it))
		return sync ? cancel_delayed_work_sync(&it->dwork) :
			      cancel_delayed_work(&it->dwork);
	return sync ? cancel_work_sync(&it->dwork.work) :
		      cancel_work(&it->dwork.work);
}

/**
 * wqd_item_cancel() - stop an item and cancel its work
 * @it: the item
 * @sync: cancel_(delayed_)work_sync(), which waits for a running handler;
 *	otherwise cancel_(delayed_)work(), which does not
 *
 * The item stays listed, in state cancelled (or done, if it had finished).
 *
 * Return: whether the work was pending, as the kernel call says.
 */
bool wqd_item_cancel(struct wqd_item *it, bool sync)
{
	if (wqd_item_stop(it)) {
		atomic64_inc(&it->queue->cancelled);
		atomic64_inc(&wqd_totals.cancelled);
	}
	return wqd_item_cancel_work(it, sync);
}

/**
 * wqd_item_flush() - flush_work(), or flush_delayed_work() which first
 *	queues an armed timer's work at once
 * @it: the item
 *
 * Return: whether the call had to wait, as the kernel call says.
 */
bool wqd_item_flush(struct wqd_item *it)
{
	if (wqd_item_delayed(it))
		return flush_delayed_work(&it->dwork);
	return flush_work(&it->dwork.work);
}

/**
 * wqd_item_mod() - mod_delayed_work(): re-arm a delayed item's timer
 * @it: the item
 * @delay_ns: the new delay, from now
 * @pending: whether the item was pending before
 *
 * Return: 0, -EINVAL for a plain item or one that will not run again,
 * -EBUSY while its queue drains.
 */
int wqd_item_mod(struct wqd_item *it, u64 delay_ns, bool *pending)
{
	struct wqd_queue *q = it->queue;
	int ret = 0;

	if (!wqd_item_delayed(it))
		return -EINVAL;
	spin_lock_bh(&it->lock);
	if (test_bit(WQD_QUEUE_DRAINING, &q->state)) {
		ret = -EBUSY;
	} else if (it->stop || it->state == WQD_STATE_DONE ||
		   (it->count && it->runs + (it->state == WQD_STATE_RUNNING) >=
		    it->count)) {
		ret = -EINVAL;
	} else {
		it->due_ns = ktime_get_ns() + delay_ns;
		if (it->state != WQD_STATE_RUNNING)
			it->state = WQD_STATE_PENDING;
		*pending = mod_delayed_work_on(it->cpu, q->wq, &it->dwork,
					       wqd_ns_to_jiffies(delay_ns));
		wqd_queue_account_queued(q);
	}
	spin_unlock_bh(&it->lock);
	return ret;
}

static void wqd_stat_fill(struct wqd_stat *st, s64 min, s64 sum, s64 max,
			  u32 runs)
{
	if (!runs)
		return;
	st->min = min;
	st->avg = div_s64(sum, runs);
	st->max = max;
}

/**
 * wqd_item_fill_info() - an item's description and counters
 * @it: the item
 * @info: filled in whole
 */
void wqd_item_fill_info(struct wqd_item *it, struct wqd_work_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = it->id;
	info->queue_id = it->queue->id;
	info->flags = it->flags;
	info->cpu = it->cpu == WORK_CPU_UNBOUND ? WQD_CPU_ANY : it->cpu;
	info->count = it->count;
	info->delay_ns = it->delay_ns;
	info->period_ns = it->period_ns;
	if (it->extra) {
		strscpy(info->name, it->extra->name, sizeof(info->name));
		info->busy_ns = it->extra->busy_ns;
		info->sleep_ns = it->extra->sleep_ns;
	}
	info->submit_ns = it->submit_ns;

	spin_lock_bh(&it->lock);
	info->state = it->state;
	info->runs = it->runs;
	info->last_cpu = it->last_cpu == WQD_ITEM_NO_CPU ? WQD_CPU_ANY : it->last_cpu;
	info->last_pid = it->last_pid;
	info->last_run_ns = it->last_run_ns;
	wqd_stat_fill(&info->lateness, it->lat_min, it->lat_sum, it->lat_max,
		      it->runs);
	wqd_stat_fill(&info->runtime, it->rt_min, it->rt_sum, it->rt_max,
		      it->runs);
	spin_unlock_bh(&it->lock);
}

/**
 * wqd_item_hist() - an item's histograms
 * @it: the item
 * @hist: out: its histograms
 *
 * Return: 0, or -EINVAL for an item submitted without WQD_WF_HIST.
 */
int wqd_item_hist(struct wqd_item *it, struct wqd_hist *hist)
{
	unsigned int i;

	if (!it->extra || !it->extra->hist)
		return -EINVAL;
	spin_lock_bh(&it->lock);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		hist->lateness[i] = it->extra->hist->late[i];
		hist->runtime[i] = it->extra->hist->run[i];
	}
	spin_unlock_bh(&it->lock);
	return 0;
}

/* Take an item out of the registry onto @reap; the caller frees it. */
static void wqd_item_unlist(struct wqd_item *it, struct list_head *reap)
{
	lockdep_assert_held(&wqd_lock);
	xa_erase(&wqd_items, it->id);
	list_move_tail(&it->owner_node, reap);
	atomic_inc(&it->queue->reaping);
	atomic_dec(&it->queue->items);
	wqd_totals.nr_items--;
}

static void wqd_items_reap(struct list_head *reap)
{
	struct wqd_item *it, *tmp;

	list_for_each_entry_safe(it, tmp, reap, owner_node) {
		struct wqd_queue *q = it->queue;

		list_del_init(&it->owner_node);
		wqd_item_stop(it);
		wqd_item_cancel_work(it, true);
		if (atomic_dec_and_test(&q->reaping))
			wake_up_all(&q->wake);
		wqd_item_put(it);
	}
}

/**
 * wqd_items_remove() - cancel and free the items of a queue, or all items
 * @q: the queue, or NULL for every item
 */
void wqd_items_remove(struct wqd_queue *q)
{
	struct wqd_item *it;
	unsigned long id;
	LIST_HEAD(reap);

	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_items, id, it)
		if (!q || it->queue == q)
			wqd_item_unlist(it, &reap);
	mutex_unlock(&wqd_lock);
	wqd_items_reap(&reap);
}

/**
 * wqd_items_release_owned() - cancel and free the items a file owns
 * @file: the file being released
 */
void wqd_items_release_owned(struct wqd_file *file)
{
	struct wqd_item *it, *tmp;
	LIST_HEAD(reap);

	mutex_lock(&wqd_lock);
	list_for_each_entry_safe(it, tmp, &file->owned, owner_node)
		wqd_item_unlist(it, &reap);
	mutex_unlock(&wqd_lock);
	wqd_items_reap(&reap);
}

/**
 * wqd_items_stop_queue() - for a drain: stop every item of a queue and run
 *	its armed timer now
 * @q: the queue, already marked draining so that no item joins it
 *
 * Works in batches so that no allocation is needed and wqd_lock is not
 * held across flush_delayed_work().
 */
void wqd_items_stop_queue(struct wqd_queue *q)
{
	struct wqd_item *batch[32];
	unsigned long next = 0, id;
	unsigned int n, i;
	struct wqd_item *it;

	do {
		n = 0;
		mutex_lock(&wqd_lock);
		xa_for_each_start(&wqd_items, id, it, next) {
			next = id + 1;
			if (it->queue != q)
				continue;
			kref_get(&it->ref);
			batch[n++] = it;
			if (n == ARRAY_SIZE(batch))
				break;
		}
		mutex_unlock(&wqd_lock);

		for (i = 0; i < n; i++) {
			wqd_item_stop(batch[i]);
			if (wqd_item_delayed(batch[i]))
				flush_delayed_work(&batch[i]->dwork);
			wqd_item_put(batch[i]);
		}
	} while (n == ARRAY_SIZE(batch));
}

/**
 * wqd_items_init() - make the item cache
 *
 * Return: 0 or -ENOMEM.
 */
int wqd_items_init(void)
{
	wqd_item_next_id = 1;
	wqd_item_cache = KMEM_CACHE(wqd_item, SLAB_ACCOUNT);
	return wqd_item_cache ? 0 : -ENOMEM;
}

/**
 * wqd_items_exit() - free the item cache; every item must be gone
 */
void wqd_items_exit(void)
{
	xa_destroy(&wqd_items);
	kmem_cache_destroy(wqd_item_cache);
}
