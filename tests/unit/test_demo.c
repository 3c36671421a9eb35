// SPDX-License-Identifier: GPL-2.0
/*
 * The arithmetic of "demo"'s summary and of "watch"'s rates: the mean
 * period from run start times, where the timer wheel puts a one-second
 * timer at each HZ, and runs per second between two snapshots.
 */
#include <string.h>

#include "check.h"
#include "demo.h"
#include "watch.h"

static void add_run(struct tally *t, __u32 run, __u64 start_ns)
{
	struct wqd_event ev = {
		.type = WQD_EV_RUN,
		.run = run,
		.start_ns = start_ns,
	};

	tally_add(t, &ev);
}

static void test_period(void)
{
	struct tally t = { 0 };
	__u64 mean = 12345;

	CHECK(!tally_period(&t, &mean) && mean == 12345);
	add_run(&t, 0, 1000);
	CHECK(!tally_period(&t, &mean) && mean == 12345);

	/* The seed's log: b ticks at 1.030700, 2.054738, 3.078776 s... */
	add_run(&t, 1, 1000 + 1024038000);
	add_run(&t, 2, 1000 + 2048076000);
	CHECK(t.seen == 3);
	CHECK(tally_period(&t, &mean) && mean == 1024038000);

	/* Runs lost in between do not stretch the period: runs 3-5 lost. */
	add_run(&t, 6, 1000 + 6 * 1024038000ULL);
	CHECK(t.seen == 4);
	CHECK(tally_period(&t, &mean) && mean == 1024038000);

	/* A stream that started late: its first run is not run 0. */
	memset(&t, 0, sizeof(t));
	add_run(&t, 10, 5000000000ULL);
	add_run(&t, 11, 6024000000ULL);
	CHECK(tally_period(&t, &mean) && mean == 1024000000);
}

static void test_wheel(void)
{
	struct wheel w;

	/* HZ=250: 1 s is 250 jiffies, level 1, 8-jiffy buckets: 256. */
	wheel_place(&w, 250);
	CHECK(w.level == 1 && w.granularity == 8 && w.fires == 256);
	/* msleep(1000)'s extra jiffy lands in the same bucket. */
	wheel_place(&w, 251);
	CHECK(w.fires == 256);
	/* HZ=1000: level 2, 64-jiffy buckets: 1024 jiffies, 1.024 s too. */
	wheel_place(&w, 1000);
	CHECK(w.level == 2 && w.granularity == 64 && w.fires == 1024);
	/* HZ=100: 104 jiffies, 1.04 s. */
	wheel_place(&w, 100);
	CHECK(w.level == 1 && w.fires == 104);
	/* A multiple of the granularity still goes one bucket further. */
	wheel_place(&w, 256);
	CHECK(w.fires == 264);
	/* Level boundaries: LVL_START(1) = 63, LVL_START(2) = 504. */
	wheel_place(&w, 62);
	CHECK(w.level == 0 && w.granularity == 1 && w.fires == 63);
	wheel_place(&w, 63);
	CHECK(w.level == 1);
	wheel_place(&w, 503);
	CHECK(w.level == 1);
	wheel_place(&w, 504);
	CHECK(w.level == 2);
}

static void test_summary(void)
{
	struct demo_task tasks[1] = { { .name = "a" } };
	struct demo_summary s;

	demo_summarize(&s, tasks, 1, 250, 1000000000);
	CHECK(s.tasks == tasks && s.n == 1 && s.hz == 250);
	CHECK(s.wheel.jiffies == 250 && s.wheel.fires == 256);
	CHECK(s.wheel_ns == 1024000000);

	demo_summarize(&s, tasks, 1, 1000, 1000000000);
	CHECK(s.wheel_ns == 1024000000);

	/* HZ=300: a tick is 3333333 ns, so 1 s is 301 jiffies (rounded up). */
	demo_summarize(&s, tasks, 1, 300, 1000000000);
	CHECK(s.wheel.jiffies == 301 && s.wheel.fires == 304);
	CHECK(s.wheel_ns == 1013333333);

	demo_summarize(&s, tasks, 1, 0, 1000000000);
	CHECK(s.wheel_ns == 0);
}

static bool near(double a, double b)
{
	return a - b < 1e-9 && b - a < 1e-9;
}

static void test_rates(void)
{
	struct wqd_queue_info prev_q[2] = {
		{ .id = 1, .executed = 10 }, { .id = 16, .executed = 100 },
	};
	struct wqd_queue_info cur_q[3] = {
		{ .id = 1, .executed = 30 }, { .id = 16, .executed = 5 },
		{ .id = 17, .executed = 4 },
	};
	struct wqd_work_info prev_w[2] = { { .id = 3, .runs = 1 },
					   { .id = 5, .runs = 7 } };
	struct wqd_work_info cur_w[2] = { { .id = 5, .runs = 8 },
					  { .id = 9, .runs = 2 } };
	double r[3];

	/* Two seconds apart. */
	watch_queue_rates(r, cur_q, 3, prev_q, 2, 2000000000);
	CHECK(near(r[0], 10));
	/* Went down: zeroed by a reset, counts from 0. */
	CHECK(near(r[1], 2.5));
	/* New since the last snapshot. */
	CHECK(near(r[2], 2));

	/* Item 3 is gone, 9 is new. */
	watch_item_rates(r, cur_w, 2, prev_w, 2, 500000000);
	CHECK(near(r[0], 2));
	CHECK(near(r[1], 4));

	watch_item_rates(r, cur_w, 2, NULL, 0, 0);
	CHECK(near(r[0], 0));
}

int main(void)
{
	test_period();
	test_wheel();
	test_summary();
	test_rates();
	return check_done();
}
