// SPDX-License-Identifier: GPL-2.0
/*
 * Runs: the handler every item's work executes, and all it does in one
 * run: the payload, the accounting, the event, and the queueing of the
 * next run. It is kept apart from item.c (an item's life from submit to
 * free) as it is the hot path the benchmark (tests/bench) times against
 * calibrate.c's bare handler: whatever lands here costs every run.
 *
 * A periodic item repeats the seed's way: a plain work item sleeps its
 * period inside its handler (on the timer wheel, as msleep() does, so a
 * 1 s period ticks every 1.024 s at HZ=250) and queues itself again; a
 * delayed item re-arms itself with the period as its delay. Every queueing
 * happens under the item's lock and only while its stop flag is clear;
 * that is what lets a cancel, a drain or a removal end the chain for good.
 */
#include <linux/hrtimer.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/wait_bit.h>
#include "events.h"
#include "item.h"
#include "queue.h"
#include "run.h"

static void wqd_busy(u64 ns)
{
	u64 end = ktime_get_ns() + ns;

	while (ktime_get_ns() < end) {
		cpu_relax();
		/* CPU-bound, but never a soft lockup on a voluntary kernel. */
		if (in_task())
			cond_resched();
	}
}

static void wqd_sleep(u64 ns)
{
	u64 end = ktime_get_ns() + ns;
	u64 now;

	/* An exact, uninterruptible sleep, like a handler blocked on I/O. */
	while ((now = ktime_get_ns()) < end) {
		ktime_t left = ns_to_ktime(end - now);

		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_hrtimeout(&left, HRTIMER_MODE_REL);
	}
}

static void wqd_queue_enter(struct wqd_queue *q)
{
	int now = atomic_inc_return(&q->running);
	int max = atomic_read(&q->max_running);

	while (now > max && !atomic_try_cmpxchg(&q->max_running, &max, now))
		;
}

static void wqd_item_account_locked(struct wqd_item *it, s64 late, u64 rt)
{
	lockdep_assert_held(&it->lock);
	if (!it->runs) {
		it->lat_min = late;
		it->lat_max = late;
		it->rt_min = rt;
		it->rt_max = rt;
	}
	it->lat_min = min(it->lat_min, late);
	it->lat_max = max(it->lat_max, late);
	it->rt_min = min(it->rt_min, rt);
	it->rt_max = max(it->rt_max, rt);
	it->lat_sum += late;
	it->rt_sum += rt;
	it->runs++;
	if (it->extra && it->extra->hist) {
		it->extra->hist->late[wqd_hist_bucket(late)]++;
		it->extra->hist->run[wqd_hist_bucket(rt)]++;
	}
}

static void wqd_item_log_run(const struct wqd_item *it, u32 run, u32 cpu, s64 late)
{
	const char *fn = wqd_item_delayed(it) ? "dly_work_func" : "work_func";

	/* Thousands of runs a second can ask: the log must not drown. */
	if (it->extra && it->extra->name[0])
		pr_info_ratelimited("%s, %s:%u cpu=%u late=%lldus\n", fn,
				    it->extra->name, run, cpu,
				    div_s64(late, NSEC_PER_USEC));
	else
		pr_info_ratelimited("%s, #%u:%u cpu=%u late=%lldus\n", fn, it->id,
				    run, cpu, div_s64(late, NSEC_PER_USEC));
}

/* A flush of the item, or of its queue, is under way (item.h). */
static bool wqd_item_parked(const struct wqd_item *it)
{
	return (READ_ONCE(it->ctl) & WQD_ITEM_PARKS) ||
	       atomic_read(&it->queue->flushing);
}

/*
 * Plain periodic items: sleep out the period, then queue the next run;
 * wake early on a stop, or for a flush, which queues the next run itself
 * once it returned (WQD_ITEM_RETURNED). The wait is keyed on the item
 * alone (wqd_item_wake()), so one item's stop wakes no other. TASK_IDLE:
 * a worker asleep for a period is neither load nor a hung task.
 */
static void wqd_item_sleep_period(struct wqd_item *it)
{
	/* +1 as in msleep(): a jiffy already begun is not a whole one. */
	long left = wqd_ns_to_jiffies(it->period_ns) + 1;
	struct wait_queue_head *wq = __var_waitqueue(&it->stop);
	struct wait_bit_queue_entry wbq;

	init_wait_var_entry(&wbq, &it->stop, 0);
	for (;;) {
		prepare_to_wait_event(wq, &wbq.wq_entry, TASK_IDLE);
		if (READ_ONCE(it->stop) || wqd_item_parked(it) || !left)
			break;
		left = schedule_timeout(left);
	}
	finish_wait(wq, &wbq.wq_entry);

	spin_lock_bh(&it->lock);
	if (!it->stop && wqd_item_parked(it))
		wqd_item_set_ctl(it, it->ctl | WQD_ITEM_RETURNED);
	else if (!it->stop)
		wqd_item_queue_locked(it, ktime_get_ns(), 0);
	spin_unlock_bh(&it->lock);
}

static void wqd_item_emit(const struct wqd_item *it, struct wqd_event *ev)
{
	ev->type = WQD_EV_RUN;
	ev->item_id = it->id;
	ev->queue_id = it->queue->id;
	if (!ev->run)
		ev->flags |= WQD_EVF_FIRST;
	if (wqd_item_delayed(it))
		ev->flags |= WQD_EVF_DELAYED;
	wqd_events_emit(ev);
}

/*
 * The run begins: what `work show` reads as its state and last run. The
 * run of a stopped item (fired by a drain) keeps the state that says why
 * it stopped.
 */
static void wqd_item_start_locked(struct wqd_item *it, struct wqd_event *ev)
{
	lockdep_assert_held(&it->lock);
	ev->due_ns = it->due_ns;
	ev->run = it->runs;
	if (!it->stop)
		it->state = WQD_STATE_RUNNING;
	wqd_item_set_ctl(it, it->ctl | WQD_ITEM_INRUN);
	it->last_cpu = ev->cpu;
	it->last_pid = ev->pid;
	it->last_run_ns = ev->start_ns;
}

/*
 * The run ends: count it, then queue the next one, or end the chain.
 * Returns whether a plain periodic item must sleep out its period.
 */
static bool wqd_item_end_locked(struct wqd_item *it, struct wqd_event *ev,
				s64 late)
{
	lockdep_assert_held(&it->lock);
	wqd_item_account_locked(it, late, ev->end_ns - ev->start_ns);
	wqd_item_set_ctl(it, it->ctl & ~WQD_ITEM_INRUN);
	if (it->stop) {
		/*
		 * The stopper ended the chain and set the state; the holder
		 * slot it left to this run, after its payload, goes back now.
		 */
		wqd_item_settle_locked(it);
		ev->flags = WQD_EVF_CANCELLED | WQD_EVF_LAST;
	} else if (it->count && it->runs >= it->count) {
		wqd_item_finish_locked(it, WQD_STATE_DONE);
		ev->flags = WQD_EVF_LAST;
	} else if (wqd_item_delayed(it) || !it->period_ns) {
		wqd_item_queue_locked(it, ev->end_ns, it->period_ns);
	} else {
		it->state = WQD_STATE_IDLE;
		return true;
	}
	return false;
}

/**
 * wqd_item_fn() - the work handler of every item, plain or delayed
 * @work: the item's work
 *
 * Context: a worker of the item's queue, or softirq context for a BH queue.
 */
void wqd_item_fn(struct work_struct *work)
{
	struct wqd_item *it = container_of(work, struct wqd_item, dwork.work);
	const struct wqd_item_extra *ex = it->extra;
	bool payload = ex && (ex->busy_ns || ex->sleep_ns);
	bool quick = !payload && !READ_ONCE(wqd_log_runs);
	struct wqd_queue *q = it->queue;
	struct wqd_event ev = {};
	bool sleep_period = false;
	s64 late;

	wqd_queue_enter(q);
	ev.start_ns = ktime_get_ns();
	ev.cpu = raw_smp_processor_id();
	ev.pid = in_task() ? task_pid_nr(current) : 0;

	/*
	 * Without a payload there is nothing to time: the run ends as it
	 * starts, its runtime is 0, and it reads the clock once. Unless it
	 * logs, it also takes the item's lock once: the run's log line must
	 * be out before `work show` says it is done. Where the clocksource is
	 * slow (an emulated HPET takes a microsecond or more) the clock read
	 * is most of the bookkeeping; under emulation a lock section is the
	 * next dearest part.
	 *
	 * These sections leave BHs as they are: a BH queue's handler runs
	 * with them off already, and no softirq takes the lock of any other
	 * item (its lock class, item.c).
	 */
	spin_lock(&it->lock);
	/*
	 * A mod checks that its run is not past the count, but the
	 * workqueue can take the last counted run off its list between that
	 * check and the mod's queueing: the run so queued finds the item
	 * done, and is no run of it.
	 */
	if (unlikely(it->state == WQD_STATE_DONE)) {
		spin_unlock(&it->lock);
		atomic_dec(&q->running);
		return;
	}
	/*
	 * A stop between the workqueue's taking this run off its list and
	 * here gave the item's holder slot back: the run does no payload,
	 * or stopping items over and over would pass the holder limits.
	 */
	if (unlikely(payload && it->stop && !(it->ctl & WQD_ITEM_HOLDER)))
		payload = false;
	wqd_item_start_locked(it, &ev);
	late = (s64)(ev.start_ns - ev.due_ns);
	if (quick) {
		ev.end_ns = ev.start_ns;
		sleep_period = wqd_item_end_locked(it, &ev, late);
	}
	spin_unlock(&it->lock);

	if (!quick) {
		if (READ_ONCE(wqd_log_runs))
			wqd_item_log_run(it, ev.run, ev.cpu, late);
		if (payload && ex->busy_ns)
			wqd_busy(ex->busy_ns);
		if (payload && ex->sleep_ns)
			wqd_sleep(ex->sleep_ns);
		ev.end_ns = payload ? ktime_get_ns() : ev.start_ns;
		spin_lock(&it->lock);
		sleep_period = wqd_item_end_locked(it, &ev, late);
		spin_unlock(&it->lock);
	}

	wqd_queue_account_run(q, late, ev.end_ns - ev.start_ns);
	wqd_item_emit(it, &ev);
	if (sleep_period)
		wqd_item_sleep_period(it);
	atomic_dec(&q->running);
}
