// SPDX-License-Identifier: GPL-2.0
/*
 * Event readers: a thread each, reading one event stream as fast as it
 * can, so that a run's records are counted (and lateness taken) while the
 * run goes on, and whatever a reader could not keep up with shows as
 * dropped rather than as a slower run.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "bench.h"

#define READ_BATCH	4096

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	struct wqd_event *buf = malloc(READ_BATCH * sizeof(*buf));

	if (!buf) {
		r->err = ENOMEM;
		return NULL;
	}
	while (r->got < r->want && !r->stop) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		ssize_t len, i;

		/* Non-blocking with a poll timeout, so that stop is seen. */
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		len = read(r->fd, buf, READ_BATCH * sizeof(*buf));
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			r->err = errno;
			break;
		}
		for (i = 0; i < len / (ssize_t)sizeof(*buf); i++) {
			if (buf[i].type == WQD_EV_DROPPED) {
				r->dropped += buf[i].dropped;
				continue;
			}
			if (r->late && r->got < r->want)
				r->late[r->got] = (int64_t)(buf[i].start_ns - buf[i].due_ns);
			r->got++;
		}
	}
	free(buf);
	return NULL;
}

/*
 * Follow @queue's runs, @want of them, with a ring of @ring records (0:
 * the module's default), batched as `wqctl events` reads; the lateness of
 * each into @late, unless NULL.
 */
void reader_start(struct reader *r, __u64 queue, __u64 want, __u32 ring,
		  int64_t *late)
{
	struct wqd_events_open o = {
		.queue_id = queue, .flags = WQD_EVO_NONBLOCK | WQD_EVO_BATCH,
		.ring_size = ring,
	};

	memset(r, 0, sizeof(*r));
	r->want = want;
	r->late = late;
	r->fd = (int)must("events open", ioctl(g.fd, WQD_IOC_EVENTS_OPEN, &o));
	if (pthread_create(&r->thread, NULL, reader_main, r))
		die("pthread_create failed");
}

/*
 * Wait until the reader has its records, or gives up after 30 s; then
 * every one of the @runs made must be a record or counted as dropped.
 */
void reader_finish(struct reader *r, __u64 runs, const char *who)
{
	__u64 end = now_ns() + 30 * SEC;

	while (r->got + r->dropped < r->want && !r->err && now_ns() < end)
		sleep_ns(10 * MS);
	r->stop = true;
	pthread_join(r->thread, NULL);
	close(r->fd);
	if (r->err)
		error("event reader: %s", strerror(r->err));
	if (r->got + r->dropped != runs)
		error("%s: %llu records + %llu dropped, %llu runs", who,
		      (unsigned long long)r->got, (unsigned long long)r->dropped,
		      (unsigned long long)runs);
}
