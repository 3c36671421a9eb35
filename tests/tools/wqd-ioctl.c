// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-ioctl: issue one raw ioctl on /dev/wqdemo, for tests of what wqctl
 * never sends (unknown commands, wrong sizes, read-only fds).
 *
 *   wqd-ioctl [-r] [-D DEVICE] CMD
 *
 * CMD is a number (0x... for hex). The argument is a pointer to a zeroed
 * buffer of _IOC_SIZE(CMD) bytes, or 0 when that size is 0. -r opens the
 * device read-only. Prints "OK" or the errno's name (e.g. "ENOTTY") and
 * exits 0 or 1 accordingly; 2 for a usage error or when open fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ioctl.h>
#include <sys/ioctl.h>

static void usage(void)
{
	fprintf(stderr, "usage: wqd-ioctl [-r] [-D DEVICE] CMD\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/wqdemo";
	int flags = O_RDWR;
	unsigned long cmd;
	void *buf = NULL;
	char *end;
	int fd, opt;

	while ((opt = getopt(argc, argv, "rD:")) != -1) {
		switch (opt) {
		case 'r':
			flags = O_RDONLY;
			break;
		case 'D':
			dev = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
	errno = 0;
	cmd = strtoul(argv[optind], &end, 0);
	if (errno || *end || end == argv[optind] || cmd > 0xffffffffUL)
		usage();

	if (_IOC_SIZE(cmd)) {
		buf = calloc(1, _IOC_SIZE(cmd));
		if (!buf) {
			perror("wqd-ioctl");
			return 2;
		}
	}
	fd = open(dev, flags);
	if (fd < 0) {
		fprintf(stderr, "wqd-ioctl: %s: %s\n", dev, strerror(errno));
		return 2;
	}
	if (ioctl(fd, cmd, buf) < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	printf("OK\n");
	return 0;
}
