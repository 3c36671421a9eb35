// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-bench's common ground: the run's state, its two ways of failing (an
 * error that is counted and the run goes on, or one that ends it), and the
 * ioctls every part makes outside its timed loops, each checked once here
 * rather than at every call.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "bench.h"

struct bench g = { .fd = -1 };

static void report(const char *fmt, va_list ap)
{
	fprintf(stderr, "wqd-bench: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	g.errors++;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	exit(1);
}

void sleep_ns(__u64 ns)
{
	struct timespec ts = { .tv_sec = ns / SEC, .tv_nsec = ns % SEC };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void get_info(struct wqd_info *info)
{
	must("info", ioctl(g.fd, WQD_IOC_INFO, info));
}

__u64 queue_create(const char *name)
{
	struct wqd_queue_create c = { .kind = WQD_KIND_ALLOC };

	snprintf(c.name, sizeof(c.name), "%s", name);
	must("queue create", ioctl(g.fd, WQD_IOC_QUEUE_CREATE, &c));
	return c.id;
}

void queue_destroy(__u64 id)
{
	struct wqd_queue_ref r = { .id = id };

	must("queue destroy", ioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &r));
}

void queue_info(__u64 id, struct wqd_queue_info *qi)
{
	memset(qi, 0, sizeof(*qi));
	qi->id = id;
	must("queue info", ioctl(g.fd, WQD_IOC_QUEUE_INFO, qi));
}

static void work_info(__u64 id, struct wqd_work_info *wi)
{
	memset(wi, 0, sizeof(*wi));
	wi->id = id;
	must("work info", ioctl(g.fd, WQD_IOC_WORK_INFO, wi));
}

/* Wait for an item to finish; error if it does not, or lost runs. */
bool wait_done(__u64 id, __u32 runs, struct wqd_work_info *wi, __u64 limit_ns)
{
	__u64 end = now_ns() + limit_ns;

	for (;;) {
		work_info(id, wi);
		if (wi->state == WQD_STATE_DONE)
			break;
		if (now_ns() > end) {
			error("item %llu: not done after %.0f s (%u of %u runs)",
			      (unsigned long long)id, limit_ns / 1e9, wi->runs, runs);
			return false;
		}
		sleep_ns(20 * MS);
	}
	if (wi->runs != runs) {
		error("item %llu: %u runs, %u asked", (unsigned long long)id, wi->runs, runs);
		return false;
	}
	return true;
}

double median(double *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
