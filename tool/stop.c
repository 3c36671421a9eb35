// SPDX-License-Identifier: GPL-2.0
/*
 * The commands that run until interrupted (events, watch, demo, an owned
 * submit) end on SIGINT or SIGTERM the same way: the signals are blocked
 * from the start, so one that comes at a bad moment waits instead of
 * killing the process, and the command cleans up and exits 0. Those that
 * also wait for something else get the signals through a signalfd, which
 * poll() watches next to that something.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <time.h>

#include "dur.h"
#include "stop.h"

/* Block SIGINT and SIGTERM; @signals: out: the two, for sigwait(). */
void stop_block(sigset_t *signals)
{
	sigemptyset(signals);
	sigaddset(signals, SIGINT);
	sigaddset(signals, SIGTERM);
	sigprocmask(SIG_BLOCK, signals, NULL);
}

/**
 * stop_fd() - block SIGINT and SIGTERM, and have them readable on an fd
 *
 * Return: the fd for stop_wait(), or -errno.
 */
int stop_fd(void)
{
	sigset_t signals;
	int fd;

	stop_block(&signals);
	fd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/**
 * stop_wait() - wait for an fd, a deadline or a stop signal
 * @sfd: from stop_fd()
 * @fd: the fd to wait for, -1 for none
 * @deadline_ns: CLOCK_MONOTONIC time to give up at, 0 for never
 *
 * A pending signal wins over a readable @fd. The signal stays pending:
 * every later call sees it too, so nothing can swallow it.
 *
 * Return: enum stop_wake, or -errno.
 */
int stop_wait(int sfd, int fd, __u64 deadline_ns)
{
	struct pollfd pfd[2] = {
		{ .fd = sfd, .events = POLLIN },
		{ .fd = fd, .events = POLLIN },
	};
	struct timespec ts, *timeout = NULL;
	__u64 now, left;
	int n;

	for (;;) {
		if (deadline_ns) {
			now = dur_now_ns();
			if (now >= deadline_ns)
				return STOP_TIMEOUT;
			left = deadline_ns - now;
			ts.tv_sec = left / 1000000000;
			ts.tv_nsec = left % 1000000000;
			timeout = &ts;
		}
		n = ppoll(pfd, 2, timeout, NULL);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0 && pfd[0].revents)
			return STOP_SIGNAL;
		if (n > 0 && pfd[1].revents)
			return STOP_READY;
	}
}
