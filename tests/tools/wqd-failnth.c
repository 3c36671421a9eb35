// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-failnth: make the N-th fault point of one wqdemo ioctl fail, with
 * the kernel's per-task fault injection (/proc/thread-self/fail-nth,
 * Documentation/fault-injection/fault-injection.rst), and check that a
 * failed call left nothing behind. Needs a kernel with CONFIG_FAILSLAB and
 * failslab told to fail sleeping allocations too:
 * echo N >/sys/kernel/debug/failslab/ignore-gfp-wait.
 *
 *   wqd-failnth [-s] [-D DEVICE] N create NAME [KIND [FLAGS [MAX_ACTIVE]]]
 *   wqd-failnth [-s] [-D DEVICE] N submit QUEUE_ID [INSTANCES]
 *   wqd-failnth [-s] [-D DEVICE] N events [RING_SIZE]
 *   wqd-failnth [-s] [-D DEVICE] N bare QUEUE_ID [SUBMITS]
 *   wqd-failnth [-D DEVICE] readers
 *
 * N is the fault point: 1 fails the first allocation the call makes, 2
 * the second, ...; 0 injects nothing. With -s (sticky) the N-th and every
 * later allocation of the call fail, as under real memory pressure: that
 * reaches error paths a single failure does not (a failed allocation the
 * kernel retries, an error path that allocates). It sets the task's
 * make-it-fail too, and needs failslab set to fail every call of such a
 * task: probability 100, interval 1, times -1, task-filter Y (fail-nth
 * counts down first, then the task filter takes over: lib/fault-inject.c).
 * Everything that can allocate (the
 * device's open, buffers, page faults on them) happens before fail-nth is
 * armed, so the count covers the ioctl alone. The calls:
 *   create  WQD_IOC_QUEUE_CREATE (KIND, FLAGS as numbers, default 0); a
 *           queue it made is destroyed again
 *   submit  WQD_IOC_WORK_SUBMIT of INSTANCES (default 3) owned delayed
 *           items (60 s delay): they go when the helper's fd closes
 *   events  WQD_IOC_EVENTS_OPEN (RING_SIZE default 0: the module's); the
 *           stream it made is closed
 *   bare    WQD_IOC_CALIBRATE with WQD_CALF_SUBMIT, SUBMITS (default 3)
 *           bare submits: the module frees them before it returns
 *   readers opens event streams, each through a new open file of the
 *           device, until one fails and prints how many it could open and
 *           the errno that stopped it, e.g. "64 ENOSPC"
 *
 * Prints one line: RESULT FAULT STATE
 *   RESULT  OK, or the errno's name (ENOMEM)
 *   FAULT   hit (the N-th fault point was reached and failed) or miss
 *           (the call made fewer than N; with N = 0, always miss)
 *   STATE   clean, or what a failed call changed: a WQD_IOC_INFO total,
 *           the queue or item lists, or an fd left installed, e.g.
 *           "dirty:nr_items+3,items+3"; after a success, what it made
 *           must be exactly what it asked for, or the line says "dirty:"
 * Exit status: 0 when STATE is clean, 1 when dirty, 2 on usage or setup
 * errors (no device, no fail-nth, a clean-up that failed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/wqdemo.h>

#define LIST_CAP	256
#define MAX_INSTANCES	64

static union {
	struct wqd_queue_info q[LIST_CAP];
	struct wqd_work_info w[LIST_CAP];
} listbuf;

struct snap {
	struct wqd_info info;
	unsigned int queues;
	unsigned int items;
	int free_fd;		/* the fd a new file would get */
};

static void __attribute__((noreturn, format(printf, 2, 3)))
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("wqd-failnth: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(status);
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr,
		"usage: wqd-failnth [-s] [-D DEVICE] N create NAME [KIND [FLAGS [MAX_ACTIVE]]]\n"
		"       wqd-failnth [-s] [-D DEVICE] N submit QUEUE_ID [INSTANCES]\n"
		"       wqd-failnth [-s] [-D DEVICE] N events [RING_SIZE]\n"
		"       wqd-failnth [-s] [-D DEVICE] N bare QUEUE_ID [SUBMITS]\n"
		"       wqd-failnth [-D DEVICE] readers\n");
	exit(2);
}

static unsigned long long num(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s)
		usage();
	return v;
}

/* Every object of one list, paging with the cursor. */
static unsigned int count_list(int fd, unsigned long cmd, size_t entry_size)
{
	struct wqd_list l = { 0 };
	unsigned int n = 0;

	do {
		l.buf_ptr = (uintptr_t)&listbuf;
		l.entry_size = entry_size;
		l.capacity = LIST_CAP;
		l.count = 0;
		l.queue_id = 0;
		if (ioctl(fd, cmd, &l) < 0)
			die(2, "list: %s", strerror(errno));
		n += l.count;
	} while (l.cursor);
	return n;
}

static void snapshot(int fd, struct snap *s)
{
	memset(s, 0, sizeof(*s));
	if (ioctl(fd, WQD_IOC_INFO, &s->info) < 0)
		die(2, "info: %s", strerror(errno));
	s->queues = count_list(fd, WQD_IOC_QUEUE_LIST, sizeof(struct wqd_queue_info));
	s->items = count_list(fd, WQD_IOC_WORK_LIST, sizeof(struct wqd_work_info));
	s->free_fd = dup(fd);
	if (s->free_fd < 0)
		die(2, "dup: %s", strerror(errno));
	close(s->free_fd);
}

static char state[256];

static void note(const char *what, long long delta)
{
	size_t len = strlen(state);

	if (!delta)
		return;
	snprintf(state + len, sizeof(state) - len, "%s%s%+lld",
		 len ? "," : "dirty:", what, delta);
}

/*
 * What changed between @a and @b beyond what the call was meant to make:
 * @queues queues and @items items (all 0 after a failure).
 */
static void compare(const struct snap *a, const struct snap *b,
		    long long queues, long long items)
{
	note("nr_queues", (long long)b->info.nr_queues - a->info.nr_queues - queues);
	note("nr_items", (long long)b->info.nr_items - a->info.nr_items - items);
	note("submitted", (long long)(b->info.submitted - a->info.submitted) - items);
	note("queues", (long long)b->queues - a->queues - queues);
	note("items", (long long)b->items - a->items - items);
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/wqdemo";
	struct wqd_queue_create qc;
	struct wqd_work_submit ws;
	struct wqd_events_open eo;
	struct wqd_calibrate cal;
	struct snap before, after;
	unsigned long long nth;
	__u64 ids[MAX_INSTANCES];
	unsigned long cmd;
	char nbuf[16], rbuf[16];
	long long want_q = 0, want_i = 0;
	int fd, fnfd, mifd = -1, opt, ret, err, len;
	bool hit, sticky = false;
	const char *op;
	void *arg;

	while ((opt = getopt(argc, argv, "sD:")) != -1) {
		switch (opt) {
		case 's':
			sticky = true;
			break;
		case 'D':
			dev = optarg;
			break;
		default:
			usage();
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 1)
		usage();

	fd = open(dev, O_RDWR);
	if (fd < 0)
		die(2, "%s: %s", dev, strerror(errno));

	if (!strcmp(argv[0], "readers")) {
		struct wqd_events_open r = { .ring_size = 1 };
		unsigned int n = 0;
		int dfd = fd;

		if (argc != 1)
			usage();
		/*
		 * Each stream through a device file of its own: one file may
		 * open only a few, and the count is of the module's limit.
		 */
		while (dfd >= 0 && ioctl(dfd, WQD_IOC_EVENTS_OPEN, &r) >= 0) {
			n++;
			dfd = open(dev, O_RDWR);
		}
		printf("%u %s\n", n, strerrorname_np(errno));
		return 0;
	}

	if (argc < 2)
		usage();
	nth = num(argv[0]);
	if (nth > 1000000)
		usage();
	op = argv[1];
	argv += 2;
	argc -= 2;

	memset(&qc, 0, sizeof(qc));
	memset(&ws, 0, sizeof(ws));
	memset(&eo, 0, sizeof(eo));
	memset(&cal, 0, sizeof(cal));
	memset(ids, 0, sizeof(ids));
	if (!strcmp(op, "create")) {
		if (argc < 1 || argc > 4 || strlen(argv[0]) >= sizeof(qc.name))
			usage();
		strcpy(qc.name, argv[0]);
		qc.kind = argc > 1 ? num(argv[1]) : 0;
		qc.flags = argc > 2 ? num(argv[2]) : 0;
		qc.max_active = argc > 3 ? num(argv[3]) : 0;
		cmd = WQD_IOC_QUEUE_CREATE;
		arg = &qc;
		want_q = 1;
	} else if (!strcmp(op, "submit")) {
		if (argc < 1 || argc > 2)
			usage();
		ws.queue_id = num(argv[0]);
		ws.instances = argc > 1 ? num(argv[1]) : 3;
		if (ws.instances < 1 || ws.instances > MAX_INSTANCES)
			usage();
		ws.flags = WQD_WF_DELAYED | WQD_WF_OWNED;
		ws.cpu = WQD_CPU_ANY;
		ws.delay_ns = 60000000000ULL;
		ws.count = 1;
		ws.ids_ptr = (uintptr_t)ids;
		cmd = WQD_IOC_WORK_SUBMIT;
		arg = &ws;
		want_i = ws.instances;
	} else if (!strcmp(op, "events")) {
		if (argc > 1)
			usage();
		eo.ring_size = argc ? num(argv[0]) : 0;
		cmd = WQD_IOC_EVENTS_OPEN;
		arg = &eo;
	} else if (!strcmp(op, "bare")) {
		if (argc < 1 || argc > 2)
			usage();
		cal.queue_id = num(argv[0]);
		cal.runs = argc > 1 ? num(argv[1]) : 3;
		cal.flags = WQD_CALF_SUBMIT;
		cmd = WQD_IOC_CALIBRATE;
		arg = &cal;
	} else {
		usage();
	}

	/* Open, and fault in, everything the armed window touches. */
	fnfd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fnfd < 0)
		die(2, "/proc/thread-self/fail-nth: %s (CONFIG_FAULT_INJECTION?)",
		    strerror(errno));
	if (sticky && nth) {
		mifd = open("/proc/thread-self/make-it-fail", O_WRONLY);
		if (mifd < 0)
			die(2, "/proc/thread-self/make-it-fail: %s", strerror(errno));
	}
	len = snprintf(nbuf, sizeof(nbuf), "%llu", nth);
	memset(rbuf, 0, sizeof(rbuf));
	snapshot(fd, &before);

	/*
	 * The window: nothing here may allocate but the ioctl itself (these
	 * proc files' reads and writes allocate nothing). make-it-fail first:
	 * fail-nth then holds the failures off until the N-th call.
	 */
	if (mifd >= 0 && pwrite(mifd, "1", 1, 0) != 1)
		die(2, "setting make-it-fail: %s", strerror(errno));
	if (nth && pwrite(fnfd, nbuf, len, 0) != len)
		die(2, "arming fail-nth: %s", strerror(errno));
	ret = ioctl(fd, cmd, arg);
	err = errno;
	hit = false;
	if (nth) {
		if (pread(fnfd, rbuf, sizeof(rbuf) - 1, 0) <= 0)
			die(2, "reading fail-nth: %s", strerror(errno));
		if (mifd >= 0 && pwrite(mifd, "0", 1, 0) != 1)
			die(2, "clearing make-it-fail: %s", strerror(errno));
		/* Disarm: a fault that was not hit would fire later. */
		if (pwrite(fnfd, "0", 1, 0) != 1)
			die(2, "disarming fail-nth: %s", strerror(errno));
		hit = strtoul(rbuf, NULL, 10) == 0;
	}

	state[0] = 0;
	if (ret < 0) {
		snapshot(fd, &after);
		compare(&before, &after, 0, 0);
		/* A failed events open must not leave an fd installed. */
		if (fcntl(before.free_fd, F_GETFD) >= 0)
			note("fds", 1);
	} else {
		snapshot(fd, &after);
		if (cmd == WQD_IOC_EVENTS_OPEN) {
			compare(&before, &after, 0, 0);
			if (ret != before.free_fd)
				note("fd-unexpected", ret - before.free_fd);
			close(ret);
		} else {
			compare(&before, &after, want_q, want_i);
		}
		if (cmd == WQD_IOC_QUEUE_CREATE) {
			struct wqd_queue_ref ref = { .id = qc.id };

			if (ioctl(fd, WQD_IOC_QUEUE_DESTROY, &ref) < 0)
				die(2, "destroying queue %llu: %s",
				    (unsigned long long)qc.id, strerror(errno));
		}
	}
	printf("%s %s %s\n", ret < 0 ? strerrorname_np(err) : "OK",
	       hit ? "hit" : "miss", state[0] ? state : "clean");
	return state[0] ? 1 : 0;
}
