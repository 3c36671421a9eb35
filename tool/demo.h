/* SPDX-License-Identifier: GPL-2.0 */
/* The arithmetic of "wqctl demo"'s summary, apart from any device I/O. */
#ifndef WQCTL_DEMO_H
#define WQCTL_DEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/wqd.h"

/**
 * struct tally - what the runs of one task seen in the stream say
 * @seen: runs seen
 * @first_run: run number of the first one seen
 * @first_ns: its start
 * @last_run: run number of the last one seen
 * @last_ns: its start
 */
struct tally {
	__u32 seen;
	__u32 first_run;
	__u64 first_ns;
	__u32 last_run;
	__u64 last_ns;
};

/**
 * struct wheel - where the timer wheel puts a timer, from its distance
 * @jiffies: the distance asked for
 * @level: the wheel level that holds it
 * @granularity: that level's bucket width, in jiffies
 * @fires: jiffies from arming to firing, when armed at a bucket boundary
 */
struct wheel {
	__u64 jiffies;
	unsigned int level;
	__u64 granularity;
	__u64 fires;
};

/**
 * struct demo_task - one of the seed's four tasks
 * @name: its label, "a" to "d"
 * @queue: its queue's name
 * @flags: WQD_WF_* it is submitted with
 * @id: its item id, 0 until submitted
 * @tally: its runs as the event stream showed them
 * @info: its counters, read once it is cancelled
 */
struct demo_task {
	const char *name;
	const char *queue;
	__u32 flags;
	__u64 id;
	struct tally tally;
	struct wqd_work_info info;
};

/**
 * struct demo_summary - what "demo" says at the end
 * @tasks: the four tasks
 * @n: 4
 * @hz: the kernel's HZ
 * @wheel: where a timer one period away lands
 * @wheel_ns: @wheel.fires in ns: the period the log should show
 */
struct demo_summary {
	const struct demo_task *tasks;
	size_t n;
	__u32 hz;
	struct wheel wheel;
	__u64 wheel_ns;
};

void tally_add(struct tally *t, const struct wqd_event *ev);
bool tally_period(const struct tally *t, __u64 *mean_ns);
void wheel_place(struct wheel *w, __u64 jiffies);
void demo_summarize(struct demo_summary *s, const struct demo_task *tasks,
		    size_t n, __u32 hz, __u64 period_ns);

#endif /* WQCTL_DEMO_H */
