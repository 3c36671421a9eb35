// SPDX-License-Identifier: GPL-2.0
/* Event streams: WQD_IOC_EVENTS_OPEN, and reading the records it gives. */
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "wqd.h"

/**
 * libwqd_events_open() - subscribe to handler runs
 * @fd: the device; read-only is enough
 * @queue_id: only this queue's runs, or 0 for all
 * @item_id: only this item's runs, or 0 for all
 * @flags: WQD_EVO_*
 * @ring_size: records kept for this reader, a power of two up to
 *	WQD_EVENTS_RING_MAX, or 0 for WQD_EVENTS_RING_DEFAULT
 * @events_fd: out: the stream, close-on-exec; the caller closes it
 *
 * The stream sees every run from the moment this returns: a command that
 * opens it before it submits misses nothing.
 *
 * Return: 0, or -errno.
 */
int libwqd_events_open(int fd, __u64 queue_id, __u64 item_id, __u32 flags,
		       __u32 ring_size, int *events_fd)
{
	struct wqd_events_open req = {
		.queue_id = queue_id,
		.item_id = item_id,
		.flags = flags,
		.ring_size = ring_size,
	};
	int ret;

	/* Unlike every other command, this one returns a new fd. */
	ret = ioctl(fd, WQD_IOC_EVENTS_OPEN, &req);
	if (ret < 0)
		return -errno;
	*events_fd = ret;
	return 0;
}

/**
 * libwqd_events_read() - the records a stream has now
 * @events_fd: from libwqd_events_open()
 * @buf: room for @max records
 * @max: at least 1
 * @n: out: records read, at least 1 on success
 *
 * Blocks until a record comes, unless the stream is non-blocking. A
 * WQD_EV_DROPPED record stands where records were lost.
 *
 * Return: 0, -EAGAIN when a non-blocking stream has nothing, -EPROTO for
 * a read that is not whole records, or -errno.
 */
int libwqd_events_read(int events_fd, struct wqd_event *buf, size_t max,
		       size_t *n)
{
	ssize_t len;

	len = read(events_fd, buf, max * sizeof(*buf));
	if (len < 0)
		return -errno;
	if (!len || len % sizeof(*buf))
		return -EPROTO;
	*n = len / sizeof(*buf);
	return 0;
}
