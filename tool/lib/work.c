// SPDX-License-Identifier: GPL-2.0
/* Work items: WQD_IOC_WORK_*. */
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "wqd.h"

/**
 * libwqd_work_submit() - make one or more items
 * @fd: the device, open for writing
 * @submit: filled by the caller (name through libwqd_set_name()); this sets
 *	@submit->ids_ptr
 * @ids: out: room for max(@submit->instances, 1) ids
 *
 * Return: 0, or -errno.
 */
int libwqd_work_submit(int fd, struct wqd_work_submit *submit, __u64 *ids)
{
	submit->ids_ptr = (uintptr_t)ids;
	return libwqd_ioctl(fd, WQD_IOC_WORK_SUBMIT, submit);
}

/* The three calls on one item share a struct and a one-bit answer. */
static int work_ref(int fd, unsigned long request, struct wqd_work_ref *ref,
		    bool *result)
{
	int ret;

	ret = libwqd_ioctl(fd, request, ref);
	if (!ret)
		*result = ref->result & WQD_RESULT_PENDING;
	return ret;
}

/**
 * libwqd_work_cancel() - cancel an item
 * @fd: the device, open for writing
 * @id: the item
 * @async: cancel_work() rather than cancel_work_sync()
 * @pending: out: whether the item was pending
 *
 * Return: 0, or -errno.
 */
int libwqd_work_cancel(int fd, __u64 id, bool async, bool *pending)
{
	struct wqd_work_ref ref = {
		.id = id,
		.flags = async ? WQD_CANCEL_ASYNC : 0,
	};

	return work_ref(fd, WQD_IOC_WORK_CANCEL, &ref, pending);
}

/* @waited: out: whether flush_work() had to wait for the item */
int libwqd_work_flush(int fd, __u64 id, bool *waited)
{
	struct wqd_work_ref ref = { .id = id };

	return work_ref(fd, WQD_IOC_WORK_FLUSH, &ref, waited);
}

/* @pending: out: whether mod_delayed_work() found the timer pending */
int libwqd_work_mod(int fd, __u64 id, __u64 delay_ns, bool *pending)
{
	struct wqd_work_ref ref = { .id = id, .delay_ns = delay_ns };

	return work_ref(fd, WQD_IOC_WORK_MOD, &ref, pending);
}

int libwqd_work_info(int fd, __u64 id, struct wqd_work_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	info->id = id;
	ret = libwqd_ioctl(fd, WQD_IOC_WORK_INFO, info);
	LIBWQD_TERMINATE(info->name);
	return ret;
}

/**
 * libwqd_work_list() - every item, or one queue's
 * @fd: the device
 * @queue_id: the queue, or 0 for all
 * @items: out: a malloc()ed array the caller frees
 * @n: out: its length
 *
 * Return: 0, or -errno.
 */
int libwqd_work_list(int fd, __u64 queue_id, struct wqd_work_info **items,
		     size_t *n)
{
	struct wqd_work_info *entries;
	void *buf;
	size_t i;
	int ret;

	ret = libwqd_list_all(fd, WQD_IOC_WORK_LIST, queue_id, sizeof(*entries),
			      &buf, n);
	if (ret)
		return ret;
	entries = buf;
	for (i = 0; i < *n; i++)
		LIBWQD_TERMINATE(entries[i].name);
	*items = entries;
	return 0;
}
