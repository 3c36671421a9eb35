// SPDX-License-Identifier: GPL-2.0
/*
 * The numbers of "wqctl demo"'s summary: the mean period of a task from
 * the start times of its runs, and why that period is 1.024 s rather than
 * the 1 s asked for.
 */
#include "demo.h"

/*
 * The timer wheel (kernel/time/timer.c): levels of 64 buckets, each level's
 * buckets 8 times as wide as the one below (LVL_CLK_SHIFT 3, LVL_BITS 6).
 */
#define WHEEL_SHIFT	3
#define WHEEL_LEVEL_SIZE	64
#define WHEEL_LEVELS	9

/**
 * tally_add() - count one run of a task
 * @t: the task's tally, zero-initialised before the first
 * @ev: a WQD_EV_RUN record of it; they come in run order
 */
void tally_add(struct tally *t, const struct wqd_event *ev)
{
	if (!t->seen) {
		t->first_run = ev->run;
		t->first_ns = ev->start_ns;
	}
	t->last_run = ev->run;
	t->last_ns = ev->start_ns;
	t->seen++;
}

/**
 * tally_period() - the mean time from one run's start to the next's
 * @t: the task's tally
 * @mean_ns: out: the mean period
 *
 * Counted by run numbers, not by runs seen, so that runs a slow reader
 * lost do not lengthen the period.
 *
 * Return: false with fewer than two runs: no period yet.
 */
bool tally_period(const struct tally *t, __u64 *mean_ns)
{
	if (t->seen < 2 || t->last_run <= t->first_run)
		return false;
	*mean_ns = (t->last_ns - t->first_ns) / (t->last_run - t->first_run);
	return true;
}

/**
 * wheel_place() - where a timer @jiffies away lands, and when it fires
 * @w: out: the answer
 * @jiffies: the timer's distance from now
 *
 * calc_wheel_index(): level n holds the distances from 63 << 3(n-1) on,
 * in buckets 8^n jiffies wide, and a timer goes to the bucket after the
 * one its expiry falls in, so that it never fires early. A periodic timer
 * re-armed as it fires is armed on a bucket boundary, so it fires
 * (@jiffies / width + 1) * width jiffies later: at HZ=250, 1 s is 250
 * jiffies, at level 1 (8-jiffy buckets), and fires after 256: 1.024 s.
 */
void wheel_place(struct wheel *w, __u64 jiffies)
{
	unsigned int level = 0;

	/* LVL_START(level + 1): where the next level begins. */
	while (level + 1 < WHEEL_LEVELS &&
	       jiffies >= (WHEEL_LEVEL_SIZE - 1ULL) << (level * WHEEL_SHIFT))
		level++;
	w->jiffies = jiffies;
	w->level = level;
	w->granularity = 1ULL << (level * WHEEL_SHIFT);
	w->fires = (jiffies / w->granularity + 1) * w->granularity;
}

/**
 * demo_summarize() - the summary of a demo run
 * @s: out: the summary
 * @tasks: the tasks, cancelled and with their counters read
 * @n: their number
 * @hz: the kernel's HZ
 * @period_ns: the tasks' period
 *
 * A period becomes jiffies as the module converts it, rounded up to whole
 * ticks of TICK_NSEC ((10^9 + HZ/2) / HZ ns). @s->wheel_ns is 0 when
 * @hz is.
 */
void demo_summarize(struct demo_summary *s, const struct demo_task *tasks,
		    size_t n, __u32 hz, __u64 period_ns)
{
	__u64 tick_ns;

	s->tasks = tasks;
	s->n = n;
	s->hz = hz;
	s->wheel_ns = 0;
	/* A module that reports no HZ gets no explanation, not a crash. */
	if (!hz)
		return;
	tick_ns = (1000000000ULL + hz / 2) / hz;
	wheel_place(&s->wheel, (period_ns + tick_ns - 1) / tick_ns);
	s->wheel_ns = s->wheel.fires * 1000000000ULL / hz;
}
