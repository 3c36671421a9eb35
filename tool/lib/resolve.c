// SPDX-License-Identifier: GPL-2.0
/*
 * How a user names queues and items on the command line: a string of
 * digits is an id, anything else a name (queue) or a label (item). The
 * kernel refuses all-digit names and labels, so no name is ever hidden
 * behind an id.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wqd.h"

/**
 * libwqd_parse_u64() - a decimal number, digits only
 * @s: the text: no sign, no spaces, no base prefix
 * @v: out: its value
 *
 * Return: 0, -EINVAL for anything but digits, -ERANGE past UINT64_MAX.
 */
int libwqd_parse_u64(const char *s, __u64 *v)
{
	__u64 n = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int digit = (unsigned char)*s - '0';

		if (digit > 9)
			return -EINVAL;
		if (n > (UINT64_MAX - digit) / 10)
			return -ERANGE;
		n = n * 10 + digit;
	}
	*v = n;
	return 0;
}

/**
 * libwqd_parse_ref() - tell an id from a name
 * @s: what the user typed for Q or ITEM
 * @id: out: the id, when @s is one
 *
 * Return: 1 for an id, 0 for a name, -EINVAL for an empty string,
 * -ERANGE for an id too large to be one.
 */
int libwqd_parse_ref(const char *s, __u64 *id)
{
	int ret;

	if (!*s)
		return -EINVAL;
	ret = libwqd_parse_u64(s, id);
	if (ret == -EINVAL)
		return 0;
	return ret ? ret : 1;
}

/**
 * libwqd_queue_find() - a queue by name
 * @queues: from libwqd_queue_list()
 * @n: their number
 * @name: the name; names are unique
 * @id: out: its id
 *
 * Return: 0, or -ENOENT.
 */
int libwqd_queue_find(const struct wqd_queue_info *queues, size_t n,
		      const char *name, __u64 *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strncmp(queues[i].name, name, WQD_NAME_LEN)) {
			*id = queues[i].id;
			return 0;
		}
	}
	return -ENOENT;
}

/**
 * libwqd_work_find() - an item by label
 * @items: from libwqd_work_list()
 * @n: their number
 * @label: the label; labels need not be unique
 * @id: out: its id
 *
 * Return: 0, -ENOENT when no item has @label, -ENOTUNIQ when more
 * than one has: acting on the wrong one would be worse than refusing.
 */
int libwqd_work_find(const struct wqd_work_info *items, size_t n,
		     const char *label, __u64 *id)
{
	bool found = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strncmp(items[i].name, label, WQD_NAME_LEN))
			continue;
		if (found)
			return -ENOTUNIQ;
		*id = items[i].id;
		found = true;
	}
	return found ? 0 : -ENOENT;
}

/**
 * libwqd_queue_name() - the name of a queue by id
 * @queues: from libwqd_queue_list()
 * @n: their number
 * @id: the queue
 *
 * Return: its name, or NULL when there is no such queue (any more).
 */
const char *libwqd_queue_name(const struct wqd_queue_info *queues, size_t n,
			      __u64 id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (queues[i].id == id)
			return queues[i].name;
	return NULL;
}

/**
 * libwqd_queue_resolve() - Q as the user typed it to a queue id
 * @fd: the device
 * @ref: an id or a name
 * @id: out: the id; an id is passed through unchecked, the kernel
 *	answers ENOENT for it soon enough
 *
 * Return: 0, or -errno (-ENOENT for an unknown name).
 */
int libwqd_queue_resolve(int fd, const char *ref, __u64 *id)
{
	struct wqd_queue_info *queues = NULL;
	size_t n;
	int ret;

	ret = libwqd_parse_ref(ref, id);
	if (ret)
		return ret < 0 ? ret : 0;
	ret = libwqd_queue_list(fd, &queues, &n);
	if (!ret)
		ret = libwqd_queue_find(queues, n, ref, id);
	free(queues);
	return ret;
}

/**
 * libwqd_work_resolve() - ITEM as the user typed it to an item id
 * @fd: the device
 * @ref: an id or a label
 * @id: out: the id
 *
 * Return: 0, or -errno (-ENOENT, -ENOTUNIQ: see libwqd_work_find()).
 */
int libwqd_work_resolve(int fd, const char *ref, __u64 *id)
{
	struct wqd_work_info *items = NULL;
	size_t n;
	int ret;

	ret = libwqd_parse_ref(ref, id);
	if (ret)
		return ret < 0 ? ret : 0;
	ret = libwqd_work_list(fd, 0, &items, &n);
	if (!ret)
		ret = libwqd_work_find(items, n, ref, id);
	free(items);
	return ret;
}
