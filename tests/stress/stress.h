/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the stress test's processes share: the operations and their
 * counts, the shared map, the parent's check. The test itself is
 * described in stress.c.
 */
#ifndef WQD_STRESS_H
#define WQD_STRESS_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
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
#define MS		1000000ULL
#define MAX_PROCS	16
#define MY_QUEUES	6	/* user queues a worker keeps at once */
#define MY_ITEMS	256	/* recent item ids a worker remembers */
#define MY_OWNED	32	/* items owned by a worker's owner file */
#define MY_ENDLESS	6	/* endless items a worker lets run at once */
#define ITEMS_HIGH	6000	/* above this many items, submit less */

enum op {
	OP_QUEUE_CREATE,
	OP_QUEUE_DESTROY,
	OP_QUEUE_FLUSH,
	OP_QUEUE_DRAIN,
	OP_QUEUE_INFO,
	OP_QUEUE_LIST,
	OP_QUEUE_HIST,
	OP_SUBMIT,
	OP_SUBMIT_OWNED,
	OP_CLOSE_OWNER,
	OP_CANCEL_SYNC,
	OP_CANCEL_ASYNC,
	OP_WORK_FLUSH,
	OP_WORK_MOD,
	OP_WORK_INFO,
	OP_WORK_LIST,
	OP_REPORT,
	OP_EVENTS,
	OP_INFO,
	NR_OPS
};

/* An operation: its name, how often it is picked, what a race may give. */
struct op_desc {
	const char *name;
	int weight;
	int ok_errnos[4];	/* besides 0: what a race may give */
};

struct op_stats {
	unsigned long long done;
	unsigned long long refused;	/* with an errno the race allows */
};

struct worker_stats {
	struct op_stats op[NR_OPS];
	unsigned long long ids;		/* ids the kernel gave out */
	unsigned long long unexpected;
	unsigned long long owned_survivors;
	/* ordered and single-thread queues: made, read just before their destroy */
	unsigned long long ordered_made;
	unsigned long long ordered_destroyed;
	unsigned long long ordered_overlap;	/* of those, max_running > 1 */
	char first_error[160];
	char first_overlap[96];
};

/* Shared by all processes (MAP_SHARED). */
struct shared {
	volatile int stop;		/* workers: time is up */
	volatile int final;		/* follower: quiesced, see target */
	volatile unsigned long long target;	/* executed, once final */
	struct worker_stats w[MAX_PROCS];
	/* the follower's findings */
	unsigned long long f_runs;
	unsigned long long f_dropped;
	unsigned long long f_records;
	unsigned long long f_losses;	/* loss records */
	unsigned long long f_bad;	/* out of order, bad flags, non-zero pad */
	unsigned long long f_mismatch;	/* listed items whose runs differ */
	unsigned long long f_compared;	/* ... compared exactly */
	unsigned long long f_at_least;	/* ... a loss after their last record */
	char f_first[160];
	volatile int f_done;
};

extern const struct op_desc ops[NR_OPS];
extern struct shared *sh;
extern bool verbose;
extern unsigned int nprocs;
extern struct wqd_info info0;
/* xorshift64*: one stream per process; main() seeds it, worker.c draws. */
extern unsigned long long rng;

/* stress.c */
int xioctl(int fd, unsigned long cmd, void *arg);
void __attribute__((format(printf, 2, 3)))
check(bool ok, const char *fmt, ...);

/* worker.c */
void __attribute__((noreturn)) worker(int id);
bool kind_ordered(__u32 kind);

/* follower.c */
void __attribute__((noreturn)) follower(int efd);

/* drills.c */
void drills(int fd, unsigned int rounds);

#endif /* WQD_STRESS_H */
