// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-events: an event stream under the tests' control, for what wqctl
 * cannot show: a reader that does not read, poll(), many streams.
 *
 *   wqd-events [-D DEVICE] [-r RING] [-q QUEUE] [-i ITEM] drain
 *	subscribe, print "ready", wait for a line on stdin without reading
 *	the stream, then read what it holds without blocking and print
 *	"runs N dropped N first RUN last RUN" (the run numbers of the
 *	first and last run records, "-" without any)
 *   wqd-events [...] poll MS
 *	subscribe, print "ready", poll() the stream for up to MS ms and
 *	print "timeout", or "readable" and the first record: "item ID run N"
 *   wqd-events [-D DEVICE] churn N
 *	open and close N streams one after the other; print "ok"
 *
 * QUEUE and ITEM are ids. Exits 0, 1 with the errno's name when a call
 * fails, 2 for a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/wqd.h"

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: wqd-events [-D DEVICE] [-r RING] [-q QUEUE] [-i ITEM] drain | poll MS | churn N\n");
	exit(2);
}

static int fail(const char *what, int err)
{
	printf("%s: %s\n", what, strerrorname_np(-err));
	return 1;
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (errno || *end || end == s)
		usage();
	return n;
}

static int drain(int efd)
{
	unsigned long long runs = 0, dropped = 0;
	long long first = -1, last = -1;
	struct wqd_event buf[64];
	char line[16];
	size_t n, i;
	int err;

	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return fail("stdin", -EIO);
	while (!(err = libwqd_events_read(efd, buf, 64, &n))) {
		for (i = 0; i < n; i++) {
			if (buf[i].type == WQD_EV_DROPPED) {
				dropped += buf[i].dropped;
				continue;
			}
			if (first < 0)
				first = buf[i].run;
			last = buf[i].run;
			runs++;
		}
	}
	if (err != -EAGAIN)
		return fail("read", err);
	printf("runs %llu dropped %llu first ", runs, dropped);
	if (first < 0)
		printf("- last -\n");
	else
		printf("%lld last %lld\n", first, last);
	return 0;
}

static int poll_once(int efd, int ms)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };
	struct wqd_event ev;
	size_t n;
	int ret;

	printf("ready\n");
	fflush(stdout);
	ret = poll(&pfd, 1, ms);
	if (ret < 0)
		return fail("poll", -errno);
	if (!ret) {
		printf("timeout\n");
		return 0;
	}
	ret = libwqd_events_read(efd, &ev, 1, &n);
	if (ret)
		return fail("read", ret);
	printf("readable\nitem %llu run %u\n", ev.item_id, ev.run);
	return 0;
}

static int churn(int fd, unsigned long n)
{
	unsigned long i;
	int efd, err;

	for (i = 0; i < n; i++) {
		err = libwqd_events_open(fd, 0, 0, 0, 0, &efd);
		if (err)
			return fail("open", err);
		close(efd);
	}
	printf("ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *dev = LIBWQD_DEFAULT_DEVICE;
	unsigned long ring = 0, queue = 0, item = 0;
	int fd, efd, opt, err;
	const char *cmd;

	while ((opt = getopt(argc, argv, "D:r:q:i:")) != -1) {
		switch (opt) {
		case 'D':
			dev = optarg;
			break;
		case 'r':
			ring = number(optarg);
			break;
		case 'q':
			queue = number(optarg);
			break;
		case 'i':
			item = number(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	cmd = argv[optind];
	if (strcmp(cmd, "drain") ? optind + 2 != argc : optind + 1 != argc)
		usage();

	fd = libwqd_open(dev, false);
	if (fd < 0)
		return fail(dev, fd);
	if (!strcmp(cmd, "churn"))
		return churn(fd, number(argv[optind + 1]));
	err = libwqd_events_open(fd, queue, item,
				 strcmp(cmd, "drain") ? 0 : WQD_EVO_NONBLOCK,
				 ring, &efd);
	if (err)
		return fail("open", err);
	if (!strcmp(cmd, "drain"))
		return drain(efd);
	if (!strcmp(cmd, "poll"))
		return poll_once(efd, number(argv[optind + 1]));
	usage();
}
