// SPDX-License-Identifier: GPL-2.0
/*
 * A run of periodic delayed items on a queue of their own, followed by one
 * reader: what the timer-fidelity figures and the event stream's ladder
 * both measure, one by the lateness of each run, the other by the rate.
 * A queue of their own, so that its count of runs made and its event
 * stream are theirs alone.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/ioctl.h>

#include "bench.h"

/*
 * The items one by one, item i's first run i/n of a period after the
 * first's: their timers fall due a few at a time, as independent users'
 * would, not all in one jiffy.
 */
static void submit_spread(struct wqd_work_submit *s, __u64 *ids)
{
	unsigned int n = s->instances, i;
	__u64 period = s->delay_ns;

	s->instances = 1;
	for (i = 0; i < n; i++) {
		s->delay_ns = period + period * i / n;
		s->ids_ptr = (uintptr_t)&ids[i];
		must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, s));
	}
}

/*
 * Returns the runs made; @rd has the reader's counts, @ns the time from
 * just before the submit to the last look at the queue.
 */
__u64 run_periodic(const struct periodic *p, struct reader *rd, __u64 *ns)
{
	__u64 want = (__u64)p->items * p->count, q, t0, end;
	__u64 *ids = calloc(p->items, sizeof(*ids));
	struct wqd_work_submit s = {
		.flags = WQD_WF_DELAYED, .cpu = WQD_CPU_ANY,
		.delay_ns = p->period_ns, .period_ns = p->period_ns,
		.count = p->count, .instances = p->items,
	};
	struct wqd_queue_info qi;

	if (!ids)
		die("out of memory");
	q = queue_create(p->queue);
	s.queue_id = q;
	s.ids_ptr = (uintptr_t)ids;
	reader_start(rd, q, want, p->ring, p->late);
	t0 = now_ns();
	if (p->spread)
		submit_spread(&s, ids);
	else
		must("submit", ioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	end = t0 + p->limit_ns;
	do {
		sleep_ns(p->poll_ns);
		queue_info(q, &qi);
	} while (qi.executed < want && now_ns() < end);
	*ns = now_ns() - t0;
	if (qi.executed != want)
		error("%s: %llu of %llu runs", p->what,
		      (unsigned long long)qi.executed, (unsigned long long)want);
	reader_finish(rd, want, p->who);
	queue_destroy(q);
	free(ids);
	return qi.executed;
}
