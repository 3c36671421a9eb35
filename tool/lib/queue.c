// SPDX-License-Identifier: GPL-2.0
/* Queues: WQD_IOC_QUEUE_*. */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "wqd.h"

/**
 * libwqd_queue_create() - make a queue
 * @fd: the device, open for writing
 * @create: filled by the caller (name through libwqd_set_name(), pad zero);
 *	@create->id receives the new id
 *
 * Return: 0, or -errno.
 */
int libwqd_queue_create(int fd, struct wqd_queue_create *create)
{
	return libwqd_ioctl(fd, WQD_IOC_QUEUE_CREATE, create);
}

static int queue_ref(int fd, unsigned long request, __u64 id)
{
	struct wqd_queue_ref ref = { .id = id };

	return libwqd_ioctl(fd, request, &ref);
}

int libwqd_queue_destroy(int fd, __u64 id)
{
	return queue_ref(fd, WQD_IOC_QUEUE_DESTROY, id);
}

int libwqd_queue_flush(int fd, __u64 id)
{
	return queue_ref(fd, WQD_IOC_QUEUE_FLUSH, id);
}

int libwqd_queue_drain(int fd, __u64 id)
{
	return queue_ref(fd, WQD_IOC_QUEUE_DRAIN, id);
}

int libwqd_queue_info(int fd, __u64 id, struct wqd_queue_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	info->id = id;
	ret = libwqd_ioctl(fd, WQD_IOC_QUEUE_INFO, info);
	LIBWQD_TERMINATE(info->name);
	return ret;
}

/**
 * libwqd_queue_hist() - a queue's log2 histograms of lateness and runtime
 * @fd: the device
 * @id: the queue, or 0 for every queue added together
 * @hist: out: the histograms (bucket i: [2^(i-1), 2^i) ns, bucket 0:
 *	zero or less)
 *
 * Return: 0, or -errno.
 */
int libwqd_queue_hist(int fd, __u64 id, struct wqd_hist *hist)
{
	memset(hist, 0, sizeof(*hist));
	hist->queue_id = id;
	return libwqd_ioctl(fd, WQD_IOC_QUEUE_HIST, hist);
}

/**
 * libwqd_item_hist() - an item's log2 histograms of lateness and runtime
 * @fd: the device
 * @id: the item, one submitted with WQD_WF_HIST
 * @hist: out: the histograms, as libwqd_queue_hist() gives them;
 *	@hist->item_id is @id and @hist->queue_id 0
 *
 * The same ioctl as a queue's, with item_id set and queue_id 0: the
 * kernel wants the outputs and the id it is not given zero.
 *
 * Return: 0, -EINVAL for an item submitted without WQD_WF_HIST, -ENOENT
 * for an unknown one, or another -errno.
 */
int libwqd_item_hist(int fd, __u64 id, struct wqd_hist *hist)
{
	memset(hist, 0, sizeof(*hist));
	/* Item 0 is no item: to the kernel, "every queue". */
	if (!id)
		return -ENOENT;
	hist->item_id = id;
	return libwqd_ioctl(fd, WQD_IOC_QUEUE_HIST, hist);
}

/**
 * libwqd_queue_list() - every queue, built-ins first (they have the lowest ids)
 * @fd: the device
 * @queues: out: a malloc()ed array the caller frees
 * @n: out: its length
 *
 * Return: 0, or -errno.
 */
int libwqd_queue_list(int fd, struct wqd_queue_info **queues, size_t *n)
{
	struct wqd_queue_info *entries;
	void *buf;
	size_t i;
	int ret;

	ret = libwqd_list_all(fd, WQD_IOC_QUEUE_LIST, 0, sizeof(*entries),
			      &buf, n);
	if (ret)
		return ret;
	entries = buf;
	for (i = 0; i < *n; i++)
		LIBWQD_TERMINATE(entries[i].name);
	*queues = entries;
	return 0;
}
