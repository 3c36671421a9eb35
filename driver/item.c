// SPDX-License-Identifier: GPL-2.0
/*
 * Items: work and delayed work bound to a queue, from their making to
 * their free, and what the control path does to one: stop, cancel, mod,
 * query. Submits are in submit.c, flushes in flush.c, a run in run.c,
 * taking items out for good in reap.c.
 */
#include <linux/cpu.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/wait_bit.h>
#include "item.h"
#include "queue.h"
#include "run.h"

static struct kmem_cache *wqd_item_cache;

/*
 * The lock class of the items of BH queues, whose handlers take the lock
 * in softirq context. Every other item's lock is never taken there, so its
 * handler takes it without turning BHs off (run.c), and lockdep checks
 * that the two kinds stay apart.
 */
static struct lock_class_key wqd_item_bh_lock_key;

/**
 * wqd_item_queue_locked() - queue an item's next run
 * @it: the item, its lock held and its stop flag clear
 * @now: the caller's ktime_get_ns() of a moment ago. The handler passes
 *	the end of its payload rather than read the clock again: a clock read
 *	is the dearest part of its bookkeeping where the clocksource is slow.
 * @delay_ns: from @now to the run
 *
 * The work may be pending already: a mod can arm a running item's timer,
 * and the handler then finds it armed when it ends. The kernel call then
 * queues nothing, so neither the intended start nor the count of
 * queueings changes; the item is pending either way.
 */
void wqd_item_queue_locked(struct wqd_item *it, u64 now, u64 delay_ns)
{
	struct wqd_queue *q = it->queue;
	bool queued;

	lockdep_assert_held(&it->lock);
	if (wqd_item_delayed(it))
		queued = queue_delayed_work_on(it->cpu, q->wq, &it->dwork,
					       wqd_ns_to_jiffies(delay_ns));
	else
		queued = queue_work_on(it->cpu, q->wq, &it->dwork.work);
	it->state = WQD_STATE_PENDING;
	/* The handler reads it under the lock we hold: set in time. */
	if (queued) {
		it->due_ns = now + delay_ns;
		wqd_queue_account_queued(q);
	}
}

/**
 * wqd_item_unhold_locked() - give back the item's holder slot, if it has
 *	one: no run of it will keep a worker any more
 * @it: the item, its lock held
 *
 * Context: any; the handler calls it too.
 */
void wqd_item_unhold_locked(struct wqd_item *it)
{
	lockdep_assert_held(&it->lock);
	if (!(it->ctl & WQD_ITEM_HOLDER))
		return;
	wqd_item_set_ctl(it, it->ctl & ~WQD_ITEM_HOLDER);
	atomic_dec(&it->queue->holders);
	atomic_dec(&wqd_totals.nr_holders);
}

/**
 * wqd_item_finish_locked() - the chain of runs is over: it ran @count
 *	times, and its last run is ending
 * @it: the item, its lock held
 * @state: WQD_STATE_DONE
 *
 * Context: the handler.
 */
void wqd_item_finish_locked(struct wqd_item *it, u8 state)
{
	lockdep_assert_held(&it->lock);
	it->state = state;
	wqd_item_unhold_locked(it);
}

/**
 * wqd_item_settle_locked() - a stopped item gives back its holder slot
 *	once no run of it is under way or to come: not at the stop, while
 *	the payload of its last run may keep a worker for seconds, or the
 *	limits could be passed by stopping items over and over
 * @it: the item, its lock held
 *
 * Called at the stop, after each cancel, and by the handler at the end of
 * a run; a run queued or armed after the stop (a drain fires the timers)
 * gives the slot back at its own end. A run the workqueue has taken off
 * its list but whose handler has not yet taken the lock is neither: the
 * slot goes back, and that run, finding the item stopped without it,
 * skips its payload (run.c).
 */
void wqd_item_settle_locked(struct wqd_item *it)
{
	lockdep_assert_held(&it->lock);
	if (it->stop && !(it->ctl & WQD_ITEM_INRUN) &&
	    !work_pending(&it->dwork.work))
		wqd_item_unhold_locked(it);
}

/*
 * Whether a run has begun that is not counted yet: the handler is
 * running, or the workqueue has taken the work off its list (the pending
 * bit is clear) and the handler is about to take the item's lock. A mod
 * that arms the timer then adds a run after that one.
 */
static bool wqd_item_in_flight(struct wqd_item *it)
{
	lockdep_assert_held(&it->lock);
	return it->state == WQD_STATE_RUNNING ||
	       (it->state == WQD_STATE_PENDING && !work_pending(&it->dwork.work));
}

/*
 * Wake the item's period sleep, if it is in one (run.c), to look at @stop
 * and the parks again.
 */
void wqd_item_wake(struct wqd_item *it)
{
	/* Pairs with prepare_to_wait_event(): the sleeper sees the bits, or is seen. */
	smp_mb();
	wake_up_var(&it->stop);
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

/**
 * wqd_item_alloc() - make an item for a submit, not yet listed or queued
 * @req: the validated request
 * @q: its queue, which the item holds a reference to
 *
 * Return: the item, with one reference, or NULL.
 */
struct wqd_item *wqd_item_alloc(const struct wqd_work_submit *req,
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
	if (wqd_req_holds(req))
		it->ctl = WQD_ITEM_HOLDER;
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

/*
 * Run an armed delayed item now, as flush_delayed_work() does, without
 * waiting for the run: its intended start moves to now, so that its
 * lateness is measured from when it was fired.
 */
void wqd_item_fire_locked(struct wqd_item *it)
{
	u64 now = ktime_get_ns();

	lockdep_assert_held(&it->lock);
	if (it->due_ns > now)
		it->due_ns = now;
	mod_delayed_work_on(it->cpu, it->queue->wq, &it->dwork, 0);
}

/**
 * wqd_item_stop() - end the chain of runs: no run is queued after this
 * @it: the item
 * @state: why, if it was live: WQD_STATE_CANCELLED or _OFFLINE
 * @fire: fire a delayed item's armed timer now (a drain), rather than
 *	leave it to a cancel
 *
 * A run that starts or is under way after this ends the chain and leaves
 * @state as it is. The item's holder slot goes back when no run of it is
 * under way or to come (wqd_item_settle_locked()).
 *
 * Return: whether the item was live until now.
 */
bool wqd_item_stop(struct wqd_item *it, u8 state, bool fire)
{
	bool live;

	spin_lock_bh(&it->lock);
	live = !it->stop && it->state != WQD_STATE_DONE;
	/*
	 * Whatever its state: a mod can arm a running item's timer. On the
	 * pending bit, not on timer_pending(): a timer that expired but
	 * has not queued its work yet is pending too, and mod_delayed_work_on()
	 * waits for its callback rather than let it queue during the drain.
	 */
	if (fire && wqd_item_delayed(it) && work_pending(&it->dwork.work))
		wqd_item_fire_locked(it);
	WRITE_ONCE(it->stop, true);
	if (live)
		it->state = state;
	wqd_item_settle_locked(it);
	spin_unlock_bh(&it->lock);
	if (live)
		wqd_item_wake(it);
	return live;
}

/**
 * wqd_item_cancel_work() - the kernel's cancel call for the item's kind
 * @it: the item
 * @sync: the _sync variant, which waits for a run under way
 *
 * A stopped item whose pending run the cancel removed gives back its
 * holder slot.
 *
 * Return: whether the work was pending.
 */
bool wqd_item_cancel_work(struct wqd_item *it, bool sync)
{
	bool pending;

	if (wqd_item_delayed(it))
		pending = sync ? cancel_delayed_work_sync(&it->dwork) :
				 cancel_delayed_work(&it->dwork);
	else
		pending = sync ? cancel_work_sync(&it->dwork.work) :
				 cancel_work(&it->dwork.work);
	spin_lock_bh(&it->lock);
	wqd_item_settle_locked(it);
	spin_unlock_bh(&it->lock);
	return pending;
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
	if (wqd_item_stop(it, WQD_STATE_CANCELLED, false)) {
		atomic64_inc(&it->queue->cancelled);
		atomic64_inc(&wqd_totals.cancelled);
	}
	return wqd_item_cancel_work(it, sync);
}

/**
 * wqd_item_mod() - mod_delayed_work(): re-arm a delayed item's timer
 * @it: the item
 * @delay_ns: the new delay, from now
 * @pending: whether the item was pending before
 *
 * Under cpus_read_lock(): the CPU of a pinned item that is still live
 * stays online until its timer is armed (hotplug.c).
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
	cpus_read_lock();
	spin_lock_bh(&it->lock);
	if (test_bit(WQD_QUEUE_DRAINING, &q->state)) {
		ret = -EBUSY;
	} else if (it->stop || it->state == WQD_STATE_DONE ||
		   /* A run under way, not counted yet, comes before the mod's. */
		   (it->count && it->runs + wqd_item_in_flight(it) >= it->count)) {
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
	cpus_read_unlock();
	return ret;
}

/* The run count is a u32: as a divisor it must not become an s32. */
static void wqd_stat_fill(struct wqd_stat *st, s64 min, s64 sum, s64 max,
			  u32 runs)
{
	if (!runs)
		return;
	st->min = min;
	st->avg = div64_s64(sum, runs);
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
	info->last_pid = wqd_pid_in_ns(it->last_pid, task_active_pid_ns(current));
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

/**
 * wqd_items_stop_queue() - for a drain: stop every item of a queue and
 *	fire its armed timer now, waiting for nothing
 * @q: the queue, already marked draining so that no item joins it
 */
void wqd_items_stop_queue(struct wqd_queue *q)
{
	struct wqd_item *it;
	unsigned long id;

	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_items, id, it)
		if (it->queue == q)
			wqd_item_stop(it, WQD_STATE_CANCELLED, true);
	mutex_unlock(&wqd_lock);
}

/**
 * wqd_items_stop_cpu() - stop every item pinned to a CPU going offline
 * @cpu: the CPU
 *
 * Context: the CPU hotplug callback (hotplug.c), with the hotplug lock
 * held: no submit or mod can queue on @cpu meanwhile, and the handlers
 * check @stop under the item's lock before they queue again. A delayed
 * work armed on an offline CPU would never run, so the item stops, in
 * state WQD_STATE_OFFLINE, and its pending work is cancelled.
 */
void wqd_items_stop_cpu(unsigned int cpu)
{
	struct wqd_item *it;
	unsigned long id;

	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_items, id, it)
		if (it->cpu == cpu && wqd_item_stop(it, WQD_STATE_OFFLINE, false))
			wqd_item_cancel_work(it, false);
	mutex_unlock(&wqd_lock);
}

/**
 * wqd_items_init() - make the item cache
 *
 * Return: 0 or -ENOMEM.
 */
int wqd_items_init(void)
{
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
