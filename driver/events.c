// SPDX-License-Identifier: GPL-2.0
/*
 * Event streams: every handler run as a fixed-size record, to any number
 * of readers, each through its own file descriptor and its own ring.
 *
 * The producer is the work handler. It walks the readers under RCU and,
 * for each whose filter matches, takes that reader's ring lock just long
 * enough to store one record: it never sleeps, never waits for a reader,
 * and a full ring makes it overwrite the oldest record and count the loss
 * instead. A reader holds the same lock only to copy records out of its
 * ring into a bounce buffer; copy_to_user() happens after it is dropped.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/pid_namespace.h>
#include <linux/poll.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include "events.h"
#include "wqdemo.h"

/* Records a read() takes from the ring per lock hold. */
#define WQD_EVENTS_BATCH	64

/*
 * The most readers at once: each ring is up to 4.5 MiB. One open file of
 * /dev/wqdemo opens at most WQD_EVENTS_MAX_PER_FILE of them.
 */
#define WQD_EVENTS_MAX_READERS	64

/**
 * struct wqd_reader - one event stream
 * @node: on wqd_readers (wqd_readers_lock for changes, RCU for walks)
 * @file: the file of /dev/wqdemo that opened it, referenced: its streams
 *	are counted there
 * @pid_ns: the opener's pid namespace, referenced: records name workers as
 *	it numbers them
 * @queue_id: filter: only this queue, or 0
 * @item_id: filter: only this item, or 0
 * @batch: WQD_EVO_BATCH: wake at @timer or at @watermark, not at once
 * @watermark: records that wake a batched reader at once: half the ring
 * @timer: wakes a batched reader at the tick after its ring stopped
 *	being empty
 * @wait: readers sleep here for records
 * @lock: protects @head, @tail, @dropped and the ring's records
 * @head: records ever stored
 * @tail: records ever consumed or overwritten
 * @dropped: records overwritten since the last one read
 * @mask: ring size - 1
 * @ring: the records, @mask + 1 of them
 */
struct wqd_reader {
	struct list_head node;
	struct wqd_file *file;
	struct pid_namespace *pid_ns;
	u64 queue_id;
	u64 item_id;
	bool batch;
	u32 watermark;
	struct timer_list timer;
	wait_queue_head_t wait;
	spinlock_t lock;	/* see above: BH-safe, as producers may be BH */
	u64 head;
	u64 tail;
	u64 dropped;
	u32 mask;
	struct wqd_event ring[];
};

/* Serialises changes to wqd_readers, wqd_nr_readers and each file's count. */
static DEFINE_MUTEX(wqd_readers_lock);
static LIST_HEAD(wqd_readers);
static unsigned int wqd_nr_readers;

static bool wqd_reader_ready(struct wqd_reader *r)
{
	bool ready;

	spin_lock_bh(&r->lock);
	ready = r->head != r->tail || r->dropped;
	spin_unlock_bh(&r->lock);
	return ready;
}

static void wqd_reader_wake(struct wqd_reader *r)
{
	/*
	 * A reader that is not waiting finds the record when it next
	 * looks: the waitqueue's lock is taken only for one that is.
	 * wq_has_sleeper()'s barrier pairs with the one in the reader's
	 * prepare_to_wait() (or poll_wait()), so a reader either sees the
	 * record or is seen.
	 */
	if (wq_has_sleeper(&r->wait))
		wake_up_interruptible_poll(&r->wait, EPOLLIN | EPOLLRDNORM);
}

static void wqd_reader_timer_fn(struct timer_list *t)
{
	struct wqd_reader *r = from_timer(r, t, timer);

	wqd_reader_wake(r);
}

static bool wqd_reader_wants(const struct wqd_reader *r,
			     const struct wqd_event *ev)
{
	return (!r->queue_id || r->queue_id == ev->queue_id) &&
	       (!r->item_id || r->item_id == ev->item_id);
}

/**
 * wqd_events_emit() - hand one record to every reader that wants it
 * @ev: the record
 *
 * Context: any, including softirq: this never sleeps.
 */
void wqd_events_emit(const struct wqd_event *ev)
{
	struct wqd_reader *r;
	bool was_empty;
	u64 fill;

	/*
	 * Most runs have no reader: skip the RCU read section. A reader
	 * listed just after this look could not have seen this run anyway.
	 */
	if (list_empty(&wqd_readers))
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(r, &wqd_readers, node) {
		if (!wqd_reader_wants(r, ev))
			continue;
		spin_lock_bh(&r->lock);
		was_empty = r->head == r->tail && !r->dropped;
		if (r->head - r->tail > r->mask) {
			r->tail++;
			r->dropped++;
		}
		r->ring[r->head++ & r->mask] = *ev;
		fill = r->head - r->tail;
		spin_unlock_bh(&r->lock);
		/*
		 * A reader waits only on an empty ring, and drains it when it
		 * wakes: the record that ends the emptiness wakes it (or, for
		 * a batched reader, arms its timer), the ones after it find it
		 * awake, or, batched, pending.
		 */
		if (!r->batch) {
			if (was_empty)
				wqd_reader_wake(r);
		} else if (fill == r->watermark) {
			wqd_reader_wake(r);
		} else if (was_empty) {
			timer_reduce(&r->timer, jiffies + 1);
		}
	}
	rcu_read_unlock();
}

/* Fill @buf with a loss record if any, then the oldest records. */
static size_t wqd_reader_take(struct wqd_reader *r, struct wqd_event *buf,
			      size_t max)
{
	size_t n = 0;

	spin_lock_bh(&r->lock);
	if (r->dropped) {
		memset(&buf[0], 0, sizeof(buf[0]));
		buf[0].type = WQD_EV_DROPPED;
		buf[0].dropped = r->dropped;
		r->dropped = 0;
		n++;
	}
	while (n < max && r->tail != r->head)
		buf[n++] = r->ring[r->tail++ & r->mask];
	spin_unlock_bh(&r->lock);
	return n;
}

/* Records taken but never delivered are lost: say so in the next read. */
static void wqd_reader_lost(struct wqd_reader *r, const struct wqd_event *buf,
			    size_t n)
{
	u64 lost = n;

	if (buf[0].type == WQD_EV_DROPPED)
		lost += buf[0].dropped - 1;
	spin_lock_bh(&r->lock);
	r->dropped += lost;
	spin_unlock_bh(&r->lock);
}

/* The producer wrote the initial namespace's pids: renumber for the reader. */
static void wqd_reader_renumber(struct wqd_reader *r, struct wqd_event *buf,
				size_t n)
{
	size_t i;

	if (r->pid_ns == &init_pid_ns)
		return;
	for (i = 0; i < n; i++)
		buf[i].pid = wqd_pid_in_ns(buf[i].pid, r->pid_ns);
}

/*
 * Moves up to @room records to @ubuf, a batch per lock hold, until the
 * ring is empty: a reader that fell behind catches up in few calls.
 * Returns the records moved, or -EFAULT when none could be; records
 * taken but not delivered are counted as lost.
 */
static ssize_t wqd_reader_copy(struct wqd_reader *r, struct wqd_event *buf,
			       size_t batch, char __user *ubuf, size_t room)
{
	size_t done = 0, n, left;

	while (done < room) {
		n = wqd_reader_take(r, buf, min(batch, room - done));
		if (!n)
			break;
		wqd_reader_renumber(r, buf, n);
		left = copy_to_user(ubuf + done * sizeof(*buf), buf,
				    n * sizeof(*buf));
		if (left) {
			/* Whole records before the fault are delivered. */
			size_t ok = (n * sizeof(*buf) - left) / sizeof(*buf);

			wqd_reader_lost(r, buf + ok, n - ok);
			done += ok;
			if (!done)
				return -EFAULT;
			break;
		}
		done += n;
		if (n < batch)
			break;
	}
	return done;
}

static ssize_t wqd_events_read(struct file *file, char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct wqd_reader *r = file->private_data;
	/*
	 * At most a ring's worth and a loss record: a read always ends,
	 * however fast the producers.
	 */
	size_t room = min_t(size_t, len / sizeof(struct wqd_event), r->mask + 2);
	size_t batch = min_t(size_t, room, WQD_EVENTS_BATCH);
	struct wqd_event *buf;
	ssize_t ret;

	if (!room)
		return -EINVAL;
	buf = kmalloc_array(batch, sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* Another reader of the same fd may take the records first: wait again. */
	while (!(ret = wqd_reader_copy(r, buf, batch, ubuf, room))) {
		ret = -EAGAIN;
		if (file->f_flags & O_NONBLOCK)
			break;
		ret = wait_event_interruptible(r->wait, wqd_reader_ready(r));
		if (ret)
			break;
	}
	kfree(buf);
	return ret > 0 ? ret * sizeof(*buf) : ret;
}

static __poll_t wqd_events_poll(struct file *file, poll_table *pt)
{
	struct wqd_reader *r = file->private_data;

	poll_wait(file, &r->wait, pt);
	return wqd_reader_ready(r) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* Give back a reader's places under the limits, and what it holds. */
static void wqd_reader_free(struct wqd_reader *r)
{
	mutex_lock(&wqd_readers_lock);
	wqd_nr_readers--;
	atomic_dec(&r->file->nr_streams);
	mutex_unlock(&wqd_readers_lock);
	wqd_file_put(r->file);
	put_pid_ns(r->pid_ns);
	kvfree(r);
}

static void wqd_reader_unlist_free(struct wqd_reader *r)
{
	mutex_lock(&wqd_readers_lock);
	list_del_rcu(&r->node);
	mutex_unlock(&wqd_readers_lock);
	/*
	 * A producer may still be storing into this ring, or arming its
	 * timer: let it finish, then stop the timer for good.
	 */
	synchronize_rcu();
	timer_shutdown_sync(&r->timer);
	wqd_reader_free(r);
}

static int wqd_events_release(struct inode *inode, struct file *file)
{
	wqd_reader_unlist_free(file->private_data);
	return 0;
}

static const struct file_operations wqd_events_fops = {
	.owner = THIS_MODULE,
	.read = wqd_events_read,
	.poll = wqd_events_poll,
	.release = wqd_events_release,
	.llseek = noop_llseek,
};

/* A place under both limits, before the ring is allocated. */
static int wqd_events_reserve(struct wqd_file *file)
{
	int ret = 0;

	mutex_lock(&wqd_readers_lock);
	if (wqd_nr_readers >= WQD_EVENTS_MAX_READERS ||
	    atomic_read(&file->nr_streams) >= WQD_EVENTS_MAX_PER_FILE) {
		ret = -ENOSPC;
	} else {
		wqd_nr_readers++;
		atomic_inc(&file->nr_streams);
	}
	mutex_unlock(&wqd_readers_lock);
	return ret;
}

static void wqd_events_unreserve(struct wqd_file *file)
{
	mutex_lock(&wqd_readers_lock);
	wqd_nr_readers--;
	atomic_dec(&file->nr_streams);
	mutex_unlock(&wqd_readers_lock);
}

/**
 * wqd_events_open() - make a new event stream
 * @req: the validated request (ioctl.c checked flags and ring size)
 * @file: the file of /dev/wqdemo asking
 *
 * Return: the new file descriptor, -ENOSPC when too many readers exist,
 * on the module or opened through @file, -ENOMEM, -EMFILE.
 */
int wqd_events_open(const struct wqd_events_open *req, struct wqd_file *file)
{
	u32 size = req->ring_size ?: WQD_EVENTS_RING_DEFAULT;
	int flags = O_RDONLY | O_CLOEXEC;
	struct wqd_reader *r;
	int ret;

	if (req->flags & WQD_EVO_NONBLOCK)
		flags |= O_NONBLOCK;
	ret = wqd_events_reserve(file);
	if (ret)
		return ret;
	r = kvzalloc(struct_size(r, ring, size), GFP_KERNEL_ACCOUNT);
	if (!r) {
		wqd_events_unreserve(file);
		return -ENOMEM;
	}
	kref_get(&file->ref);
	r->file = file;
	r->pid_ns = get_pid_ns(task_active_pid_ns(current));
	r->queue_id = req->queue_id;
	r->item_id = req->item_id;
	r->mask = size - 1;
	r->batch = req->flags & WQD_EVO_BATCH;
	r->watermark = max(size / 2, 1U);
	timer_setup(&r->timer, wqd_reader_timer_fn, 0);
	init_waitqueue_head(&r->wait);
	spin_lock_init(&r->lock);

	/*
	 * Listed before the fd exists, so the fd never misses an event; if
	 * making the fd fails, the reader is unlisted again before anyone
	 * could have read from it.
	 */
	mutex_lock(&wqd_readers_lock);
	list_add_tail_rcu(&r->node, &wqd_readers);
	mutex_unlock(&wqd_readers_lock);

	ret = anon_inode_getfd("[wqdemo-events]", &wqd_events_fops, r, flags);
	if (ret < 0)
		wqd_reader_unlist_free(r);
	return ret;
}
