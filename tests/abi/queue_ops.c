// SPDX-License-Identifier: GPL-2.0
/*
 * Queue destroy, flush and drain, and queue info.
 */
#include "abi.h"

/* In only, refused or not: the kernel writes nothing back. */
static void qref_call(struct result *r, unsigned long cmd, struct wqd_queue_ref *q)
{
	struct wqd_queue_ref before = *q;

	call(r, g.fd, cmd, q);
	CHECK(!memcmp(&before, q, sizeof(*q)));
}

/* A user queue with one pending item, so a wrong call would show. */
__u64 busy_queue(struct result *r, __u64 *item)
{
	__u64 q = mk_queue("victim");

	if (!q) {
		fail(r, "set-up: queue create: %s", ename(errno));
		return 0;
	}
	*item = mk_delayed(q, 60 * SEC);
	if (!*item) {
		fail(r, "set-up: submit: %s", ename(errno));
		return 0;
	}
	return q;
}

#define QREF_CASES(op, CMD)						\
TEST(queue_##op##__flags_nonzero, EINVAL)				\
{									\
	struct wqd_queue_ref q = { .flags = 1 };			\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__pad_nonzero, EINVAL)					\
{									\
	struct wqd_queue_ref q = { .pad = 0x80000000U };		\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__unknown_id, ENOENT)					\
{									\
	struct wqd_queue_ref q = { .id = 4242 };			\
									\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__id_0, ENOENT)					\
{									\
	struct wqd_queue_ref q = { .id = 0 };				\
									\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__id_high_bits, ENOENT)				\
{									\
	struct wqd_queue_ref q = { 0 };					\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	q.id |= 1ULL << 32;						\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__destroyed_id, ENOENT)				\
{									\
	struct wqd_queue_ref q = { 0 };					\
									\
	REQUIRE((q.id = mk_queue("gone")));				\
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));		\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__builtin, EPERM)					\
{									\
	struct wqd_queue_ref q = { .id = WQD_QUEUE_SYSTEM };		\
	__u64 it;							\
									\
	REQUIRE((it = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));	\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__builtin_unbound, EPERM)				\
{									\
	struct wqd_queue_ref q = { .id = WQD_QUEUE_SYSTEM_UNBOUND };	\
									\
	qref_call(r, CMD, &q);						\
}

QREF_CASES(destroy, WQD_IOC_QUEUE_DESTROY)
QREF_CASES(flush, WQD_IOC_QUEUE_FLUSH)
QREF_CASES(drain, WQD_IOC_QUEUE_DRAIN)

TEST(queue_destroy__valid_frees_items, 0)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_work_info wi;
	__u64 it;

	REQUIRE((q.id = busy_queue(r, &it)));
	qref_call(r, WQD_IOC_QUEUE_DESTROY, &q);
	CHECK(!work_info(it, &wi) && errno == ENOENT);
}

TEST(queue_drain__valid_stops_items, 0)
{
	struct wqd_queue_ref q = { 0 };
	__u64 it;

	REQUIRE((q.id = busy_queue(r, &it)));
	qref_call(r, WQD_IOC_QUEUE_DRAIN, &q);
	CHECK(wait_state(it, WQD_STATE_CANCELLED, 0));
}

bool drain_start(struct result *r, struct draining *d)
{
	struct wqd_work_submit s;

	memset(d, 0, sizeof(*d));
	d->child = -1;
	d->queue = mk_queue("draining");
	if (!d->queue)
		goto err;
	submit_init(&s, d->queue);
	s.sleep_ns = 2 * SEC;
	d->sleeper = submit_fd(g.fd, &s);
	if (!d->sleeper || !wait_state(d->sleeper, WQD_STATE_RUNNING, 10000))
		goto err;
	d->delayed = mk_delayed(d->queue, 60 * SEC);
	if (!d->delayed)
		goto err;
	d->child = fork();
	if (d->child < 0)
		goto err;
	if (!d->child) {
		struct wqd_queue_ref q = { .id = d->queue };

		_exit(xioctl(g.fd, WQD_IOC_QUEUE_DRAIN, &q));
	}
	if (!wait_state(d->delayed, WQD_STATE_CANCELLED, 10000)) {
		fail(r, "set-up: the drain never began");
		return false;
	}
	return true;
err:
	fail(r, "set-up: %s", ename(errno));
	return false;
}

void drain_end(struct result *r, struct draining *d)
{
	int status;

	if (d->child <= 0)
		return;
	if (waitpid(d->child, &status, 0) != d->child || !WIFEXITED(status)) {
		fail(r, "the draining child failed");
		return;
	}
	if (WEXITSTATUS(status))
		fail(r, "the drain itself failed: %s", ename(WEXITSTATUS(status)));
}

TEST(queue_drain__while_draining_submit, EBUSY)
{
	struct draining d;
	struct wqd_work_submit s;

	if (drain_start(r, &d)) {
		/*
		 * Not checked: that ids[] is untouched. The kernel writes the
		 * ids before it commits the items, and finds the queue
		 * draining only then; a refused submit's ids mean nothing.
		 */
		submit_init(&s, d.queue);
		call(r, g.fd, WQD_IOC_WORK_SUBMIT, &s);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_destroy, EBUSY)
{
	struct draining d;
	struct wqd_queue_ref q = { 0 };

	if (drain_start(r, &d)) {
		q.id = d.queue;
		call(r, g.fd, WQD_IOC_QUEUE_DESTROY, &q);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_drain, EBUSY)
{
	struct draining d;
	struct wqd_queue_ref q = { 0 };

	if (drain_start(r, &d)) {
		q.id = d.queue;
		call(r, g.fd, WQD_IOC_QUEUE_DRAIN, &q);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_mod, EBUSY)
{
	struct draining d;
	struct wqd_work_ref w = { 0 };

	if (drain_start(r, &d)) {
		w.id = d.delayed;
		w.delay_ns = MS;
		call(r, g.fd, WQD_IOC_WORK_MOD, &w);
		CHECK(w.result == 0);
	}
	drain_end(r, &d);
}

/*
 * A flush of a delayed item fires its timer, which would queue work on a
 * draining queue (the kernel warns): refused while the drain lasts.
 */
TEST(queue_drain__while_draining_work_flush, EBUSY)
{
	struct draining d;
	struct wqd_work_ref w = { 0 };

	if (drain_start(r, &d)) {
		w.id = d.delayed;
		call(r, g.fd, WQD_IOC_WORK_FLUSH, &w);
		CHECK(w.result == 0);
	}
	drain_end(r, &d);
}

/* A queue's info: every field written, for the queue asked for. */
void qi_ok(struct result *r, const struct wqd_queue_info *before,
	   const struct wqd_queue_info *qi)
{
	CHECK(qi->id == before->id);
	CHECK(no_sentinel_word(qi, sizeof(*qi)));
	CHECK(qi->name[0] && name_clean(qi->name));
	CHECK((qi->kind == WQD_KIND_BUILTIN) == (qi->id < WQD_QUEUE_ID_USER));
	CHECK(!(qi->flags & ~WQD_QF_ALL));
}

static void qi_call(struct result *r, struct wqd_queue_info *qi)
{
	struct wqd_queue_info before = *qi;

	if (call(r, g.fd, WQD_IOC_QUEUE_INFO, qi))
		CHECK(!memcmp(&before, qi, sizeof(*qi)));
	else
		qi_ok(r, &before, qi);
}

TEST(queue_info__builtin_no_leak, 0)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM_HIGHPRI;
	qi_call(r, &qi);
	CHECK(!strcmp(qi.name, "system_highpri") && name_clean(qi.name));
	CHECK(qi.kind == WQD_KIND_BUILTIN && qi.flags == WQD_QF_HIGHPRI);
	CHECK(qi.max_active == 0 && qi.items == 0);
	CHECK(qi.queued == 0 && qi.executed == 0 && qi.cancelled == 0);
}

/* Only the id is input: the rest must be zero, for flags to come. */
TEST(queue_info__input_not_zero, EINVAL)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM;
	qi.max_running = 1;
	qi_call(r, &qi);
}

TEST(queue_info__unknown_id, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = 4242;
	qi_call(r, &qi);
}

TEST(queue_info__id_0, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = 0;
	qi_call(r, &qi);
}

TEST(queue_info__id_high_bits, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = (1ULL << 32) | WQD_QUEUE_SYSTEM;
	qi_call(r, &qi);
}

TEST(queue_info__destroyed_id, ENOENT)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_queue_info qi;

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	memset(&qi, 0, sizeof(qi));
	qi.id = q.id;
	qi_call(r, &qi);
}

TEST(queue_info__struct_in_read_only_memory, EFAULT)
{
	struct wqd_queue_info qi = { .id = WQD_QUEUE_SYSTEM };

	call(r, g.fd, WQD_IOC_QUEUE_INFO, read_only_copy(&qi, sizeof(qi)));
}

TEST(queue_info__system_bh_on_this_kernel, 0)
{
	struct wqd_queue_info qi;

	r->expect = g.bh ? 0 : ENOENT;
	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM_BH;
	qi_call(r, &qi);
	if (!r->got) {
		CHECK(!strcmp(qi.name, "system_bh"));
		CHECK(qi.kind == WQD_KIND_BUILTIN && qi.flags == WQD_QF_BH);
	}
}
