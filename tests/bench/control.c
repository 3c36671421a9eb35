// SPDX-License-Identifier: GPL-2.0
/*
 * The control path: submit, show and cancel, one item a call, and a batch
 * submit, at each population of live items the plan names. Each op is
 * timed in units of a null ioctl of the same rounds, and each population
 * against the first: what grows with the population is wqdemo's, not the
 * host's. Each round also times the module's bare submits, the kernel's
 * own part of a submit: with the round's null ioctl, the floor no submit
 * goes below. The largest population is also the one kernel memory per
 * item is taken at (memory.c), while it stands.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "bench.h"

#define HOUR		(3600 * SEC)

/*
 * HOT: show of the items just made, next to SHOW of random live ones.
 * FLOOR: the floor under a submit, a null ioctl plus a bare submit.
 */
enum op { OP_SUBMIT, OP_SHOW, OP_CANCEL, OP_BATCH, OP_HOT, OP_FLOOR, NR_OPS };

struct level {
	unsigned int items;
	double ns[NR_OPS];	/* per op; BATCH per item */
	double null;		/* the floor, in the same rounds */
	double ratio[NR_OPS];	/* to that floor */
	double over_floor;	/* submit in units of FLOOR */
};

static unsigned int rnd(unsigned int n)
{
	static __u64 x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (unsigned int)(x % n);
}

/* Long-delayed items: they stay pending for the whole run. */
static void submit_parked(__u64 queue, unsigned int n, __u64 *ids)
{
	struct wqd_work_submit s = {
		.queue_id = queue,
		.flags = WQD_WF_DELAYED,
		.cpu = WQD_CPU_ANY,
		.delay_ns = HOUR < g.info.max_period_ns ? HOUR : g.info.max_period_ns,
		.count = 1,
		.instances = n,
		.ids_ptr = (uintptr_t)ids,
	};

	must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
}

/*
 * What the kernel's own part of @k submits on @queue costs, per submit:
 * the module's bare submits (WQD_CALF_SUBMIT), an item's allocation, id
 * and timer and nothing else, timed in the kernel.
 */
static double bare_submit(__u64 queue, unsigned int k)
{
	struct wqd_calibrate c = {
		.queue_id = queue, .runs = k, .flags = WQD_CALF_SUBMIT,
	};

	must("calibrate", ioctl(g.fd, WQD_IOC_CALIBRATE, &c));
	if (c.done != k)
		error("calibrate: %u bare submits asked, %u made", k, c.done);
	return (double)c.elapsed_ns / k;
}

/*
 * At @pop live items (their ids in @ids), rounds of: submit ops_batch
 * items one by one, show as many random live items, cancel the new ones.
 * The random ids are drawn before the clock starts: at 100,000 items the
 * id array is 800 KB, and a miss in it is the benchmark's, not wqdemo's.
 * The new items go to a scratch queue, destroyed after each round, so
 * the population stays @pop pending items (+ at most ops_batch). Each
 * figure is the median of the rounds' means. Each round also times as
 * many null ioctls, and the ratios to the floor are the medians of each
 * round's own ratios: the host's speed changes from one second to the
 * next (other VMs share its cores), a round's ratio hardly does.
 */
static void bench_ops(struct level *lv, const __u64 *ids, unsigned int pop)
{
	unsigned int rounds = g.p->ops_rounds, k = g.p->ops_batch, r, i, op;
	double ns[NR_OPS][MAX_ROUNDS], ratio[NR_OPS][MAX_ROUNDS], nul[MAX_ROUNDS];
	double over[MAX_ROUNDS], bare;
	__u64 *mine = calloc(k > g.p->batch_items ? k : g.p->batch_items, sizeof(*mine));
	__u64 *pick = calloc(k, sizeof(*pick));
	struct wqd_work_info wi;
	__u64 scratch;

	if (!mine || !pick)
		die("out of memory");
	for (r = 0; r < rounds; r++) {
		__u64 t0, t1, t2, t3, t4;

		scratch = queue_create("bench_s");
		nul[r] = time_null(k);
		for (i = 0; i < k; i++)
			pick[i] = ids[rnd(pop)];
		t0 = now_ns();
		for (i = 0; i < k; i++)
			submit_parked(scratch, 1, &mine[i]);
		t1 = now_ns();
		for (i = 0; i < k; i++) {
			memset(&wi, 0, sizeof(wi));
			wi.id = pick[i];
			must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, &wi));
		}
		t2 = now_ns();
		/*
		 * The same show on the items just made: hot in the caches and
		 * the TLB whatever the population, so that what grows with it
		 * tells the algorithm (xarray depth, locks) from the memory.
		 */
		for (i = 0; i < k; i++) {
			memset(&wi, 0, sizeof(wi));
			wi.id = mine[i];
			must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, &wi));
		}
		t3 = now_ns();
		for (i = 0; i < k; i++) {
			struct wqd_work_ref ref = { .id = mine[i] };

			must("work cancel", ioctl(g.fd, WQD_IOC_WORK_CANCEL, &ref));
			if (!(ref.result & WQD_RESULT_PENDING))
				error("cancel of item %llu: it was not pending",
				      (unsigned long long)mine[i]);
		}
		t4 = now_ns();
		ns[OP_SUBMIT][r] = (double)(t1 - t0) / k;
		ns[OP_SHOW][r] = (double)(t2 - t1) / k;
		ns[OP_HOT][r] = (double)(t3 - t2) / k;
		ns[OP_CANCEL][r] = (double)(t4 - t3) / k;
		bare = bare_submit(scratch, k);
		queue_destroy(scratch);

		/* The batch: one call, batch_items items. */
		scratch = queue_create("bench_s");
		t0 = now_ns();
		submit_parked(scratch, g.p->batch_items, mine);
		ns[OP_BATCH][r] = (double)(now_ns() - t0) / g.p->batch_items;
		queue_destroy(scratch);
		nul[r] = (nul[r] + time_null(k)) / 2;
		ns[OP_FLOOR][r] = nul[r] + bare;
		for (op = 0; op < NR_OPS; op++)
			ratio[op][r] = ns[op][r] / nul[r];
		over[r] = ns[OP_SUBMIT][r] / ns[OP_FLOOR][r];
	}
	for (op = 0; op < NR_OPS; op++) {
		lv->ns[op] = median(ns[op], rounds);
		lv->ratio[op] = median(ratio[op], rounds);
	}
	lv->null = median(nul, rounds);
	lv->over_floor = median(over, rounds);
	free(pick);
	free(mine);
}

static json_object *level_json(const struct level *v)
{
	static const char *const ns_key[NR_OPS] = {
		[OP_SUBMIT] = "submit_ns", [OP_SHOW] = "show_ns",
		[OP_CANCEL] = "cancel_ns", [OP_BATCH] = "batch_submit_ns_per_item",
		[OP_FLOOR] = "submit_floor_ns",
	};
	static const char *const ratio_key[NR_OPS] = {
		[OP_SUBMIT] = "submit_to_null", [OP_SHOW] = "show_to_null",
		[OP_CANCEL] = "cancel_to_null", [OP_BATCH] = "batch_to_null",
		[OP_HOT] = "show_recent_to_null", [OP_FLOOR] = "submit_floor_to_null",
	};
	json_object *o = json_object_new_object();
	unsigned int op;

	json_object_object_add(o, "items", json_object_new_int(v->items));
	for (op = 0; op < NR_OPS; op++)
		if (ns_key[op])
			json_object_object_add(o, ns_key[op], json_object_new_double(v->ns[op]));
	json_object_object_add(o, "null_ns", json_object_new_double(v->null));
	for (op = 0; op < NR_OPS; op++)
		json_object_object_add(o, ratio_key[op], json_object_new_double(v->ratio[op]));
	json_object_object_add(o, "submit_to_floor", json_object_new_double(v->over_floor));
	return o;
}

/* @op at @v against the first level @b: each side in units of its own floor. */
static void versus(const struct level *v, const struct level *b, enum op op,
		   const char *name, const char *tail, enum goal goal)
{
	double x = v->ratio[op] / b->ratio[op];

	ratio_figure(x, "x", x, "100 items", goal, 1.2, "  %s, %u vs %u%s",
		     name, v->items, b->items, tail);
}

static void level_rows(const struct level *v, const struct level *b, bool first,
		       bool last)
{
	enum goal top = last ? G_MAX : G_NONE;

	figure(v->null, "ns", "null ioctl at %u items", v->items);
	ratio_figure(v->ns[OP_SUBMIT], "ns", v->ratio[OP_SUBMIT], "null ioctl",
		     first ? G_MAX : G_NONE, 1.5, "submit at %u items", v->items);
	if (first) {
		ratio_figure(v->ns[OP_FLOOR], "ns", v->ratio[OP_FLOOR], "null ioctl",
			     G_NONE, 0, "  submit floor (null ioctl + bare submit)");
		ratio_figure(v->over_floor, "x", v->over_floor, "submit floor",
			     G_NONE, 0, "  submit vs its floor");
	}
	ratio_figure(v->ns[OP_SHOW], "ns", v->ratio[OP_SHOW], "null ioctl",
		     G_NONE, 0, "show at %u items", v->items);
	ratio_figure(v->ns[OP_CANCEL], "ns", v->ratio[OP_CANCEL], "null ioctl",
		     G_NONE, 0, "cancel at %u items", v->items);
	ratio_figure(v->ns[OP_BATCH], "ns", v->ratio[OP_BATCH], "null ioctl",
		     G_NONE, 0, "batch submit per item at %u", v->items);
	if (first)
		return;
	versus(v, b, OP_SUBMIT, "submit", " items", top);
	versus(v, b, OP_SHOW, "show", " items", top);
	versus(v, b, OP_HOT, "show a recent item", "", G_NONE);
	versus(v, b, OP_CANCEL, "cancel", " items", top);
	versus(v, b, OP_BATCH, "batch", " items", G_NONE);
}

void bench_control(void)
{
	unsigned int top = g.p->levels[g.p->nr_levels - 1], pop = 0, l;
	struct level lv[MAX_LEVELS];
	__u64 *ids = calloc(top, sizeof(*ids));
	json_object *levels = json_object_new_array();
	struct wqd_info info;

	if (!ids)
		die("out of memory");
	memory_before();
	for (l = 0; l < g.p->nr_levels; l++) {
		unsigned int want = g.p->levels[l];

		/* Grow the population with batches, as a user would. */
		while (pop < want) {
			unsigned int n = want - pop;

			if (n > g.info.max_instances)
				n = g.info.max_instances;
			submit_parked(g.queue, n, ids + pop);
			pop += n;
		}
		if (want == top)
			memory_after(top);
		get_info(&info);
		if (info.nr_items != pop)
			error("%u items submitted, the module has %u", pop, info.nr_items);

		lv[l].items = want;
		bench_ops(&lv[l], ids, pop);
		json_object_array_add(levels, level_json(&lv[l]));
	}
	raw_add("control", levels);

	section("control path (ns per op; ratios to the null ioctl of the same rounds)");
	for (l = 0; l < g.p->nr_levels; l++)
		level_rows(&lv[l], &lv[0], !l, l == g.p->nr_levels - 1);

	/* Back to nothing, for the execution path. */
	must("reset", ioctl(g.fd, WQD_IOC_RESET, NULL));
	g.queue = queue_create("bench");
	free(ids);
}
