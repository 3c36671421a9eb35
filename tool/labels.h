/* SPDX-License-Identifier: GPL-2.0 */
/* Item labels by id, for a stream of events that carries only ids. */
#ifndef WQCTL_LABELS_H
#define WQCTL_LABELS_H

#include <stddef.h>

#include "lib/wqd.h"

struct label;

/**
 * struct labels - the labels known so far, sorted by item id
 * @v: the entries
 * @n: how many
 * @cap: room for how many
 */
struct labels {
	struct label *v;
	size_t n;
	size_t cap;
};

int labels_load(struct labels *l, int fd);
const char *labels_get(struct labels *l, int fd, __u64 id);
void labels_free(struct labels *l);

#endif /* WQCTL_LABELS_H */
