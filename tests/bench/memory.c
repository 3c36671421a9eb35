// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel memory per live item, from /proc/slabinfo: what every slab cache
 * holds before the control path makes its population, and once the
 * population is whole. Every cache, not wqdemo's alone, so that whatever
 * else an item makes the kernel allocate is counted too.
 */
#define _GNU_SOURCE
#include <stdio.h>

#include "bench.h"

/* Bytes the slab caches hold, all of them: objects and whole slabs. */
struct slab_total {
	double active;		/* active_objs * objsize */
	double total;		/* num_objs * objsize */
};

static struct slab_total before;
static bool have_before;

static bool slab_read(struct slab_total *t)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512];

	memset(t, 0, sizeof(*t));
	if (!f) {
		error("/proc/slabinfo: %s", strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[128];
		unsigned long active, num, size;

		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%127s %lu %lu %lu", name, &active, &num, &size) == 4) {
			t->active += (double)active * size;
			t->total += (double)num * size;
		}
	}
	fclose(f);
	return true;
}

void memory_before(void)
{
	have_before = slab_read(&before);
}

/* With @items more live items than at memory_before(): bytes per item. */
void memory_after(unsigned int items)
{
	struct slab_total after;
	double per, per_active;
	json_object *m;

	if (!have_before || !slab_read(&after))
		return;
	per = (after.total - before.total) / items;
	per_active = (after.active - before.active) / items;
	m = json_object_new_object();
	json_object_object_add(m, "items", json_object_new_int(items));
	json_object_object_add(m, "slab_bytes_before", json_object_new_double(before.total));
	json_object_object_add(m, "slab_bytes_after", json_object_new_double(after.total));
	json_object_object_add(m, "bytes_per_item", json_object_new_double(per));
	json_object_object_add(m, "active_bytes_per_item", json_object_new_double(per_active));
	raw_add("memory", m);
	section("kernel memory");
	ratio_figure(per, "B", per / 256, "256 B", G_MAX, 1.0, "slab bytes per item at %u", items);
	figure(per_active, "B", "  of which active objects");
}
