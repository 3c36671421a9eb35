// SPDX-License-Identifier: GPL-2.0
/*
 * Work cancel, flush and mod, and work info.
 */
#include "abi.h"

static void wref_init(struct wqd_work_ref *w, __u64 id)
{
	memset(w, 0, sizeof(*w));
	w->id = id;
}

/* Done: the in fields as they were, and a result of known bits only. */
void wref_ok(struct result *r, const struct wqd_work_ref *before,
	     const struct wqd_work_ref *w)
{
	CHECK(w->id == before->id && w->flags == before->flags);
	CHECK(w->delay_ns == before->delay_ns);
	CHECK(!(w->result & ~WQD_RESULT_PENDING));
}

static void wref_call(struct result *r, unsigned long cmd, struct wqd_work_ref *w)
{
	struct wqd_work_ref before = *w;

	if (call(r, g.fd, cmd, w))
		CHECK(!memcmp(&before, w, sizeof(*w)));
	else
		wref_ok(r, &before, w);
}

/* A refusal leaves the item as it was: still pending. */
#define WREF_CASES(op, CMD)						\
TEST(work_##op##__result_nonzero, EINVAL)				\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id);						\
	w.result = WQD_RESULT_PENDING;					\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__unknown_flag, EINVAL)					\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id);						\
	w.flags = 0x2;							\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__unknown_id, ENOENT)					\
{									\
	struct wqd_work_ref w;						\
									\
	wref_init(&w, 424242);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__id_0, ENOENT)						\
{									\
	struct wqd_work_ref w;						\
									\
	wref_init(&w, 0);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__id_high_bits, ENOENT)					\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id | 1ULL << 32);					\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__freed_by_queue_destroy, ENOENT)			\
{									\
	struct wqd_queue_ref q = { 0 };					\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((q.id = busy_queue(r, &id)));				\
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));		\
	wref_init(&w, id);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__freed_with_owner_fd, ENOENT)				\
{									\
	struct wqd_work_submit s;					\
	struct wqd_work_ref w;						\
	__u64 id;							\
	int fd;								\
									\
	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);		\
	ws_init(&s);							\
	s.flags |= WQD_WF_OWNED;					\
	id = submit_fd(fd, &s);						\
	close(fd);							\
	REQUIRE(id);							\
	wref_init(&w, id);						\
	wref_call(r, CMD, &w);						\
}

WREF_CASES(cancel, WQD_IOC_WORK_CANCEL)
WREF_CASES(flush, WQD_IOC_WORK_FLUSH)
WREF_CASES(mod, WQD_IOC_WORK_MOD)

TEST(work_cancel__delay_nonzero, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_flush__delay_nonzero, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

/* WQD_CANCEL_ASYNC is cancel's flag, and nobody else's. */
TEST(work_flush__cancel_async_flag, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_mod__cancel_async_flag, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_mod__delay_over_max, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = g.info.max_period_ns + 1;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
}

TEST(work_mod__plain_item, EINVAL)
{
	struct wqd_work_submit s;
	struct wqd_work_ref w;
	__u64 id;

	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.period_ns = 60 * SEC;
	s.count = 2;
	REQUIRE((id = submit_fd(g.fd, &s)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
}

TEST(work_mod__cancelled_item, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_CANCEL, &w));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_CANCELLED, 0));
}

TEST(work_mod__done_item, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 0)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_DONE, 0));
}

TEST(work_mod__valid_result_pending, 0)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = 30 * SEC;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(w.result == WQD_RESULT_PENDING && w.flags == 0);
}

TEST(work_cancel__valid_result_pending, 0)
{
	struct wqd_work_ref w;
	struct wqd_info i;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(w.result == WQD_RESULT_PENDING);
	CHECK(wait_state(id, WQD_STATE_CANCELLED, 0));
	CHECK(get_info(&i) && i.cancelled == 1);
}

/* The second cancel finds nothing pending, and does not count again. */
TEST(work_cancel__twice, 0)
{
	struct wqd_work_ref w;
	struct wqd_info i;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_CANCEL, &w));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(w.result == 0);
	CHECK(get_info(&i) && i.cancelled == 1);
}

/*
 * The timer's work is queued and run at once. result is flush_work()'s
 * answer, whether it had to wait: a worker may have run the work before
 * flush_work() looked (it may sleep, and so schedule), so either is right.
 */
TEST(work_flush__valid_runs_it_now, 0)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(!(w.result & ~WQD_RESULT_PENDING) && w.flags == 0);
	CHECK(wait_state(id, WQD_STATE_DONE, 0));
}

/* An item's info: every field written, for the item asked for. */
void wi_ok(struct result *r, const struct wqd_work_info *before,
	   const struct wqd_work_info *wi)
{
	CHECK(wi->id == before->id && wi->queue_id);
	CHECK(no_sentinel_word(wi, sizeof(*wi)));
	CHECK(name_clean(wi->name) && wi->pad == 0);
	CHECK(wi->state <= WQD_STATE_OFFLINE && !(wi->flags & ~WQD_WF_ALL));
	CHECK(!wi->count || wi->runs <= wi->count);
}

static void wi_call(struct result *r, struct wqd_work_info *wi)
{
	static struct wqd_work_info before;

	before = *wi;
	if (call(r, g.fd, WQD_IOC_WORK_INFO, wi))
		CHECK(!memcmp(&before, wi, sizeof(*wi)));
	else
		wi_ok(r, &before, wi);
}

/* Only the id is input: the rest must be zero, for flags to come. */
TEST(work_info__input_not_zero, EINVAL)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi.pad = 1;
	wi_call(r, &wi);
}

/* Every output field written, pads and name tails zero. */
TEST(work_info__all_written_no_leak, 0)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
	CHECK(wi.id == id && wi.queue_id == WQD_QUEUE_SYSTEM_LONG);
	CHECK(wi.name[0] == 0 && name_clean(wi.name));
	CHECK(wi.flags == WQD_WF_DELAYED && wi.state == WQD_STATE_PENDING);
	CHECK(wi.cpu == WQD_CPU_ANY && wi.count == 1);
	CHECK(wi.last_cpu == WQD_CPU_ANY && wi.runs == 0 && wi.last_pid == 0);
	CHECK(wi.pad == 0 && wi.delay_ns == 60 * SEC && wi.period_ns == 0);
	CHECK(wi.busy_ns == 0 && wi.sleep_ns == 0 && wi.submit_ns);
	CHECK(wi.last_run_ns == 0);
	CHECK(all_bytes(&wi.lateness, 0, sizeof(wi.lateness)));
	CHECK(all_bytes(&wi.runtime, 0, sizeof(wi.runtime)));
}

TEST(work_info__unknown_id, ENOENT)
{
	struct wqd_work_info wi;

	memset(&wi, 0, sizeof(wi));
	wi.id = 424242;
	wi_call(r, &wi);
}

TEST(work_info__id_0, ENOENT)
{
	struct wqd_work_info wi;

	memset(&wi, 0, sizeof(wi));
	wi.id = 0;
	wi_call(r, &wi);
}

TEST(work_info__id_high_bits, ENOENT)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id | 1ULL << 32;
	wi_call(r, &wi);
}

TEST(work_info__freed_by_reset, ENOENT)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	REQUIRE(!xioctl(g.fd, WQD_IOC_RESET, NULL));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
}

TEST(work_info__freed_with_owner_fd, ENOENT)
{
	struct wqd_work_submit s;
	struct wqd_work_info wi;
	__u64 id;
	int fd;

	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);
	ws_init(&s);
	s.flags |= WQD_WF_OWNED;
	id = submit_fd(fd, &s);
	close(fd);
	REQUIRE(id);
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
}
