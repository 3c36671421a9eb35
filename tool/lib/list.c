// SPDX-License-Identifier: GPL-2.0
/* Paging through WQD_IOC_{QUEUE,WORK}_LIST with the cursor. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "wqd.h"

/* Entries asked for per call; the kernel uses at most 4096. */
#define LIBWQD_LIST_PAGE	256

/**
 * libwqd_list_all() - read every object of a list ioctl into one array
 * @fd: the device
 * @request: WQD_IOC_QUEUE_LIST or WQD_IOC_WORK_LIST
 * @queue_id: WQD_IOC_WORK_LIST: only this queue's items, or 0 for all
 * @entry_size: the size of one entry as this program knows it
 * @entries: out: a malloc()ed array the caller frees (NULL when empty)
 * @n: out: its length
 *
 * Objects come and go between calls; each page starts at the cursor the
 * previous one returned, so nothing is listed twice.
 *
 * Return: 0, or -errno; -EPROTO when the kernel's answer makes no sense
 * (more entries than room, or a cursor that does not move on), which
 * would otherwise loop for ever.
 */
int libwqd_list_all(int fd, unsigned long request, __u64 queue_id,
		    size_t entry_size, void **entries, size_t *n)
{
	struct wqd_list list = { .queue_id = queue_id };
	size_t count = 0, capacity = 0;
	char *buf = NULL, *grown;
	__u64 cursor;
	int ret;

	for (;;) {
		if (capacity - count < LIBWQD_LIST_PAGE) {
			capacity += LIBWQD_LIST_PAGE;
			grown = realloc(buf, capacity * entry_size);
			if (!grown) {
				ret = -ENOMEM;
				goto out;
			}
			buf = grown;
		}
		cursor = list.cursor;
		list.buf_ptr = (uintptr_t)(buf + count * entry_size);
		list.entry_size = (__u32)entry_size;
		list.capacity = (__u32)(capacity - count);
		list.count = 0;
		ret = libwqd_ioctl(fd, request, &list);
		if (ret)
			goto out;
		if (list.count > list.capacity ||
		    (list.cursor && list.cursor <= cursor)) {
			ret = -EPROTO;
			goto out;
		}
		count += list.count;
		if (!list.cursor)
			break;
	}
	if (!count) {
		free(buf);
		buf = NULL;
	}
	*entries = buf;
	*n = count;
	return 0;
out:
	free(buf);
	return ret;
}
