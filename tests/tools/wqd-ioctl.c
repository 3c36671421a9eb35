// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-ioctl: issue raw ioctls on /dev/wqdemo, for tests of what wqctl
 * never sends (unknown commands, wrong sizes, read-only fds).
 *
 *   wqd-ioctl [-r] [-D DEVICE] CMD...
 *
 * Each CMD is a number (0x... for hex), issued in turn on one open file.
 * The argument is a pointer to a zeroed buffer of _IOC_SIZE(CMD) bytes, or
 * 0 when that size is 0. -r opens the device read-only. Prints a line per
 * CMD, "OK" or the errno's name (e.g. "ENOTTY"); exits 0 when all were OK,
 * else 1; 2 for a usage error or when open fails.
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
	fprintf(stderr, "usage: wqd-ioctl [-r] [-D DEVICE] CMD...\n");
	exit(2);
}

static unsigned long parse_cmd(const char *arg)
{
	unsigned long cmd;
	char *end;

	errno = 0;
	cmd = strtoul(arg, &end, 0);
	if (errno || *end || end == arg || cmd > 0xffffffffUL)
		usage();
	return cmd;
}

/* Issue CMD on FD with a zeroed argument; say how it went. */
static int issue(int fd, unsigned long cmd)
{
	void *buf = NULL;
	int ret = 0;

	if (_IOC_SIZE(cmd)) {
		buf = calloc(1, _IOC_SIZE(cmd));
		if (!buf) {
			perror("wqd-ioctl");
			exit(2);
		}
	}
	if (ioctl(fd, cmd, buf) < 0) {
		printf("%s\n", strerrorname_np(errno));
		ret = 1;
	} else {
		printf("OK\n");
	}
	free(buf);
	return ret;
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/wqdemo";
	int flags = O_RDWR;
	int fd, opt, i, ret = 0;

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
	if (optind == argc)
		usage();
	for (i = optind; i < argc; i++)
		parse_cmd(argv[i]);

	fd = open(dev, flags);
	if (fd < 0) {
		fprintf(stderr, "wqd-ioctl: %s: %s\n", dev, strerror(errno));
		return 2;
	}
	for (i = optind; i < argc; i++)
		ret |= issue(fd, parse_cmd(argv[i]));
	return ret;
}
