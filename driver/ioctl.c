// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl interface: one function per command. Each copies its struct
 * in, validates all of it (padding and unknown flags included), and only
 * then locks and acts. Sizes follow _IOC_SIZE(cmd), so structs can grow
 * (Documentation/process/botching-up-ioctls.rst): every size from the
 * command's first one (its size in ABI version 1, in the table below) up
 * is taken, the missing tail of an older, smaller struct read as zero.
 */
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "calibrate.h"
#include "compat.h"
#include "events.h"
#include "item.h"
#include "queue.h"
#include "reap.h"

/* The most entries one list call returns; userspace pages with the cursor. */
#define WQD_LIST_MAX	256U
#define WQD_ENTRY_MAX	4096U

/*
 * The commands' structs, on the ioctl's stack; struct wqd_hist, at 784
 * bytes, is too large for a kernel stack and comes from the heap
 * (wqd_ioctl()), as any struct larger than this union would.
 */
union wqd_ioctl_arg {
	struct wqd_version version;
	struct wqd_info info;
	struct wqd_calibrate calibrate;
	struct wqd_queue_create queue_create;
	struct wqd_queue_ref queue_ref;
	struct wqd_queue_info queue_info;
	struct wqd_work_submit work_submit;
	struct wqd_work_ref work_ref;
	struct wqd_work_info work_info;
	struct wqd_list list;
	struct wqd_events_open events_open;
};

/*
 * A name: NUL-terminated within its field, zero after the NUL, at most
 * @max characters of [A-Za-z0-9_.-], and not all digits (wqctl takes a
 * number for an id). An empty name is valid only where @max allows it.
 */
static int wqd_check_name(const char *name, size_t max, bool required)
{
	size_t len = strnlen(name, WQD_NAME_LEN), i;
	bool digits = true;

	if (len == WQD_NAME_LEN)
		return -EINVAL;
	if (memchr_inv(name + len, 0, WQD_NAME_LEN - len))
		return -EINVAL;
	if (!len)
		return required ? -EINVAL : 0;
	if (len > max)
		return -ENAMETOOLONG;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!(isascii(c) && isalnum(c)) && c != '_' && c != '-' &&
		    c != '.')
			return -EINVAL;
		digits &= !!isdigit(c);
	}
	return digits ? -EINVAL : 0;
}

static int wqd_ioc_version(struct wqd_file *f, void *arg)
{
	struct wqd_version *v = arg;

	v->abi_version = WQD_ABI_VERSION;
	v->info_size = sizeof(struct wqd_info);
	return 0;
}

static int wqd_ioc_info(struct wqd_file *f, void *arg)
{
	struct wqd_info *info = arg;

	info->abi_version = WQD_ABI_VERSION;
	info->hz = HZ;
	info->nr_cpu_ids = nr_cpu_ids;
	info->nr_online_cpus = num_online_cpus();
	info->features = WQD_HAVE_BH ? WQD_FEAT_BH : 0;
	strscpy(info->module_version, WQD_VERSION, sizeof(info->module_version));
	info->max_queues = wqd_max_queues;
	info->max_items = wqd_max_items;
	info->max_instances = WQD_MAX_INSTANCES;
	info->max_payload_ns = wqd_max_payload_ns;
	info->max_period_ns = wqd_max_period_ns;
	mutex_lock(&wqd_lock);
	info->nr_queues = wqd_totals.nr_queues;
	info->nr_items = wqd_totals.nr_items;
	mutex_unlock(&wqd_lock);
	info->submitted = atomic64_read(&wqd_totals.submitted);
	wqd_totals_runs(&info->queued, &info->executed);
	info->cancelled = atomic64_read(&wqd_totals.cancelled);
	info->max_holders = wqd_max_holders;
	info->max_builtin_holders = wqd_max_builtin_holders;
	info->nr_holders = atomic_read(&wqd_totals.nr_holders);
	return 0;
}

static int wqd_ioc_reset(struct wqd_file *f, void *arg)
{
	int ret = wqd_queues_reset(WQD_REAP_KILLABLE);

	if (ret)
		return ret;
	atomic64_set(&wqd_totals.submitted, 0);
	atomic64_set(&wqd_totals.cancelled, 0);
	return 0;
}

static int wqd_ioc_calibrate(struct wqd_file *f, void *arg)
{
	struct wqd_calibrate *req = arg;
	bool submit = req->flags & WQD_CALF_SUBMIT;

	if ((req->flags & ~WQD_CALF_ALL) || req->pad || req->elapsed_ns ||
	    req->done)
		return -EINVAL;
	/* A bare submit runs nothing: there is no run to read the clock in. */
	if (submit && (req->flags & WQD_CALF_CLOCK))
		return -EINVAL;
	if (!req->runs || req->runs > (submit ? WQD_CALIBRATE_MAX_SUBMITS :
						WQD_CALIBRATE_MAX_RUNS))
		return -EINVAL;
	return submit ? wqd_calibrate_submit(req) : wqd_calibrate(req);
}

static int wqd_check_queue_create(const struct wqd_queue_create *req)
{
	int ret;

	if (req->pad || req->flags & ~WQD_QF_ALL)
		return -EINVAL;
	if ((req->flags & WQD_QF_BH) && !WQD_HAVE_BH)
		return -EOPNOTSUPP;
	ret = wqd_check_name(req->name, WQD_QUEUE_NAME_MAX, true);
	if (ret)
		return ret;

	switch (req->kind) {
	case WQD_KIND_LEGACY:
	case WQD_KIND_LEGACY_SINGLE:
		/* create_*workqueue() take no flags and no max_active. */
		return req->flags || req->max_active ? -EINVAL : 0;
	case WQD_KIND_ORDERED:
		/*
		 * Ordered queues are unbound with max_active 1 by definition;
		 * the kernel warns on sysfs for them, and BH ones are not
		 * ordered queues at all.
		 */
		if (req->max_active ||
		    req->flags & (WQD_QF_UNBOUND | WQD_QF_SYSFS | WQD_QF_BH))
			return -EINVAL;
		return 0;
	case WQD_KIND_ALLOC:
		if (req->max_active > WQ_MAX_ACTIVE)
			return -EINVAL;
		/* The kernel warns on any other BH combination. */
		if ((req->flags & WQD_QF_BH) &&
		    ((req->flags & ~(WQD_QF_BH | WQD_QF_HIGHPRI)) ||
		     req->max_active))
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

static int wqd_ioc_queue_create(struct wqd_file *f, void *arg)
{
	struct wqd_queue_create *req = arg;
	u32 id;
	int ret;

	if (req->id)
		return -EINVAL;
	ret = wqd_check_queue_create(req);
	if (ret)
		return ret;
	ret = wqd_queue_create(req, &id);
	if (ret)
		return ret;
	req->id = id;
	return 0;
}

static int wqd_check_queue_ref(const struct wqd_queue_ref *ref)
{
	return ref->flags || ref->pad ? -EINVAL : 0;
}

static int wqd_ioc_queue_destroy(struct wqd_file *f, void *arg)
{
	const struct wqd_queue_ref *ref = arg;

	return wqd_check_queue_ref(ref) ?: wqd_queue_destroy(ref->id);
}

static int wqd_ioc_queue_flush(struct wqd_file *f, void *arg)
{
	const struct wqd_queue_ref *ref = arg;

	return wqd_check_queue_ref(ref) ?: wqd_queue_flush(ref->id);
}

static int wqd_ioc_queue_drain(struct wqd_file *f, void *arg)
{
	const struct wqd_queue_ref *ref = arg;

	return wqd_check_queue_ref(ref) ?: wqd_queue_drain(ref->id);
}

/* A query's input is its id: the rest must be zero, for later flags. */
static bool wqd_query_clean(const void *query, size_t size)
{
	return !memchr_inv(query + sizeof(u64), 0, size - sizeof(u64));
}

static int wqd_ioc_queue_info(struct wqd_file *f, void *arg)
{
	struct wqd_queue_info *info = arg;
	struct wqd_queue *q;

	BUILD_BUG_ON(offsetof(struct wqd_queue_info, id) != 0);
	if (!wqd_query_clean(info, sizeof(*info)))
		return -EINVAL;
	q = wqd_queue_get(info->id);
	if (!q)
		return -ENOENT;
	wqd_queue_fill_info(q, info);
	wqd_queue_put(q);
	return 0;
}

static int wqd_check_work_submit(const struct wqd_work_submit *req)
{
	bool delayed = req->flags & WQD_WF_DELAYED;

	if (req->flags & ~WQD_WF_ALL)
		return -EINVAL;
	if (req->cpu != WQD_CPU_ANY &&
	    (req->cpu >= nr_cpu_ids || !cpu_online(req->cpu)))
		return -EINVAL;
	if ((!delayed && req->delay_ns) || req->delay_ns > wqd_max_period_ns ||
	    req->period_ns > wqd_max_period_ns)
		return -EINVAL;
	if (req->busy_ns > wqd_max_payload_ns ||
	    req->sleep_ns > wqd_max_payload_ns)
		return -EINVAL;
	/* Forever needs a pause between runs, or it would never yield. */
	if (!req->count && !req->period_ns)
		return -EINVAL;
	if (req->instances > WQD_MAX_INSTANCES)
		return -EINVAL;
	if (!req->ids_ptr)
		return -EFAULT;
	return wqd_check_name(req->name, WQD_NAME_LEN - 1, false);
}

static int wqd_ioc_work_submit(struct wqd_file *f, void *arg)
{
	struct wqd_work_submit *req = arg;
	int ret;

	ret = wqd_check_work_submit(req);
	if (ret)
		return ret;
	return wqd_item_submit(f, req, u64_to_user_ptr(req->ids_ptr));
}

static int wqd_ioc_work_cancel(struct wqd_file *f, void *arg)
{
	struct wqd_work_ref *ref = arg;
	struct wqd_item *it;

	if (ref->flags & ~WQD_CANCEL_ASYNC || ref->result || ref->delay_ns)
		return -EINVAL;
	it = wqd_item_get(ref->id);
	if (!it)
		return -ENOENT;
	if (wqd_item_cancel(it, !(ref->flags & WQD_CANCEL_ASYNC)))
		ref->result = WQD_RESULT_PENDING;
	wqd_item_put(it);
	return 0;
}

static int wqd_ioc_work_flush(struct wqd_file *f, void *arg)
{
	struct wqd_work_ref *ref = arg;
	bool waited = false;
	struct wqd_item *it;
	int ret;

	if (ref->flags || ref->result || ref->delay_ns)
		return -EINVAL;
	it = wqd_item_get(ref->id);
	if (!it)
		return -ENOENT;
	ret = wqd_item_flush(it, &waited);
	if (waited)
		ref->result = WQD_RESULT_PENDING;
	wqd_item_put(it);
	return ret;
}

static int wqd_ioc_work_mod(struct wqd_file *f, void *arg)
{
	struct wqd_work_ref *ref = arg;
	struct wqd_item *it;
	bool pending = false;
	int ret;

	if (ref->flags || ref->result || ref->delay_ns > wqd_max_period_ns)
		return -EINVAL;
	it = wqd_item_get(ref->id);
	if (!it)
		return -ENOENT;
	ret = wqd_item_mod(it, ref->delay_ns, &pending);
	if (pending)
		ref->result = WQD_RESULT_PENDING;
	wqd_item_put(it);
	return ret;
}

static int wqd_ioc_work_info(struct wqd_file *f, void *arg)
{
	struct wqd_work_info *info = arg;
	struct wqd_item *it;

	BUILD_BUG_ON(offsetof(struct wqd_work_info, id) != 0);
	if (!wqd_query_clean(info, sizeof(*info)))
		return -EINVAL;
	it = wqd_item_get(info->id);
	if (!it)
		return -ENOENT;
	wqd_item_fill_info(it, info);
	wqd_item_put(it);
	return 0;
}

/*
 * Entries are gathered under wqd_lock into a kernel buffer and copied out
 * after it is dropped: a fault on the user's buffer never stalls the lock.
 * @fill writes one entry and says whether the object passed the filter.
 */
static int wqd_ioc_list(struct wqd_list *req, struct xarray *xa, size_t ksize,
			size_t min_size,
			bool (*fill)(void *obj, void *entry, u64 queue_id))
{
	unsigned int cap = min(req->capacity, WQD_LIST_MAX), n = 0, i;
	size_t usize = req->entry_size, csize = min(usize, ksize);
	u8 __user *ubuf = u64_to_user_ptr(req->buf_ptr);
	unsigned long next = req->cursor, id;
	bool more = false;
	void *obj, *kbuf;
	int ret = 0;

	if (req->count || req->pad || !cap || usize < min_size ||
	    usize > WQD_ENTRY_MAX)
		return -EINVAL;
	kbuf = kmalloc_array(cap, ksize, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;

	mutex_lock(&wqd_lock);
	xa_for_each_start(xa, id, obj, next) {
		if (n == cap) {
			more = true;
			next = id;
			break;
		}
		if (fill(obj, kbuf + n * ksize, req->queue_id))
			n++;
	}
	mutex_unlock(&wqd_lock);

	for (i = 0; i < n && !ret; i++) {
		u8 __user *dst = ubuf + (size_t)i * usize;

		if (copy_to_user(dst, kbuf + i * ksize, csize) ||
		    (usize > csize && clear_user(dst + csize, usize - csize)))
			ret = -EFAULT;
	}
	kfree(kbuf);
	req->count = n;
	req->cursor = more ? next : 0;
	return ret;
}

static bool wqd_list_fill_queue(void *obj, void *entry, u64 queue_id)
{
	wqd_queue_fill_info(obj, entry);
	return true;
}

static bool wqd_list_fill_work(void *obj, void *entry, u64 queue_id)
{
	struct wqd_item *it = obj;

	if (queue_id && it->queue->id != queue_id)
		return false;
	wqd_item_fill_info(it, entry);
	return true;
}

static int wqd_ioc_queue_list(struct wqd_file *f, void *arg)
{
	struct wqd_list *req = arg;

	if (req->queue_id)
		return -EINVAL;
	return wqd_ioc_list(req, &wqd_queues, sizeof(struct wqd_queue_info),
			    offsetofend(struct wqd_queue_info, cancelled),
			    wqd_list_fill_queue);
}

static int wqd_ioc_work_list(struct wqd_file *f, void *arg)
{
	return wqd_ioc_list(arg, &wqd_items, sizeof(struct wqd_work_info),
			    offsetofend(struct wqd_work_info, runtime),
			    wqd_list_fill_work);
}

static int wqd_ioc_queue_hist(struct wqd_file *f, void *arg)
{
	struct wqd_hist *hist = arg;

	if ((hist->queue_id && hist->item_id) ||
	    memchr_inv(hist->lateness, 0,
		       sizeof(*hist) - offsetof(struct wqd_hist, lateness)))
		return -EINVAL;
	if (hist->item_id) {
		struct wqd_item *it = wqd_item_get(hist->item_id);
		int ret;

		if (!it)
			return -ENOENT;
		ret = wqd_item_hist(it, hist);
		wqd_item_put(it);
		return ret;
	}
	return wqd_queue_hist(hist);
}

/* Returns the new stream's file descriptor. */
static int wqd_ioc_events_open(struct wqd_file *f, void *arg)
{
	const struct wqd_events_open *req = arg;

	if (req->flags & ~WQD_EVO_ALL)
		return -EINVAL;
	if (req->ring_size && (!is_power_of_2(req->ring_size) ||
			       req->ring_size > WQD_EVENTS_RING_MAX))
		return -EINVAL;
	return wqd_events_open(req, f);
}

/**
 * struct wqd_ioctl_desc - one command
 * @cmd: its number, with today's struct size
 * @first_size: its struct's size in ABI version 1: the smallest taken
 * @write: changes state: needs a file opened for writing
 * @fn: the command, on its struct as copied in
 */
struct wqd_ioctl_desc {
	unsigned int cmd;
	unsigned int first_size;
	bool write;
	int (*fn)(struct wqd_file *f, void *arg);
};

/* Where the last field of ABI version 1 ends: later fields go after it. */
#define WQD_V1(type, last)	offsetofend(struct type, last)

static const struct wqd_ioctl_desc wqd_ioctls[] = {
	{ WQD_IOC_VERSION, WQD_V1(wqd_version, info_size), false, wqd_ioc_version },
	{ WQD_IOC_INFO, WQD_V1(wqd_info, cancelled), false, wqd_ioc_info },
	{ WQD_IOC_RESET, 0, true, wqd_ioc_reset },
	{ WQD_IOC_CALIBRATE, WQD_V1(wqd_calibrate, pad), true, wqd_ioc_calibrate },
	{ WQD_IOC_QUEUE_CREATE, WQD_V1(wqd_queue_create, id), true,
	  wqd_ioc_queue_create },
	{ WQD_IOC_QUEUE_DESTROY, WQD_V1(wqd_queue_ref, pad), true,
	  wqd_ioc_queue_destroy },
	{ WQD_IOC_QUEUE_FLUSH, WQD_V1(wqd_queue_ref, pad), true,
	  wqd_ioc_queue_flush },
	{ WQD_IOC_QUEUE_DRAIN, WQD_V1(wqd_queue_ref, pad), true,
	  wqd_ioc_queue_drain },
	{ WQD_IOC_QUEUE_INFO, WQD_V1(wqd_queue_info, cancelled), false,
	  wqd_ioc_queue_info },
	{ WQD_IOC_QUEUE_LIST, WQD_V1(wqd_list, pad), false, wqd_ioc_queue_list },
	{ WQD_IOC_QUEUE_HIST, WQD_V1(wqd_hist, runtime), false,
	  wqd_ioc_queue_hist },
	{ WQD_IOC_WORK_SUBMIT, WQD_V1(wqd_work_submit, ids_ptr), true,
	  wqd_ioc_work_submit },
	{ WQD_IOC_WORK_CANCEL, WQD_V1(wqd_work_ref, delay_ns), true,
	  wqd_ioc_work_cancel },
	{ WQD_IOC_WORK_FLUSH, WQD_V1(wqd_work_ref, delay_ns), true,
	  wqd_ioc_work_flush },
	{ WQD_IOC_WORK_MOD, WQD_V1(wqd_work_ref, delay_ns), true,
	  wqd_ioc_work_mod },
	{ WQD_IOC_WORK_INFO, WQD_V1(wqd_work_info, runtime), false,
	  wqd_ioc_work_info },
	{ WQD_IOC_WORK_LIST, WQD_V1(wqd_list, pad), false, wqd_ioc_work_list },
	{ WQD_IOC_EVENTS_OPEN, WQD_V1(wqd_events_open, ring_size), false,
	  wqd_ioc_events_open },
};

/* The kernel's size of each command's struct: the size in its number. */
static const struct wqd_ioctl_desc *wqd_ioctl_find(unsigned int cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wqd_ioctls); i++) {
		unsigned int known = wqd_ioctls[i].cmd;

		if (_IOC_TYPE(cmd) == _IOC_TYPE(known) &&
		    _IOC_NR(cmd) == _IOC_NR(known) &&
		    _IOC_DIR(cmd) == _IOC_DIR(known))
			return &wqd_ioctls[i];
	}
	return NULL;
}

/**
 * wqd_ioctl() - the unlocked_ioctl of /dev/wqdemo
 * @file: the open file
 * @cmd: the command; its size field is the caller's struct size
 * @arg: the caller's struct
 *
 * Return: 0 or a negative errno; -ENOTTY for an unknown command.
 */
long wqd_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	const struct wqd_ioctl_desc *desc = wqd_ioctl_find(cmd);
	struct wqd_file *f = ((struct seq_file *)file->private_data)->private;
	void __user *uarg = (void __user *)arg;
	size_t usize = _IOC_SIZE(cmd), ksize, csize;
	union wqd_ioctl_arg stack;
	void *a = &stack;
	int ret;

	if (!desc)
		return -ENOTTY;
	ksize = _IOC_SIZE(desc->cmd);
	csize = min(usize, ksize);
	if (usize < desc->first_size)
		return -EINVAL;
	if (desc->write && !(file->f_mode & FMODE_WRITE))
		return -EBADF;

	if (ksize > sizeof(stack)) {
		a = kzalloc(ksize, GFP_KERNEL_ACCOUNT);
		if (!a)
			return -ENOMEM;
	} else {
		memset(&stack, 0, sizeof(stack));
	}
	if (_IOC_DIR(cmd) & _IOC_WRITE) {
		/* An older struct's missing tail reads as zero. */
		ret = copy_struct_from_user(a, ksize, uarg, usize);
		if (ret)
			goto out;
		/*
		 * Write the struct back as it came, tail and all, before
		 * acting, so that an unwritable one fails now, not after a
		 * queue or an item was made whose id could not be returned.
		 */
		ret = -EFAULT;
		if ((_IOC_DIR(cmd) & _IOC_READ) &&
		    (copy_to_user(uarg, a, csize) ||
		     (usize > csize && clear_user(uarg + csize, usize - csize))))
			goto out;
	}

	/* Positive: a new file descriptor (WQD_IOC_EVENTS_OPEN). */
	ret = desc->fn(f, a);
	if (ret)
		goto out;

	if (_IOC_DIR(cmd) & _IOC_READ) {
		if (copy_to_user(uarg, a, csize) ||
		    (usize > csize && clear_user(uarg + csize, usize - csize)))
			ret = -EFAULT;
	}
out:
	if (a != &stack)
		kfree(a);
	return ret;
}
