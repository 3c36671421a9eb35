// SPDX-License-Identifier: GPL-2.0
/*
 * Calibrate: the benchmark's bare submits and chains.
 */
#include "abi.h"

static void cal_init(struct wqd_calibrate *c, __u64 queue_id, __u32 runs)
{
	memset(c, 0, sizeof(*c));
	c->queue_id = queue_id;
	c->runs = runs;
}

/* A calibration done: every run made, the in fields as they were. */
void cal_ok(struct result *r, const struct wqd_calibrate *before,
	    const struct wqd_calibrate *c)
{
	CHECK(c->queue_id == before->queue_id && c->runs == before->runs);
	CHECK(c->flags == before->flags && c->pad == 0);
	CHECK(c->done == c->runs);
}

/* A refusal leaves the struct as it was: nothing written back. */
static void cal_call(struct result *r, struct wqd_calibrate *c)
{
	struct wqd_calibrate before = *c;

	if (call(r, g.fd, WQD_IOC_CALIBRATE, c))
		CHECK(!memcmp(&before, c, sizeof(*c)));
	else
		cal_ok(r, &before, c);
}

/* A call with WQD_CALF_* @flags on a queue just destroyed. */
static void cal_destroyed_queue(struct result *r, __u32 flags)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_calibrate c;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	cal_init(&c, q.id, 10);
	c.flags = flags;
	cal_call(r, &c);
}

/* The same on a queue in the middle of a drain. */
static void cal_while_draining(struct result *r, __u32 flags)
{
	struct draining d;
	struct wqd_calibrate c;

	if (drain_start(r, &d)) {
		cal_init(&c, d.queue, 10);
		c.flags = flags;
		cal_call(r, &c);
	}
	drain_end(r, &d);
}

/*
 * Exactly @runs runs, all of them the bare handler's: the queue's own
 * counters (wqdemo's bookkeeping) do not move.
 */
TEST(calibrate__valid_runs_exactly, 0)
{
	struct wqd_queue_info before = { .id = WQD_QUEUE_SYSTEM }, after = before;
	struct wqd_calibrate c;

	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before));
	cal_init(&c, WQD_QUEUE_SYSTEM, 1000);
	cal_call(r, &c);
	CHECK(c.done == 1000);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.queue_id == WQD_QUEUE_SYSTEM && c.runs == 1000 && !c.flags && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after));
	CHECK(after.executed == before.executed && after.queued == before.queued);
}

/* The clock read on every run is the only difference: still no counter. */
TEST(calibrate__valid_clock_every_run, 0)
{
	struct wqd_queue_info before = { .id = WQD_QUEUE_SYSTEM }, after = before;
	struct wqd_calibrate c;

	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before));
	cal_init(&c, WQD_QUEUE_SYSTEM, 1000);
	c.flags = WQD_CALF_CLOCK;
	cal_call(r, &c);
	CHECK(c.done == 1000);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.flags == WQD_CALF_CLOCK && c.runs == 1000 && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after));
	CHECK(after.executed == before.executed && after.queued == before.queued);
}

/*
 * Bare submits: exactly @runs, timed, and nothing of them left behind.
 * wqdemo counts none of them (no item, no submit, no queueing), and the
 * queue they were armed on is destroyed at once: a bare item still
 * pending would hold its timer past the queue (ODEBUG on the debug
 * kernel).
 */
TEST(calibrate__valid_bare_submits, 0)
{
	struct wqd_queue_info before = { 0 }, after;
	struct wqd_info i0, i1;
	struct wqd_queue_ref q = { 0 };
	struct wqd_calibrate c;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	before.id = q.id;
	after = before;
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before) && get_info(&i0));
	cal_init(&c, q.id, WQD_CALIBRATE_MAX_SUBMITS);
	c.flags = WQD_CALF_SUBMIT;
	cal_call(r, &c);
	CHECK(c.done == WQD_CALIBRATE_MAX_SUBMITS);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.flags == WQD_CALF_SUBMIT && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after) && get_info(&i1));
	CHECK(after.queued == before.queued && after.items == before.items);
	CHECK(i1.nr_items == i0.nr_items && i1.submitted == i0.submitted);
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
}

TEST(calibrate__bare_submits_over_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, WQD_CALIBRATE_MAX_SUBMITS + 1);
	c.flags = WQD_CALF_SUBMIT;
	cal_call(r, &c);
}

/* A bare submit has no run to read the clock in. */
TEST(calibrate__bare_submits_with_clock, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = WQD_CALF_SUBMIT | WQD_CALF_CLOCK;
	cal_call(r, &c);
}

TEST(calibrate__bare_submits_destroyed_queue, ENOENT)
{
	cal_destroyed_queue(r, WQD_CALF_SUBMIT);
}

/* A draining queue takes nothing new, bare or not. */
TEST(calibrate__bare_submits_while_draining, EBUSY)
{
	cal_while_draining(r, WQD_CALF_SUBMIT);
}

TEST(calibrate__valid_one_run, 0)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 1);
	cal_call(r, &c);
	CHECK(c.done == 1);
}

TEST(calibrate__valid_user_queue, 0)
{
	struct wqd_calibrate c;
	__u64 q = mk_queue("cal");

	REQUIRE(q);
	cal_init(&c, q, 100);
	cal_call(r, &c);
	CHECK(c.done == 100);
}

TEST(calibrate__runs_0, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 0);
	cal_call(r, &c);
}

TEST(calibrate__runs_over_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, WQD_CALIBRATE_MAX_RUNS + 1);
	cal_call(r, &c);
}

TEST(calibrate__runs_u32_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, UINT32_MAX);
	cal_call(r, &c);
}

TEST(calibrate__flags_unknown, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = WQD_CALF_ALL + 1;
	cal_call(r, &c);
}

TEST(calibrate__flag_bit31, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = 1U << 31;
	cal_call(r, &c);
}

TEST(calibrate__pad_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.pad = 1;
	cal_call(r, &c);
}

TEST(calibrate__output_elapsed_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.elapsed_ns = 1;
	cal_call(r, &c);
}

TEST(calibrate__output_done_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.done = 10;
	cal_call(r, &c);
}

TEST(calibrate__unknown_queue, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, 9999, 10);
	cal_call(r, &c);
}

TEST(calibrate__queue_0, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, 0, 10);
	cal_call(r, &c);
}

TEST(calibrate__queue_id_high_bits, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, (1ULL << 32) | WQD_QUEUE_SYSTEM, 10);
	cal_call(r, &c);
}

TEST(calibrate__destroyed_queue, ENOENT)
{
	cal_destroyed_queue(r, 0);
}

TEST(calibrate__while_draining, EBUSY)
{
	cal_while_draining(r, 0);
}

TEST(calibrate__struct_in_read_only_memory, EFAULT)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	call(r, g.fd, WQD_IOC_CALIBRATE, read_only_copy(&c, sizeof(c)));
}

/*
 * SIGKILL in the middle of the longest chain there is: the call stops the
 * chain and waits for it before the process dies, so the child is reaped
 * long before the chain's natural end (some seconds even natively), and
 * the queue it ran on can be destroyed at once (KASAN on the debug kernel
 * would see a handler touching the dead stack).
 */
TEST(calibrate__killed_mid_chain, 0)
{
	struct wqd_queue_ref q = { 0 };
	struct timespec t0, t1;
	int status = 0;
	double secs;
	pid_t pid;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	pid = fork();
	REQUIRE(pid >= 0);
	if (!pid) {
		struct wqd_calibrate c;

		cal_init(&c, q.id, WQD_CALIBRATE_MAX_RUNS);
		ioctl(g.fd, WQD_IOC_CALIBRATE, &c);
		_exit(3);
	}
	sleep_ms(300);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	kill(pid, SIGKILL);
	call_sys(r, waitpid(pid, &status, 0) == pid ? 0 : -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(secs < 2.0);
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
}
