// SPDX-License-Identifier: GPL-2.0
/*
 * Item labels by id. Events carry ids only; an event stream learns the
 * labels of every item once at the start (one list), and of an item it
 * has not seen before when its first event comes (one WQD_IOC_WORK_INFO).
 * Ids are never reused while the module is loaded, and a stream keeps the
 * module loaded, so an entry never goes stale. An item gone before it
 * could be asked is remembered as unlabelled.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"

struct label {
	__u64 id;
	char name[WQD_NAME_LEN];
};

/* The index of @id, or where it would go. */
static size_t find(const struct labels *l, __u64 id)
{
	size_t lo = 0, hi = l->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int add(struct labels *l, __u64 id, const char *name)
{
	size_t i = find(l, id);
	void *grown;

	if (i < l->n && l->v[i].id == id)
		return 0;
	if (l->n == l->cap) {
		grown = realloc(l->v, (l->cap + 64) * sizeof(*l->v));
		if (!grown)
			return -ENOMEM;
		l->v = grown;
		l->cap += 64;
	}
	memmove(&l->v[i + 1], &l->v[i], (l->n - i) * sizeof(*l->v));
	l->v[i].id = id;
	memcpy(l->v[i].name, name, WQD_NAME_LEN);
	l->n++;
	return 0;
}

/**
 * labels_load() - start with the labels of every item there is
 * @l: the cache, zero-initialised
 * @fd: the device
 *
 * Return: 0, or -errno.
 */
int labels_load(struct labels *l, int fd)
{
	struct wqd_work_info *items = NULL;
	size_t n, i;
	int ret;

	ret = libwqd_work_list(fd, 0, &items, &n);
	for (i = 0; !ret && i < n; i++)
		ret = add(l, items[i].id, items[i].name);
	free(items);
	return ret;
}

/**
 * labels_get() - an item's label
 * @l: the cache
 * @fd: the device, to ask about an item not seen before
 * @id: the item
 *
 * Return: the label, "" for an item without one or gone; valid until the
 * next call.
 */
const char *labels_get(struct labels *l, int fd, __u64 id)
{
	struct wqd_work_info info;
	size_t i = find(l, id);

	if (i < l->n && l->v[i].id == id)
		return l->v[i].name;
	if (libwqd_work_info(fd, id, &info))
		info.name[0] = '\0';
	if (add(l, id, info.name))
		return "";
	return l->v[find(l, id)].name;
}

void labels_free(struct labels *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
