// SPDX-License-Identifier: GPL-2.0
/*
 * Queues: the system workqueues under fixed ids, and the workqueues users
 * create, each made by the very kernel call the user named.
 *
 * Teardown of a user queue: under wqd_lock mark it dead and unlist it (no
 * new item can bind to it from then on); take every item bound to it out
 * of the registry, stop it and cancel it with the _sync call; drop the
 * registry's reference. The last reference, held by the registry or by an
 * ioctl still working on one of its items, calls destroy_workqueue(),
 * when nothing can be queued on it any more.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "compat.h"
#include "item.h"
#include "queue.h"

static struct kmem_cache *wqd_queue_cache;

static u32 wqd_queue_next_id;	/* cyclic id allocation state, wqd_lock */

struct wqd_builtin {
	const char *name;
	u32 flags;
};

static const struct wqd_builtin wqd_builtins[] = {
	[WQD_QUEUE_SYSTEM] = { "system", 0 },
	[WQD_QUEUE_SYSTEM_HIGHPRI] = { "system_highpri", WQD_QF_HIGHPRI },
	[WQD_QUEUE_SYSTEM_LONG] = { "system_long", 0 },
	[WQD_QUEUE_SYSTEM_UNBOUND] = { "system_unbound", WQD_QF_UNBOUND },
	[WQD_QUEUE_SYSTEM_FREEZABLE] = { "system_freezable", WQD_QF_FREEZABLE },
	[WQD_QUEUE_SYSTEM_POWER_EFFICIENT] = { "system_power_efficient",
					       WQD_QF_POWER_EFFICIENT },
	[WQD_QUEUE_SYSTEM_BH] = { "system_bh", WQD_QF_BH },
};

static struct workqueue_struct *wqd_builtin_wq(unsigned int id)
{
	switch (id) {
	case WQD_QUEUE_SYSTEM:
		return system_wq;
	case WQD_QUEUE_SYSTEM_HIGHPRI:
		return system_highpri_wq;
	case WQD_QUEUE_SYSTEM_LONG:
		return system_long_wq;
	case WQD_QUEUE_SYSTEM_UNBOUND:
		return system_unbound_wq;
	case WQD_QUEUE_SYSTEM_FREEZABLE:
		return system_freezable_wq;
	case WQD_QUEUE_SYSTEM_POWER_EFFICIENT:
		return system_power_efficient_wq;
	case WQD_QUEUE_SYSTEM_BH:
		return wqd_system_bh_wq();
	}
	return NULL;
}

static struct wqd_queue *wqd_queue_alloc(const char *name)
{
	struct wqd_queue *q;

	q = kmem_cache_zalloc(wqd_queue_cache, GFP_KERNEL_ACCOUNT);
	if (!q)
		return NULL;
	q->stats = alloc_percpu_gfp(struct wqd_queue_stats, GFP_KERNEL_ACCOUNT);
	if (!q->stats) {
		kmem_cache_free(wqd_queue_cache, q);
		return NULL;
	}
	kref_init(&q->ref);
	init_waitqueue_head(&q->wake);
	strscpy(q->name, name, sizeof(q->name));
	return q;
}

static void wqd_queue_release(struct kref *ref)
{
	struct wqd_queue *q = container_of(ref, struct wqd_queue, ref);

	if (!wqd_queue_builtin(q))
		destroy_workqueue(q->wq);
	free_percpu(q->stats);
	kmem_cache_free(wqd_queue_cache, q);
}

/**
 * wqd_queue_put() - drop a reference to a queue
 * @q: the queue
 *
 * Context: process context, not under wqd_lock: the last put of a user
 * queue destroys its workqueue, which sleeps.
 */
void wqd_queue_put(struct wqd_queue *q)
{
	kref_put(&q->ref, wqd_queue_release);
}

/**
 * wqd_queue_get() - look a queue up by id and take a reference to it
 * @id: queue id
 *
 * Return: the queue, or NULL when no listed queue has that id.
 */
struct wqd_queue *wqd_queue_get(u64 id)
{
	struct wqd_queue *q = NULL;

	if (id > U32_MAX)
		return NULL;
	mutex_lock(&wqd_lock);
	q = xa_load(&wqd_queues, id);
	if (q)
		kref_get(&q->ref);
	mutex_unlock(&wqd_lock);
	return q;
}

static bool wqd_queue_name_taken(const char *name)
{
	struct wqd_queue *q;
	unsigned long id;

	lockdep_assert_held(&wqd_lock);
	xa_for_each(&wqd_queues, id, q)
		if (!strcmp(q->name, name))
			return true;
	return false;
}

static struct workqueue_struct *wqd_queue_alloc_wq(const struct wqd_queue_create *req)
{
	static const struct { u32 qf; unsigned int wq; } map[] = {
		{ WQD_QF_UNBOUND, WQ_UNBOUND },
		{ WQD_QF_HIGHPRI, WQ_HIGHPRI },
		{ WQD_QF_CPU_INTENSIVE, WQ_CPU_INTENSIVE },
		{ WQD_QF_FREEZABLE, WQ_FREEZABLE },
		{ WQD_QF_MEM_RECLAIM, WQ_MEM_RECLAIM },
		{ WQD_QF_SYSFS, WQ_SYSFS },
		{ WQD_QF_POWER_EFFICIENT, WQ_POWER_EFFICIENT },
		{ WQD_QF_BH, WQD_WQ_BH },
	};
	char name[WQD_NAME_LEN + 4];
	unsigned int flags = 0;
	size_t i;

	/* Prefixed, so a sysfs-visible queue never clashes with the kernel's. */
	snprintf(name, sizeof(name), "wqd_%s", req->name);
	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (req->flags & map[i].qf)
			flags |= map[i].wq;

	switch (req->kind) {
	case WQD_KIND_LEGACY:
		return create_workqueue(name);
	case WQD_KIND_LEGACY_SINGLE:
		return create_singlethread_workqueue(name);
	case WQD_KIND_ORDERED:
		return alloc_ordered_workqueue("%s", flags, name);
	default:
		return alloc_workqueue("%s", flags, req->max_active, name);
	}
}

/**
 * wqd_queue_create() - make a user queue
 * @req: the validated request (ioctl.c checked kinds, flags and the name)
 * @id: the new queue's id
 *
 * Return: 0, -EEXIST for a name in use, -ENOSPC when the queue limit is
 * reached, -ENOMEM.
 */
int wqd_queue_create(const struct wqd_queue_create *req, u32 *id)
{
	struct wqd_queue *q;
	int ret;

	q = wqd_queue_alloc(req->name);
	if (!q)
		return -ENOMEM;
	q->kind = req->kind;
	q->flags = req->flags;
	q->max_active = req->max_active;

	/*
	 * Made before taking wqd_lock: alloc_workqueue() sleeps and takes the
	 * workqueue core's own mutexes, and a duplicate name is rare enough
	 * that undoing it is cheaper than serialising every create on it.
	 */
	q->wq = wqd_queue_alloc_wq(req);
	if (!q->wq) {
		ret = -ENOMEM;
		goto err_free_queue;
	}

	mutex_lock(&wqd_lock);
	if (wqd_queue_name_taken(q->name)) {
		ret = -EEXIST;
		goto err_unlock;
	}
	if (wqd_totals.nr_queues >= wqd_max_queues) {
		ret = -ENOSPC;
		goto err_unlock;
	}
	ret = xa_alloc_cyclic(&wqd_queues, id, q,
			      XA_LIMIT(WQD_QUEUE_ID_USER, U32_MAX),
			      &wqd_queue_next_id, GFP_KERNEL);
	if (ret < 0)
		goto err_unlock;
	q->id = *id;
	wqd_totals.nr_queues++;
	mutex_unlock(&wqd_lock);
	return 0;

err_unlock:
	mutex_unlock(&wqd_lock);
	destroy_workqueue(q->wq);
err_free_queue:
	free_percpu(q->stats);
	kmem_cache_free(wqd_queue_cache, q);
	return ret;
}

/* Unlist a user queue; the caller then removes its items and puts it. */
static struct wqd_queue *wqd_queue_unlist(struct wqd_queue *q)
{
	lockdep_assert_held(&wqd_lock);
	set_bit(WQD_QUEUE_DEAD, &q->state);
	xa_erase(&wqd_queues, q->id);
	wqd_totals.nr_queues--;
	return q;
}

static void wqd_queue_teardown(struct wqd_queue *q)
{
	wqd_items_remove(q);
	wqd_queue_put(q);
}

/**
 * wqd_queue_destroy() - cancel every item of a user queue, then destroy it
 * @id: queue id
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue, -EBUSY while draining.
 */
int wqd_queue_destroy(u64 id)
{
	struct wqd_queue *q;
	int ret = 0;

	if (id > U32_MAX)
		return -ENOENT;
	mutex_lock(&wqd_lock);
	q = xa_load(&wqd_queues, id);
	if (!q)
		ret = -ENOENT;
	else if (wqd_queue_builtin(q))
		ret = -EPERM;
	else if (test_bit(WQD_QUEUE_DRAINING, &q->state))
		ret = -EBUSY;
	else
		wqd_queue_unlist(q);
	mutex_unlock(&wqd_lock);
	if (ret)
		return ret;

	wqd_queue_teardown(q);
	return 0;
}

/* A user queue, referenced, for flush and drain: built-ins are refused. */
static struct wqd_queue *wqd_queue_get_user(u64 id)
{
	struct wqd_queue *q = wqd_queue_get(id);

	if (!q)
		return ERR_PTR(-ENOENT);
	if (wqd_queue_builtin(q)) {
		wqd_queue_put(q);
		return ERR_PTR(-EPERM);
	}
	return q;
}

/**
 * wqd_queue_flush() - flush_workqueue() on a user queue
 * @id: queue id
 *
 * Waits for the work queued before the call; armed timers of delayed
 * items are not queued work, so they are not waited for.
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue (the kernel forbids
 * flushing the system queues).
 */
int wqd_queue_flush(u64 id)
{
	struct wqd_queue *q = wqd_queue_get_user(id);

	if (IS_ERR(q))
		return PTR_ERR(q);
	flush_workqueue(q->wq);
	wqd_queue_put(q);
	return 0;
}

/**
 * wqd_queue_drain() - stop every item of a user queue and drain it
 * @id: queue id
 *
 * drain_workqueue() only lets a queue's own handlers queue work on it
 * while it drains: anything else (a submit, a mod, a delayed item's timer)
 * would trip its warning. So new items and mods are refused first, every
 * item is told to stop repeating and its armed timer is fired now, items
 * being removed elsewhere (a reset, an owner's close) have been cancelled,
 * and only then does the drain wait for the queue to empty.
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue, -EBUSY when a drain
 * or a destroy is already under way.
 */
int wqd_queue_drain(u64 id)
{
	struct wqd_queue *q = wqd_queue_get_user(id);
	int ret = 0;

	if (IS_ERR(q))
		return PTR_ERR(q);
	mutex_lock(&wqd_lock);
	if (test_bit(WQD_QUEUE_DEAD, &q->state) ||
	    test_and_set_bit(WQD_QUEUE_DRAINING, &q->state))
		ret = -EBUSY;
	mutex_unlock(&wqd_lock);
	if (!ret) {
		wqd_items_stop_queue(q);
		wait_event(q->wake, !atomic_read(&q->reaping));
		drain_workqueue(q->wq);
		clear_bit(WQD_QUEUE_DRAINING, &q->state);
	}
	wqd_queue_put(q);
	return ret;
}

/**
 * wqd_queue_fill_info() - a queue's description and counters
 * @q: the queue
 * @info: filled in whole
 */
void wqd_queue_fill_info(struct wqd_queue *q, struct wqd_queue_info *info)
{
	int cpu;

	memset(info, 0, sizeof(*info));
	info->id = q->id;
	strscpy(info->name, q->name, sizeof(info->name));
	info->kind = q->kind;
	info->flags = q->flags;
	info->max_active = q->max_active;
	info->items = atomic_read(&q->items);
	info->running = atomic_read(&q->running);
	info->max_running = atomic_read(&q->max_running);
	for_each_possible_cpu(cpu) {
		const struct wqd_queue_stats *st = per_cpu_ptr(q->stats, cpu);

		info->queued += READ_ONCE(st->queued);
		info->executed += READ_ONCE(st->executed);
	}
	info->cancelled = atomic64_read(&q->cancelled);
}

/**
 * wqd_hist_bucket() - the log2 histogram bucket of a duration
 * @ns: the duration; zero or negative go to bucket 0
 *
 * Return: i such that @ns is in [2^(i-1), 2^i), capped at the last bucket.
 */
unsigned int wqd_hist_bucket(s64 ns)
{
	return ns <= 0 ? 0 : min_t(unsigned int, fls64(ns), WQD_HIST_BUCKETS - 1);
}

/**
 * wqd_queue_account_run() - count one completed run on a queue
 * @q: the queue
 * @late: the run's lateness
 * @runtime: the run's runtime
 *
 * Context: the work handler; lock-free, and no atomic either: this CPU's
 * counters (this_cpu_inc() is safe against preemption and interrupts).
 */
void wqd_queue_account_run(struct wqd_queue *q, s64 late, u64 runtime)
{
	this_cpu_inc(q->stats->executed);
	this_cpu_inc(wqd_pcpu_totals.executed);
	this_cpu_inc(q->stats->hist_late[wqd_hist_bucket(late)]);
	this_cpu_inc(q->stats->hist_run[wqd_hist_bucket(runtime)]);
}

/**
 * wqd_queue_account_queued() - count one queueing of an item on a queue
 * @q: the queue
 *
 * Context: any; lock-free, as wqd_queue_account_run().
 */
void wqd_queue_account_queued(struct wqd_queue *q)
{
	this_cpu_inc(q->stats->queued);
	this_cpu_inc(wqd_pcpu_totals.queued);
}

/**
 * wqd_totals_runs() - the module-wide counts of queueings and runs
 * @queued: out: times an item was queued or re-armed
 * @executed: out: handler runs completed
 */
void wqd_totals_runs(u64 *queued, u64 *executed)
{
	int cpu;

	*queued = 0;
	*executed = 0;
	for_each_possible_cpu(cpu) {
		const struct wqd_pcpu_totals *t = per_cpu_ptr(&wqd_pcpu_totals, cpu);

		*queued += READ_ONCE(t->queued);
		*executed += READ_ONCE(t->executed);
	}
}

static void wqd_queue_add_hist(struct wqd_queue *q, struct wqd_hist *hist)
{
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct wqd_queue_stats *st = per_cpu_ptr(q->stats, cpu);

		for (i = 0; i < WQD_HIST_BUCKETS; i++) {
			hist->lateness[i] += READ_ONCE(st->hist_late[i]);
			hist->runtime[i] += READ_ONCE(st->hist_run[i]);
		}
	}
}

/**
 * wqd_queue_hist() - the histograms of one queue, or of all summed
 * @hist: in: queue_id (0 for all), out: the histograms
 *
 * Return: 0 or -ENOENT.
 */
int wqd_queue_hist(struct wqd_hist *hist)
{
	struct wqd_queue *q;
	unsigned long id;

	if (hist->queue_id) {
		q = wqd_queue_get(hist->queue_id);
		if (!q)
			return -ENOENT;
		wqd_queue_add_hist(q, hist);
		wqd_queue_put(q);
		return 0;
	}
	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_queues, id, q)
		wqd_queue_add_hist(q, hist);
	mutex_unlock(&wqd_lock);
	return 0;
}

/*
 * A run counted on another CPU at the same moment may survive the reset,
 * as it could with atomics: the counters are zeroed, not frozen.
 */
static void wqd_queue_zero_counters(struct wqd_queue *q)
{
	int cpu;

	atomic_set(&q->max_running, atomic_read(&q->running));
	atomic64_set(&q->cancelled, 0);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(q->stats, cpu), 0, sizeof(struct wqd_queue_stats));
}

/**
 * wqd_queues_reset() - remove every item, destroy every user queue, and
 * zero the counters of the built-in queues
 */
void wqd_queues_reset(void)
{
	struct wqd_queue *q;
	unsigned long id;
	int cpu;

	wqd_items_remove(NULL);
	for (;;) {
		mutex_lock(&wqd_lock);
		id = WQD_QUEUE_ID_USER;
		q = xa_find(&wqd_queues, &id, U32_MAX, XA_PRESENT);
		if (q)
			wqd_queue_unlist(q);
		mutex_unlock(&wqd_lock);
		if (!q)
			break;
		wqd_queue_teardown(q);
	}
	xa_for_each(&wqd_queues, id, q)
		wqd_queue_zero_counters(q);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&wqd_pcpu_totals, cpu), 0,
		       sizeof(struct wqd_pcpu_totals));
}

/**
 * wqd_queues_init() - list the built-in queues this kernel has
 *
 * Return: 0 or -ENOMEM.
 */
int wqd_queues_init(void)
{
	unsigned int id;
	int ret;

	wqd_queue_cache = KMEM_CACHE(wqd_queue, SLAB_ACCOUNT);
	if (!wqd_queue_cache)
		return -ENOMEM;
	wqd_queue_next_id = WQD_QUEUE_ID_USER;

	for (id = WQD_QUEUE_SYSTEM; id < ARRAY_SIZE(wqd_builtins); id++) {
		struct workqueue_struct *wq = wqd_builtin_wq(id);
		struct wqd_queue *q;

		if (!wq)
			continue;
		q = wqd_queue_alloc(wqd_builtins[id].name);
		if (!q) {
			ret = -ENOMEM;
			goto err_free_builtins;
		}
		q->wq = wq;
		q->id = id;
		q->kind = WQD_KIND_BUILTIN;
		q->flags = wqd_builtins[id].flags;
		ret = xa_insert(&wqd_queues, id, q, GFP_KERNEL);
		if (ret) {
			free_percpu(q->stats);
			kmem_cache_free(wqd_queue_cache, q);
			goto err_free_builtins;
		}
	}
	return 0;

err_free_builtins:
	wqd_queues_exit();
	return ret;
}

/**
 * wqd_queues_exit() - free every queue; all items must be gone
 */
void wqd_queues_exit(void)
{
	struct wqd_queue *q;
	unsigned long id;

	wqd_queues_reset();
	xa_for_each(&wqd_queues, id, q) {
		xa_erase(&wqd_queues, id);
		wqd_queue_put(q);
	}
	xa_destroy(&wqd_queues);
	kmem_cache_destroy(wqd_queue_cache);
}
