// SPDX-License-Identifier: GPL-2.0
/*
 * Calibration: the benchmark's yardstick (tests/bench). A work item that
 * does nothing but count its runs and queue itself again, on the queue the
 * caller names, timed from its first queue_work() to the start of its last
 * run. It is what the kernel's workqueue costs per run by itself; the same
 * chain made by wqdemo's own handler (a plain item with no period, run.c)
 * costs that plus wqdemo's bookkeeping, and the benchmark reports the
 * difference.
 *
 * So the handler takes no lock, reads no clock but on its last run, and
 * touches nothing but its own struct, which lives on the caller's stack:
 * the caller does not return before the chain has ended, by completion or
 * by cancel_work_sync() on a fatal signal. With WQD_CALF_CLOCK it reads
 * the clock on every run, as wqdemo's handler does: what that read costs
 * is the part of the bookkeeping no handler that times its runs can shed.
 */
#include <linux/completion.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include "calibrate.h"
#include "queue.h"

/**
 * struct wqd_calib - one calibration run
 * @work: the bare work item
 * @wq: the workqueue it runs on
 * @runs: runs asked for
 * @clock: read the clock on every run, not only the last (WQD_CALF_CLOCK)
 * @done: runs made; written by the handler only, read by the caller once
 *	@finished has completed or the work was cancelled
 * @last_ns: start of the last run
 * @finished: completed by the last run
 *
 * No lock: the runs of one work item never overlap (the workqueue core
 * serialises them), and the caller reads only after the chain ended.
 */
struct wqd_calib {
	struct work_struct work;
	struct workqueue_struct *wq;
	u32 runs;
	bool clock;
	u32 done;
	u64 last_ns;
	struct completion finished;
};

static void wqd_calib_fn(struct work_struct *work)
{
	struct wqd_calib *c = container_of(work, struct wqd_calib, work);
	bool last = ++c->done == c->runs;

	if (last || c->clock)
		c->last_ns = ktime_get_ns();
	if (!last) {
		queue_work(c->wq, work);
		return;
	}
	complete(&c->finished);
}

/*
 * Queue the first run under wqd_lock, where a drain or a destroy is
 * decided, and count the calibration on the queue: a drain is refused
 * while it runs (queue.c), as on a BH queue the later runs are queued from
 * softirq context, which a drain would take for foreign work.
 */
static int wqd_calib_start(struct wqd_queue *q, struct wqd_calib *c, u64 *t0)
{
	int ret;

	mutex_lock(&wqd_lock);
	ret = wqd_queue_takes_work(q);
	if (!ret) {
		atomic_inc(&q->calibrating);
		*t0 = ktime_get_ns();
		queue_work(c->wq, &c->work);
	}
	mutex_unlock(&wqd_lock);
	return ret;
}

/**
 * wqd_calibrate() - time a bare self-queueing work item on a queue
 * @req: the validated request (ioctl.c checked runs, flags and pads);
 *	@req->elapsed_ns and @req->done are filled in
 *
 * Return: 0, -ENOENT for an unknown or destroyed queue, -EBUSY while it
 * drains, -EINTR when a fatal signal stopped the chain early.
 */
int wqd_calibrate(struct wqd_calibrate *req)
{
	struct wqd_calib c = {
		.runs = req->runs,
		.clock = req->flags & WQD_CALF_CLOCK,
	};
	struct wqd_queue *q;
	u64 t0 = 0;
	int ret;

	q = wqd_queue_get(req->queue_id);
	if (!q)
		return -ENOENT;
	c.wq = q->wq;
	INIT_WORK_ONSTACK(&c.work, wqd_calib_fn);
	init_completion(&c.finished);

	ret = wqd_calib_start(q, &c, &t0);
	if (ret)
		goto out;
	if (wait_for_completion_killable(&c.finished)) {
		/* Ends a self-queueing chain for good, and waits for it. */
		cancel_work_sync(&c.work);
		ret = -EINTR;
		goto out_done;
	}
	/* The last run completed us as its last act: let it return. */
	flush_work(&c.work);
	req->elapsed_ns = c.last_ns - t0;
	req->done = c.done;
out_done:
	atomic_dec(&q->calibrating);
out:
	destroy_work_on_stack(&c.work);
	wqd_queue_put(q);
	return ret;
}
