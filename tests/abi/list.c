// SPDX-License-Identifier: GPL-2.0
/*
 * Queue and work lists, and histograms.
 */
#include "abi.h"

void list_init(struct wqd_list *l, size_t entry_size, __u32 capacity)
{
	memset(l, 0, sizeof(*l));
	memset(listbuf, SENTINEL, sizeof(listbuf));
	l->buf_ptr = (uintptr_t)listbuf;
	l->entry_size = entry_size;
	l->capacity = capacity;
}

/*
 * A page of a list: its in fields as they were, count entries written in
 * order of id from the cursor on, each filled to its size, and nothing
 * after them; a page short of the capacity is the last.
 */
void list_ok(struct result *r, unsigned long cmd,
	     const struct wqd_list *before, const struct wqd_list *l)
{
	size_t ss = cmd == WQD_IOC_QUEUE_LIST ? sizeof(struct wqd_queue_info) :
						sizeof(struct wqd_work_info);
	size_t es = l->entry_size, cap = l->capacity < 256 ? l->capacity : 256, i;
	__u64 id, last = 0, queue;

	CHECK(l->buf_ptr == before->buf_ptr && l->entry_size == before->entry_size);
	CHECK(l->capacity == before->capacity && l->queue_id == before->queue_id);
	CHECK(l->pad == 0 && l->count <= cap);
	CHECK(l->count == cap || l->cursor == 0);
	if (l->buf_ptr != (uintptr_t)listbuf || l->count * es > sizeof(listbuf))
		return;
	if (ss > es)
		ss = es;
	for (i = 0; i < l->count; i++) {
		const unsigned char *e = listbuf + i * es;

		CHECK(no_sentinel_word(e, ss));
		CHECK(all_bytes(e + ss, 0, es - ss));
		memcpy(&id, e, sizeof(id));
		CHECK(id >= before->cursor && id > last);
		last = id;
		if (cmd == WQD_IOC_WORK_LIST && l->queue_id) {
			memcpy(&queue, e + offsetof(struct wqd_work_info, queue_id),
			       sizeof(queue));
			CHECK(queue == l->queue_id);
		}
	}
	CHECK(all_bytes(listbuf + l->count * es, SENTINEL,
			sizeof(listbuf) - l->count * es));
}

static void list_call(struct result *r, unsigned long cmd, struct wqd_list *l)
{
	struct wqd_list before = *l;

	if (call(r, g.fd, cmd, l)) {
		CHECK(!memcmp(&before, l, sizeof(*l)));
		if (l->buf_ptr == (uintptr_t)listbuf)
			CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
	} else {
		list_ok(r, cmd, &before, l);
	}
}

/* The smallest entry: its struct in ABI version 1. */
#define LIST_CASES(obj, CMD, ENTRY, FIRST)				\
TEST(obj##_list__capacity_0, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 0);				\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_too_small, EINVAL)				\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, FIRST - 1, 16);					\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_0, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, 0, 16);						\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_4097, EINVAL)				\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, 4097, 16);					\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__count_nonzero, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 16);				\
	l.count = 1;							\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__pad_nonzero, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 16);				\
	l.pad = 1;							\
	list_call(r, CMD, &l);						\
}

LIST_CASES(queue, WQD_IOC_QUEUE_LIST, struct wqd_queue_info,
	   V1(wqd_queue_info, cancelled))
LIST_CASES(work, WQD_IOC_WORK_LIST, struct wqd_work_info,
	   V1(wqd_work_info, runtime))

TEST(queue_list__queue_id_nonzero, EINVAL)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.queue_id = WQD_QUEUE_SYSTEM;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

TEST(queue_list__buffer_bad_pointer, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = (uintptr_t)g.guard;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

TEST(queue_list__buffer_null, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = 0;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

/* Room for 16 entries, but the page ends after the first. */
TEST(queue_list__buffer_half_mapped, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = (uintptr_t)(g.guard - sizeof(struct wqd_queue_info));
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

/* A newer userspace's bigger entry: the kernel zero-fills the rest. */
TEST(queue_list__bigger_entry_zero_filled, 0)
{
	const size_t es = sizeof(struct wqd_queue_info) + 40;
	struct wqd_list l;
	__u32 i;

	list_init(&l, es, 64);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count >= 6 && l.count < 64 && l.cursor == 0 && l.pad == 0);
	for (i = 0; i < l.count; i++) {
		struct wqd_queue_info *qi = (void *)(listbuf + i * es);

		CHECK(qi->id && name_clean(qi->name));
		CHECK(all_bytes(listbuf + i * es + sizeof(*qi), 0, 40));
	}
	/* And nothing beyond the entries it reported. */
	CHECK(all_bytes(listbuf + l.count * es, SENTINEL, es));
}

TEST(queue_list__entry_size_4096, 0)
{
	struct wqd_list l;

	list_init(&l, 4096, 8);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count >= 6);
	CHECK(all_bytes(listbuf + sizeof(struct wqd_queue_info), 0,
			4096 - sizeof(struct wqd_queue_info)));
}

TEST(queue_list__cursor_past_the_end, 0)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.cursor = 1ULL << 40;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count == 0 && l.cursor == 0);
	CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
}

TEST(queue_list__a_page_and_a_cursor, 0)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 2);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count == 2 && l.cursor > WQD_QUEUE_SYSTEM_HIGHPRI);
	CHECK(all_bytes(listbuf + 2 * sizeof(struct wqd_queue_info), SENTINEL, 64));
}

TEST(work_list__buffer_bad_pointer, EFAULT)
{
	struct wqd_list l;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	list_init(&l, sizeof(struct wqd_work_info), 16);
	l.buf_ptr = (uintptr_t)g.guard;
	list_call(r, WQD_IOC_WORK_LIST, &l);
}

TEST(work_list__bigger_entry_zero_filled, 0)
{
	const size_t es = sizeof(struct wqd_work_info) + 24;
	struct wqd_list l;
	struct wqd_work_info *wi = (void *)listbuf;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC));
	list_init(&l, es, 16);
	list_call(r, WQD_IOC_WORK_LIST, &l);
	CHECK(l.count == 2 && l.cursor == 0);
	CHECK(wi->pad == 0 && name_clean(wi->name) && wi->state == WQD_STATE_PENDING);
	CHECK(wi->last_cpu == WQD_CPU_ANY && wi->runs == 0);
	CHECK(all_bytes(listbuf + sizeof(*wi), 0, 24));
	CHECK(all_bytes(listbuf + sizeof(*wi) + 24 + sizeof(*wi), 0, 24));
	CHECK(all_bytes(listbuf + 2 * es, SENTINEL, es));
}

TEST(work_list__filter_unknown_queue, 0)
{
	struct wqd_list l;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	list_init(&l, sizeof(struct wqd_work_info), 16);
	l.queue_id = 4242;
	list_call(r, WQD_IOC_WORK_LIST, &l);
	CHECK(l.count == 0 && l.cursor == 0);
	CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
}

/* Histograms: of what was asked, and every run in one bucket of each. */
void hist_ok(struct result *r, const struct wqd_hist *before,
	     const struct wqd_hist *h)
{
	__u64 late = 0, run = 0;
	int i;

	CHECK(h->queue_id == before->queue_id && h->item_id == before->item_id);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h->lateness[i];
		run += h->runtime[i];
	}
	CHECK(late == run);
}

static void hist_call(struct result *r, struct wqd_hist *h)
{
	static struct wqd_hist before;

	before = *h;
	if (call(r, g.fd, WQD_IOC_QUEUE_HIST, h))
		CHECK(!memcmp(&before, h, sizeof(*h)));
	else
		hist_ok(r, &before, h);
}

TEST(queue_hist__queue_and_item, EINVAL)
{
	struct wqd_hist h = { .queue_id = WQD_QUEUE_SYSTEM };

	REQUIRE((h.item_id = mk_hist_item(WQD_QUEUE_SYSTEM, 1)));
	hist_call(r, &h);
}

TEST(queue_hist__unknown_item, ENOENT)
{
	struct wqd_hist h = { .item_id = 424242 };

	hist_call(r, &h);
}

TEST(queue_hist__item_id_high_bits, ENOENT)
{
	struct wqd_hist h = { 0 };

	REQUIRE((h.item_id = mk_hist_item(WQD_QUEUE_SYSTEM, 1)));
	h.item_id |= 1ULL << 32;
	hist_call(r, &h);
}

TEST(queue_hist__item_without_hist_flag, EINVAL)
{
	struct wqd_hist h = { 0 };

	REQUIRE((h.item_id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	hist_call(r, &h);
}

TEST(queue_hist__item_freed, ENOENT)
{
	struct wqd_hist h = { 0 };
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE((h.item_id = mk_hist_item(q.id, 1)));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	hist_call(r, &h);
}

/* An item's histograms add up to its runs, and come back clean. */
TEST(queue_hist__item_sums_match_runs, 0)
{
	struct wqd_hist h = { 0 };
	__u64 id, late = 0, run = 0;
	int i;

	REQUIRE((id = mk_hist_item(WQD_QUEUE_SYSTEM, 3)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	h.item_id = id;
	hist_call(r, &h);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h.lateness[i];
		run += h.runtime[i];
	}
	CHECK(late == 3 && run == 3 && h.item_id == id && h.queue_id == 0);
}

TEST(queue_hist__output_lateness_nonzero, EINVAL)
{
	struct wqd_hist h = { .queue_id = WQD_QUEUE_SYSTEM };

	h.lateness[7] = 1;
	hist_call(r, &h);
}

TEST(queue_hist__output_last_runtime_nonzero, EINVAL)
{
	struct wqd_hist h = { .queue_id = 0 };

	h.runtime[WQD_HIST_BUCKETS - 1] = 1ULL << 63;
	hist_call(r, &h);
}

TEST(queue_hist__unknown_queue, ENOENT)
{
	struct wqd_hist h = { .queue_id = 4242 };

	hist_call(r, &h);
}

TEST(queue_hist__id_high_bits, ENOENT)
{
	struct wqd_hist h = { .queue_id = (1ULL << 32) | WQD_QUEUE_SYSTEM };

	hist_call(r, &h);
}

TEST(queue_hist__destroyed_queue, ENOENT)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_hist h = { 0 };

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	h.queue_id = q.id;
	hist_call(r, &h);
}

TEST(queue_hist__sums_match_executed, 0)
{
	struct wqd_hist h = { 0 };
	struct wqd_work_submit s;
	__u64 q, id, late = 0, run = 0;
	int i;

	REQUIRE((q = mk_queue("hist")));
	submit_init(&s, q);
	s.count = 3;
	REQUIRE((id = submit_fd(g.fd, &s)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	h.queue_id = q;
	hist_call(r, &h);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h.lateness[i];
		run += h.runtime[i];
	}
	CHECK(late == 3 && run == 3 && h.queue_id == q && h.item_id == 0);
}
