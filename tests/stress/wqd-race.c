// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-race: races that once broke the module, each a drill of its own, run
 * by tests/bats/55-reliability.bats; a broken module crashes the debug
 * kernel (KASAN) or gives a count these checks refuse.
 *
 *   wqd-race reset [-t SECONDS] [-p PROCS]
 *	Half the processes create a queue, submit items on it and destroy
 *	it, over and over; the other half reset the module, over and over. A
 *	reset once zeroed the counters of every queue left, walking them
 *	without the lock that keeps a destroyed queue from being freed under
 *	it. Then: every call failed only as the race allows, and a last reset
 *	leaves nothing.
 *
 *   wqd-race limits [-p PROCS]
 *	All processes at once, released together, make queues until ENOSPC,
 *	then items, then holders (plain periodic items) on the built-in
 *	system queue and then on a queue of their own. The module must be
 *	loaded with small limits (the bats test does). Then: exactly as many
 *	succeeded as each limit allows, every other call failed with ENOSPC,
 *	and the module's counts never went past a limit.
 *
 *   wqd-race count [-t SECONDS] [-p PROCS]
 *	Each process submits delayed items with a count of 2 that re-arm at
 *	once, and mods each, over and over, until it is done. A mod once
 *	armed the timer after the workqueue had taken the last run off its
 *	list, before the handler counted it, and the item ran 3 times of 2.
 *	Then: every item ran exactly its count.
 *
 *   wqd-race calibrate QUEUE
 *	A calibration runs on QUEUE while a drain of QUEUE is tried: on a BH
 *	queue the calibration re-queues its work from softirq context, which
 *	a drain takes for foreign work (the kernel warns). The drain must be
 *	refused with EBUSY while the calibration runs, and succeed after it.
 *
 * Prints a line per check and "race: ok" or "race: FAILED"; exits 0, 1
 * when a check failed, 2 when it could not start.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/wqdemo.h>

#define DEV		"/dev/wqdemo"
#define MAX_PROCS	16
#define HOUR_NS		3600000000000ULL

/* What each process did, in memory the parent reads after it exits. */
struct tally {
	unsigned long long ok[4];
	unsigned long long refused[4];	/* with the errno the race allows */
	unsigned long long unexpected;
	char first[64];
	char past[64];	/* the first item that ran past its count */
};

static struct tally *tallies;
/* The phase of the limits drill that may start; in shared memory. */
static volatile int *go_phase;
static int failures;

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? errno : 0;
}

static void __attribute__((format(printf, 2, 3)))
check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("  %s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failures += !ok;
}

static int open_dev(void)
{
	int fd = open(DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "wqd-race: %s: %s (loaded? root?)\n", DEV, strerror(errno));
		exit(2);
	}
	return fd;
}

/* Count a call's result in slot @k: fine, allowed by the race, or not. */
static void note(struct tally *t, int k, int err, int allowed1, int allowed2)
{
	if (!err) {
		t->ok[k]++;
	} else if (err == allowed1 || err == allowed2) {
		t->refused[k]++;
	} else {
		if (!t->unexpected++)
			snprintf(t->first, sizeof(t->first), "call %d: %s", k,
				 strerrorname_np(err));
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int submit(int fd, __u64 queue, __u32 flags, __u64 delay, __u64 period,
		  __u32 count, __u64 *id)
{
	struct wqd_work_submit s = {
		.queue_id = queue, .flags = flags, .cpu = WQD_CPU_ANY,
		.delay_ns = delay, .period_ns = period, .count = count,
		.ids_ptr = (__u64)(unsigned long)id,
	};

	return xioctl(fd, WQD_IOC_WORK_SUBMIT, &s);
}

static int create(int fd, const char *name, __u32 kind, __u32 flags, __u64 *id)
{
	struct wqd_queue_create c = { .kind = kind, .flags = flags };
	int err;

	snprintf(c.name, sizeof(c.name), "%s", name);
	err = xioctl(fd, WQD_IOC_QUEUE_CREATE, &c);
	if (!err && id)
		*id = c.id;
	return err;
}

static int destroy(int fd, __u64 id)
{
	struct wqd_queue_ref r = { .id = id };

	return xioctl(fd, WQD_IOC_QUEUE_DESTROY, &r);
}

static void wait_all(pid_t *pids, unsigned int n)
{
	unsigned int i;
	int status;

	for (i = 0; i < n; i++) {
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			check(false, "process %u did not end well", i);
	}
}

static void sum(unsigned int n, struct tally *all)
{
	unsigned int i, k;

	memset(all, 0, sizeof(*all));
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4; k++) {
			all->ok[k] += tallies[i].ok[k];
			all->refused[k] += tallies[i].refused[k];
		}
		all->unexpected += tallies[i].unexpected;
		if (!all->first[0] && tallies[i].first[0])
			memcpy(all->first, tallies[i].first, sizeof(all->first));
	}
}

static void info(int fd, struct wqd_info *in)
{
	memset(in, 0, sizeof(*in));
	if (xioctl(fd, WQD_IOC_INFO, in)) {
		fprintf(stderr, "wqd-race: info: %s\n", strerror(errno));
		exit(2);
	}
}

/* ---- reset against create/destroy ---- */

static void __attribute__((noreturn)) churn(unsigned int me, double end)
{
	struct tally *t = &tallies[me];
	int fd = open_dev();
	unsigned int n = 0;
	char name[WQD_NAME_LEN];
	__u64 q, id;

	while (now_s() < end) {
		/* Kinds with per-CPU and unbound pools: all are freed alike. */
		static const __u32 kinds[] = { WQD_KIND_ALLOC, WQD_KIND_ORDERED };

		int err;

		snprintf(name, sizeof(name), "race%u_%u", me, n++);
		/* Ordered queues are unbound already, and take no flag. */
		err = create(fd, name, kinds[n % 2],
			     n % 2 || n % 3 ? 0 : WQD_QF_UNBOUND, &q);
		note(t, 0, err, 0, 0);
		if (err)
			continue;
		/* A reset may take the queue first: ENOENT. */
		note(t, 1, submit(fd, q, WQD_WF_DELAYED, 1000000, 1000000, 0, &id),
		     ENOENT, 0);
		note(t, 1, submit(fd, q, 0, 0, 0, 3, &id), ENOENT, 0);
		note(t, 2, destroy(fd, q), ENOENT, 0);
	}
	_exit(0);
}

static void __attribute__((noreturn)) resetter(unsigned int me, double end)
{
	struct tally *t = &tallies[me];
	int fd = open_dev();

	while (now_s() < end)
		note(t, 3, xioctl(fd, WQD_IOC_RESET, NULL), 0, 0);
	_exit(0);
}

static int drill_reset(unsigned int procs, unsigned int seconds)
{
	double end = now_s() + seconds;
	pid_t pids[MAX_PROCS];
	struct tally all;
	struct wqd_info in;
	unsigned int i;
	int fd = open_dev();

	printf("reset against create/destroy: %u processes, %u s\n", procs, seconds);
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (!pids[i]) {
			if (i % 2)
				resetter(i, end);
			churn(i, end);
		}
	}
	wait_all(pids, procs);
	sum(procs, &all);
	printf("  creates %llu, submits %llu (%llu refused), destroys %llu (%llu refused), resets %llu\n",
	       all.ok[0], all.ok[1], all.refused[1], all.ok[2], all.refused[2],
	       all.ok[3]);
	check(!all.unexpected, "no call failed but as the race allows%s%s",
	      all.unexpected ? ": " : "", all.first);
	check(all.ok[0] >= procs && all.ok[3] >= procs / 2,
	      "the race ran: creates and resets on every side");
	check(!xioctl(fd, WQD_IOC_RESET, NULL), "a last reset");
	info(fd, &in);
	check(!in.nr_queues && !in.nr_items && !in.nr_holders,
	      "nothing left: %u queues, %u items, %u holders", in.nr_queues,
	      in.nr_items, in.nr_holders);
	close(fd);
	return 0;
}

/* ---- limits hit by many processes at once ---- */

enum { PHASE_ITEMS, PHASE_QUEUES, PHASE_BUILTIN_HOLDERS, PHASE_HOLDERS };

/*
 * Each phase starts for all processes at once, when the parent lets it
 * (go_phase), and ends for a process at its first refusal.
 */
static void __attribute__((noreturn)) filler(unsigned int me, __u64 itemq,
					     __u64 userq)
{
	struct tally *t = &tallies[me];
	char name[WQD_NAME_LEN];
	int fd = open_dev();
	unsigned int n = 0;
	int phase, err;
	__u64 id;

	for (phase = PHASE_ITEMS; phase <= PHASE_HOLDERS; phase++) {
		while (*go_phase < phase)
			usleep(1000);
		do {
			switch (phase) {
			case PHASE_ITEMS:
				/* Armed an hour away: items that hold nothing. */
				err = submit(fd, itemq, WQD_WF_DELAYED, HOUR_NS,
					     0, 1, &id);
				break;
			case PHASE_QUEUES:
				snprintf(name, sizeof(name), "lim%u_%u", me, n++);
				err = create(fd, name, WQD_KIND_ALLOC, 0, NULL);
				break;
			case PHASE_BUILTIN_HOLDERS:
				/* Asleep in their handlers for an hour. */
				err = submit(fd, WQD_QUEUE_SYSTEM, 0, 0, HOUR_NS, 0, &id);
				break;
			default:
				err = submit(fd, userq, 0, 0, HOUR_NS, 0, &id);
				break;
			}
			note(t, phase, err, ENOSPC, 0);
		} while (!err);
	}
	_exit(0);
}

/* Wait until every process was refused in @phase, or failed otherwise. */
static void phase_end(unsigned int procs, int phase)
{
	unsigned long long done;
	unsigned int i;

	do {
		usleep(10000);
		done = 0;
		for (i = 0; i < procs; i++)
			done += tallies[i].refused[phase] + tallies[i].unexpected;
	} while (done < procs);
}

static int drill_limits(unsigned int procs)
{
	static const char *const what[] = {
		"items (max_items)", "queues (max_queues)",
		"holders on system (max_builtin_holders)",
		"holders on a user queue (max_holders)",
	};
	pid_t pids[MAX_PROCS];
	unsigned int want[4], i, k;
	struct wqd_info in, now;
	struct tally all;
	int fd = open_dev();
	__u64 itemq, userq;

	check(!xioctl(fd, WQD_IOC_RESET, NULL), "reset");
	info(fd, &in);
	printf("limits hit by %u processes at once: items %u, queues %u, holders %u (%u per built-in queue)\n",
	       procs, in.max_items, in.max_queues, in.max_holders,
	       in.max_builtin_holders);
	if (create(fd, "items", WQD_KIND_ALLOC, 0, &itemq) ||
	    create(fd, "holders", WQD_KIND_ALLOC, 0, &userq)) {
		fprintf(stderr, "wqd-race: cannot set up: %s\n", strerror(errno));
		return 2;
	}
	want[PHASE_ITEMS] = in.max_items;
	/* The item queue is gone by then; the holders' queue counts. */
	want[PHASE_QUEUES] = in.max_queues - 1;
	want[PHASE_BUILTIN_HOLDERS] = in.max_builtin_holders;
	want[PHASE_HOLDERS] = in.max_holders - in.max_builtin_holders;

	*go_phase = -1;
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (!pids[i])
			filler(i, itemq, userq);
	}
	for (k = PHASE_ITEMS; k <= PHASE_HOLDERS; k++) {
		*go_phase = k;
		phase_end(procs, k);
		info(fd, &now);
		switch (k) {
		case PHASE_ITEMS:
			check(now.nr_items == in.max_items, "items at the limit: %u",
			      now.nr_items);
			/* Room for the holders: the items leave with their queue. */
			check(!destroy(fd, itemq), "the items' queue destroyed");
			break;
		case PHASE_QUEUES:
			check(now.nr_queues == in.max_queues,
			      "queues at the limit: %u", now.nr_queues);
			break;
		default:
			check(now.nr_holders == want[PHASE_BUILTIN_HOLDERS] +
			      (k == PHASE_HOLDERS ? want[PHASE_HOLDERS] : 0),
			      "holders: %u", now.nr_holders);
		}
	}
	wait_all(pids, procs);
	sum(procs, &all);
	for (k = PHASE_ITEMS; k <= PHASE_HOLDERS; k++)
		check(all.ok[k] == want[k] && all.refused[k] == procs,
		      "%s: %llu made (%u allowed), %llu refused with ENOSPC (one a process)",
		      what[k], all.ok[k], want[k], all.refused[k]);
	check(!all.unexpected, "no other errno%s%s", all.unexpected ? ": " : "",
	      all.first);
	check(!xioctl(fd, WQD_IOC_RESET, NULL), "reset");
	info(fd, &in);
	check(!in.nr_queues && !in.nr_items && !in.nr_holders,
	      "nothing left: %u queues, %u items, %u holders", in.nr_queues,
	      in.nr_items, in.nr_holders);
	close(fd);
	return 0;
}

/* ---- mods against the last run of a counted item ---- */

static int work_info(int fd, __u64 id, struct wqd_work_info *wi)
{
	memset(wi, 0, sizeof(*wi));
	wi->id = id;
	return xioctl(fd, WQD_IOC_WORK_INFO, wi);
}

static void __attribute__((noreturn)) modder(unsigned int me, double end)
{
	struct tally *t = &tallies[me];
	struct wqd_work_info wi;
	int fd = open_dev(), err;
	__u64 id;

	while (now_s() < end) {
		struct wqd_work_ref m = { .delay_ns = 0 };

		/* Slot 0: items; 1: mods; 2: items that ran past their count. */
		err = submit(fd, WQD_QUEUE_SYSTEM, WQD_WF_DELAYED, 0, 0, 2, &id);
		note(t, 0, err, 0, 0);
		if (err)
			continue;
		m.id = id;
		/* Until it will not run again: EINVAL. */
		do {
			m.result = 0;
			err = xioctl(fd, WQD_IOC_WORK_MOD, &m);
			note(t, 1, err, EINVAL, 0);
		} while (!err);
		while (!work_info(fd, id, &wi) && wi.state != WQD_STATE_DONE)
			usleep(1000);
		/* A run armed past the count would come a tick later. */
		usleep(20000);
		if (!work_info(fd, id, &wi) && wi.runs != 2 && !t->ok[2]++)
			snprintf(t->past, sizeof(t->past), "item %llu ran %u times of 2",
				 (unsigned long long)id, wi.runs);
		note(t, 3, xioctl(fd, WQD_IOC_WORK_CANCEL, &m), 0, 0);
	}
	_exit(0);
}

static int drill_count(unsigned int procs, unsigned int seconds)
{
	double end = now_s() + seconds;
	pid_t pids[MAX_PROCS];
	struct tally all;
	unsigned int i;

	printf("mods against the last run of counted items: %u processes, %u s\n",
	       procs, seconds);
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (!pids[i])
			modder(i, end);
	}
	wait_all(pids, procs);
	sum(procs, &all);
	printf("  items %llu, mods %llu (%llu refused)\n", all.ok[0], all.ok[1],
	       all.refused[1]);
	check(!all.unexpected, "no call failed but as the race allows%s%s",
	      all.unexpected ? ": " : "", all.first);
	check(all.ok[0] >= procs, "the race ran: items on every side");
	for (i = 0; i < procs && all.ok[2]; i++)
		if (tallies[i].past[0]) {
			printf("  %s\n", tallies[i].past);
			break;
		}
	check(!all.ok[2], "every item ran exactly its count (%llu did not)",
	      all.ok[2]);
	return 0;
}

/* ---- a drain against a calibration ---- */

static int drill_calibrate(const char *queue)
{
	struct wqd_queue_ref r = { .id = strtoull(queue, NULL, 0) };
	int fd = open_dev(), status, err;
	pid_t pid;

	printf("a drain of queue %llu against a calibration on it\n", r.id);
	pid = fork();
	if (!pid) {
		struct wqd_calibrate c = {
			.queue_id = r.id, .runs = WQD_CALIBRATE_MAX_RUNS,
		};

		/* Ends by the parent's SIGKILL, long before the last run. */
		xioctl(fd, WQD_IOC_CALIBRATE, &c);
		_exit(0);
	}
	/* Long enough for the calibration to have started. */
	usleep(300000);
	err = xioctl(fd, WQD_IOC_QUEUE_DRAIN, &r);
	check(err == EBUSY, "drain while it runs: %s (EBUSY expected)",
	      err ? strerrorname_np(err) : "ok");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status), "the calibration ended by SIGKILL");
	err = xioctl(fd, WQD_IOC_QUEUE_DRAIN, &r);
	check(!err, "drain after it: %s", err ? strerrorname_np(err) : "ok");
	close(fd);
	return 0;
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: wqd-race reset [-t SECONDS] [-p PROCS]\n"
		"       wqd-race limits [-p PROCS]\n"
		"       wqd-race count [-t SECONDS] [-p PROCS]\n"
		"       wqd-race calibrate QUEUE_ID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int procs = 4, seconds = 10;
	const char *drill;
	int opt, ret;

	if (argc < 2)
		usage();
	drill = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "t:p:")) != -1) {
		switch (opt) {
		case 't':
			seconds = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			procs = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (!procs || procs > MAX_PROCS)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	tallies = mmap(NULL, (MAX_PROCS + 1) * sizeof(*tallies),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tallies == MAP_FAILED)
		return 2;
	memset(tallies, 0, (MAX_PROCS + 1) * sizeof(*tallies));
	go_phase = (volatile int *)&tallies[MAX_PROCS];

	if (!strcmp(drill, "reset") && optind == argc)
		ret = drill_reset(procs, seconds);
	else if (!strcmp(drill, "limits") && optind == argc)
		ret = drill_limits(procs);
	else if (!strcmp(drill, "count") && optind == argc)
		ret = drill_count(procs, seconds);
	else if (!strcmp(drill, "calibrate") && optind == argc - 1)
		ret = drill_calibrate(argv[optind]);
	else
		usage();
	if (ret)
		return ret;
	printf("race: %s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
