// SPDX-License-Identifier: GPL-2.0
/*
 * The floor under a submit: what any submit of a delayed item has to do
 * in the kernel past the syscall, with none of wqdemo's bookkeeping. The
 * benchmark (tests/bench) adds it to a null ioctl and holds wqdemo's
 * submit against the sum, as it holds wqdemo's handler against
 * calibrate.c's bare one.
 *
 * A bare submit allocates an object the size of wqdemo's item, takes an
 * id for it from a cyclic xarray, storing it at once (no one else can see
 * this xarray, so there is nothing to hide until the id is out), and arms
 * its delayed work an hour away, where the benchmark parks its items. The
 * bare items are cancelled and freed before the call returns; only the
 * submits are timed.
 */
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/xarray.h>
#include "calibrate.h"
#include "item.h"
#include "queue.h"

#define WQD_CALIB_DELAY		(3600 * HZ)

/* A delayed work padded to an item's size: the slab does an item's work. */
struct wqd_calib_item {
	struct delayed_work dwork;
	u8 pad[sizeof(struct wqd_item) - sizeof(struct delayed_work)];
};

/* Never runs: each bare item is cancelled long before it is due. */
static void wqd_calib_item_fn(struct work_struct *work)
{
}

static int wqd_calib_submit_one(struct xarray *xa, u32 *next,
				struct workqueue_struct *wq)
{
	struct wqd_calib_item *ci;
	u32 id;
	int ret;

	ci = kzalloc(sizeof(*ci), GFP_KERNEL_ACCOUNT);
	if (!ci)
		return -ENOMEM;
	INIT_DELAYED_WORK(&ci->dwork, wqd_calib_item_fn);
	ret = xa_alloc_cyclic(xa, &id, ci, XA_LIMIT(1, U32_MAX), next,
			      GFP_KERNEL);
	if (ret < 0) {
		kfree(ci);
		return ret;
	}
	queue_delayed_work(wq, &ci->dwork, WQD_CALIB_DELAY);
	return 0;
}

/*
 * Counted on the queue as a calibration, whose start is decided under
 * wqd_lock where a drain is: no drain begins before the bare items are
 * gone, as their timers would trip it. A destroy waits for them too: the
 * caller's reference keeps the workqueue until they are cancelled.
 */
static int wqd_calib_submits(struct wqd_queue *q, struct wqd_calibrate *req)
{
	struct wqd_calib_item *ci;
	unsigned long id;
	struct xarray xa;
	u32 next = 0, i;
	u64 t0;
	int ret;

	mutex_lock(&wqd_lock);
	ret = wqd_queue_takes_work(q);
	if (!ret)
		atomic_inc(&q->calibrating);
	mutex_unlock(&wqd_lock);
	if (ret)
		return ret;
	xa_init_flags(&xa, XA_FLAGS_ALLOC1);
	t0 = ktime_get_ns();
	for (i = 0; i < req->runs && !ret; i++)
		ret = wqd_calib_submit_one(&xa, &next, q->wq);
	req->elapsed_ns = ktime_get_ns() - t0;
	xa_for_each(&xa, id, ci) {
		cancel_delayed_work_sync(&ci->dwork);
		kfree(ci);
	}
	xa_destroy(&xa);
	atomic_dec(&q->calibrating);
	return ret;
}

/**
 * wqd_calibrate_submit() - time bare submits of delayed work on a queue
 * @req: the validated request (ioctl.c checked runs, flags and pads);
 *	@req->elapsed_ns and @req->done are filled in
 *
 * Return: 0, -ENOENT for an unknown or destroyed queue, -EBUSY while it
 * drains, -ENOMEM.
 */
int wqd_calibrate_submit(struct wqd_calibrate *req)
{
	struct wqd_queue *q;
	int ret;

	q = wqd_queue_get(req->queue_id);
	if (!q)
		return -ENOENT;
	ret = wqd_calib_submits(q, req);
	wqd_queue_put(q);
	if (!ret)
		req->done = req->runs;
	return ret;
}
