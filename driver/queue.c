// SPDX-License-Identifier: GPL-2.0
/*
 * Queues: the system workqueues under fixed ids, and the workqueues users
 * create, each made by the very kernel call the user named.
 *
 * Creation reserves the name, the id and the count under wqd_lock before
 * the workqueue is made, outside it: a create past a limit, or of a name
 * in use, makes nothing, not even a sysfs directory to clash.
 *
 * Teardown of a user queue: under wqd_lock mark it dead and unlist it (no
 * new item can bind to it from then on); take every item bound to it out
 * of the registry, stop and cancel them (reap.c); drop the registry's
 * reference. The last reference, held by the registry, by an ioctl still
 * working on one of its items or by a reaper, calls destroy_workqueue(),
 * when nothing can be queued on it any more. A --sysfs queue keeps its
 * name until then, as its sysfs directory does.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "compat.h"
#include "item.h"
#include "queue.h"
#include "reap.h"

static struct kmem_cache *wqd_queue_cache;

static u32 wqd_queue_next_id;	/* cyclic id allocation state, wqd_lock */

/* Every queue whose name is taken, linked by name_node (wqd_lock). */
static LIST_HEAD(wqd_queue_names);

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

static void wqd_queue_free(struct wqd_queue *q)
{
	free_percpu(q->stats);
	kmem_cache_free(wqd_queue_cache, q);
}

/* The name is free once the workqueue, and its sysfs directory, is gone. */
static void wqd_queue_release(struct kref *ref)
{
	struct wqd_queue *q = container_of(ref, struct wqd_queue, ref);

	if (!wqd_queue_builtin(q))
		destroy_workqueue(q->wq);
	mutex_lock(&wqd_lock);
	list_del(&q->name_node);
	mutex_unlock(&wqd_lock);
	wqd_queue_free(q);
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

/*
 * Names are unique among the queues users see; a destroyed --sysfs queue
 * keeps its name until its workqueue is destroyed, as the kernel's sysfs
 * directory of it does.
 */
static bool wqd_queue_name_taken(const char *name)
{
	struct wqd_queue *q;

	lockdep_assert_held(&wqd_lock);
	list_for_each_entry(q, &wqd_queue_names, name_node) {
		if (test_bit(WQD_QUEUE_DEAD, &q->state) &&
		    !(q->flags & WQD_QF_SYSFS))
			continue;
		if (!strcmp(q->name, name))
			return true;
	}
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

/*
 * Reserve the name, an id (absent to every lookup until the queue is
 * stored) and a place under max_queues.
 */
static int wqd_queue_reserve(struct wqd_queue *q)
{
	int ret;

	mutex_lock(&wqd_lock);
	if (wqd_queue_name_taken(q->name)) {
		ret = -EEXIST;
		goto out_unlock;
	}
	if (wqd_totals.nr_queues >= wqd_max_queues) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	ret = xa_alloc_cyclic(&wqd_queues, &q->id, NULL,
			      XA_LIMIT(WQD_QUEUE_ID_USER, U32_MAX),
			      &wqd_queue_next_id, GFP_KERNEL);
	if (ret < 0)
		goto out_unlock;
	ret = 0;
	list_add_tail(&q->name_node, &wqd_queue_names);
	wqd_totals.nr_queues++;
out_unlock:
	mutex_unlock(&wqd_lock);
	return ret;
}

static void wqd_queue_unreserve(struct wqd_queue *q)
{
	mutex_lock(&wqd_lock);
	xa_release(&wqd_queues, q->id);
	list_del(&q->name_node);
	wqd_totals.nr_queues--;
	mutex_unlock(&wqd_lock);
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

	ret = wqd_queue_reserve(q);
	if (ret)
		goto err_free_queue;
	/*
	 * Made outside wqd_lock: alloc_workqueue() sleeps, takes the CPU
	 * hotplug lock, which ranks above wqd_lock, and the workqueue core's
	 * own mutexes.
	 */
	q->wq = wqd_queue_alloc_wq(req);
	if (!q->wq) {
		ret = -ENOMEM;
		goto err_unreserve;
	}
	mutex_lock(&wqd_lock);
	/* Fills a reserved slot: allocates nothing, cannot fail. */
	xa_store(&wqd_queues, q->id, q, GFP_KERNEL);
	mutex_unlock(&wqd_lock);
	*id = q->id;
	return 0;

err_unreserve:
	wqd_queue_unreserve(q);
err_free_queue:
	wqd_queue_free(q);
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

static int wqd_queue_teardown(struct wqd_queue *q, enum wqd_reap_wait wait)
{
	int ret = wqd_items_remove(q, wait);

	wqd_queue_put(q);
	return ret;
}

/**
 * wqd_queue_destroy() - cancel every item of a user queue, then destroy it
 * @id: queue id
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue, -EBUSY while draining,
 * -EINTR when a fatal signal ended the wait for the items' runs: the queue
 * is gone all the same, and its teardown finishes in the background.
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
	return wqd_queue_teardown(q, WQD_REAP_KILLABLE);
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
 * items are not queued work, so they are not waited for. Plain periodic
 * items are parked for it (wqd_item_park()): their period sleeps end now,
 * and their next runs are queued once the flush returned, so that it waits
 * for the runs under way and not for the periods after them.
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue (the kernel forbids
 * flushing the system queues).
 */
int wqd_queue_flush(u64 id)
{
	struct wqd_queue *q = wqd_queue_get_user(id);

	if (IS_ERR(q))
		return PTR_ERR(q);
	wqd_items_park_queue(q, true);
	flush_workqueue(q->wq);
	wqd_items_park_queue(q, false);
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
 * being removed elsewhere (a reset, an owner's close) have been stopped
 * and cancelled, and only then does the drain wait for the queue to empty.
 * A calibration queues its own work from softirq context on a BH queue,
 * which a drain would take for foreign work: the two exclude each other.
 *
 * Return: 0, -ENOENT, -EPERM for a built-in queue, -EBUSY when a drain,
 * a destroy or a calibration is under way, -EINTR when a fatal signal came
 * before drain_workqueue() began (every item is stopped all the same).
 */
int wqd_queue_drain(u64 id)
{
	struct wqd_queue *q = wqd_queue_get_user(id);
	int ret = 0;

	if (IS_ERR(q))
		return PTR_ERR(q);
	mutex_lock(&wqd_lock);
	if (test_bit(WQD_QUEUE_DEAD, &q->state) ||
	    atomic_read(&q->calibrating) ||
	    test_and_set_bit(WQD_QUEUE_DRAINING, &q->state))
		ret = -EBUSY;
	mutex_unlock(&wqd_lock);
	if (!ret) {
		wqd_items_stop_queue(q);
		if (wait_event_killable(q->wake, !atomic_read(&q->reaping)))
			ret = -EINTR;
		else
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
	info->holders = atomic_read(&q->holders);
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
 * zero the counters of the queues left (the built-in ones, and any a
 * create made meanwhile)
 * @wait: how to wait for the items' runs under way
 *
 * Return: 0, or -EINTR when a fatal signal ended a wait: the items taken
 * out so far are stopped and go on being freed; no counter is zeroed.
 */
int wqd_queues_reset(enum wqd_reap_wait wait)
{
	struct wqd_queue *q;
	unsigned long id;
	int cpu, ret;

	ret = wqd_items_remove(NULL, wait);
	while (!ret) {
		mutex_lock(&wqd_lock);
		id = WQD_QUEUE_ID_USER;
		q = xa_find(&wqd_queues, &id, U32_MAX, XA_PRESENT);
		if (q)
			wqd_queue_unlist(q);
		mutex_unlock(&wqd_lock);
		if (!q)
			break;
		ret = wqd_queue_teardown(q, wait);
	}
	if (ret)
		return ret;
	/* Under the lock: a destroy racing the reset frees what it unlists. */
	mutex_lock(&wqd_lock);
	xa_for_each(&wqd_queues, id, q)
		wqd_queue_zero_counters(q);
	mutex_unlock(&wqd_lock);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&wqd_pcpu_totals, cpu), 0,
		       sizeof(struct wqd_pcpu_totals));
	return 0;
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
			wqd_queue_free(q);
			goto err_free_builtins;
		}
		list_add_tail(&q->name_node, &wqd_queue_names);
	}
	return 0;

err_free_builtins:
	wqd_queues_exit();
	return ret;
}

/**
 * wqd_queues_exit() - remove every item, then free every queue
 *
 * Context: the unload, or a failed load; every reaper has ended.
 */
void wqd_queues_exit(void)
{
	struct wqd_queue *q;
	unsigned long id;

	wqd_queues_reset(WQD_REAP_WAIT);
	xa_for_each(&wqd_queues, id, q) {
		xa_erase(&wqd_queues, id);
		wqd_queue_put(q);
	}
	xa_destroy(&wqd_queues);
	kmem_cache_destroy(wqd_queue_cache);
}
