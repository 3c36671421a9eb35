/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the negative ABI suite's files share: the case, its result and
 * checks, the sentinels, the set-up helpers and the call under test.
 *
 * Its own harness, not the kernel's kselftest_harness.h (which ntsync's
 * selftests use): a case here is one call under test whose errno the
 * runner compares, with the module's object counts checked around it;
 * cases run in phases that reload the module (its parameters, unload
 * while in use) and must run in one process that holds the device open
 * between them; and `-l` prints the table, which 60-abi.bats pins to an
 * exact count. kselftest_harness.h forks per test and reports TAP, and
 * would need a kernel source tree at build time for what forty lines do.
 */
#ifndef WQD_ABI_H
#define WQD_ABI_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/wqdemo.h>

#define DEV		"/dev/wqdemo"
#define SENTINEL	0xa5
#define SENT32		0xa5a5a5a5U
#define SENT64		0xa5a5a5a5a5a5a5a5ULL
#define MS		1000000ULL
#define SEC		1000000000ULL
#define MAX_CASES	512
#define CASE_TIMEOUT	60	/* seconds: a case that hangs fails the run */
#define WQ_MAX_ACTIVE	512	/* the kernel's, for alloc_workqueue() */
#define READERS_MAX	64	/* events.c: WQD_EVENTS_MAX_READERS */
#define SMALL_LIMITS	"max_queues=2 max_items=4"
#define PER_FILE_MAX	8	/* wqdemo.h: WQD_EVENTS_MAX_PER_FILE */
/* Where a struct's field of ABI version 1 ends: its size then. */

#define V1(type, last)	(offsetof(struct type, last) + sizeof(((struct type *)0)->last))

/* What one case did: the call under test and what the checks found. */
struct result {
	int expect;		/* errno expected; a case may adjust it */
	int got;		/* errno of the call under test, 0 on success */
	bool called;
	long ret;		/* its return value (a new fd, a byte count) */
	bool failed;
	bool skipped;
	char why[240];
};

struct tcase;
typedef void (*case_fn)(struct result *r, const struct tcase *t);

/*
 * PH_DEFAULT cases run on the module as loaded; PH_MODULE ones with no
 * file open, each free to unload and load it (and leaving it loaded with
 * its defaults); PH_SMALL ones on the module reloaded with SMALL_LIMITS.
 */
enum phase { PH_DEFAULT, PH_MODULE, PH_SMALL };

struct tcase {
	char name[64];
	int expect;
	case_fn fn;
	enum phase phase;
	const void *data;
};

/* The run's state: the device's files, pages to fault on. harness.c. */
struct globals {
	int fd;			/* O_RDWR, or -1 */
	int ro;			/* O_RDONLY, or -1 */
	struct wqd_info info;	/* at start */
	bool bh;		/* the running kernel has BH workqueues */
	const char *ko;		/* the module's file, or NULL */
	unsigned char *guard;	/* a PROT_NONE page ... */
	unsigned char *edge;	/* ... and the readable page before it */
	unsigned char *rdonly;	/* a page mapped PROT_READ */
	long page;
	const char *running;	/* the case running, for the alarm */
};

extern struct globals g;
extern struct tcase cases[MAX_CASES];
extern int nr_cases;
/* Big enough for any struct plus a tail, and for a list of 64 entries. */
extern unsigned char buf[16384];
extern unsigned char copy[sizeof(buf)];
extern unsigned char listbuf[64 * 4096];
extern __u64 ids[8];

void add_case(const char *fn, int expect, case_fn f, enum phase ph,
	      const void *data);
void __attribute__((format(printf, 2, 3)))
fail(struct result *r, const char *fmt, ...);
const char *ename(int err);

#define TEST_PH(fn, err, ph)						\
	static void fn(struct result *r, const struct tcase *t);	\
	static void __attribute__((constructor)) add_##fn(void)		\
	{								\
		add_case(#fn, err, fn, ph, NULL);			\
	}								\
	static void fn(struct result *r,				\
		       const struct tcase *t __attribute__((unused)))
#define TEST(fn, err)		TEST_PH(fn, err, PH_DEFAULT)
#define TEST_MODULE(fn, err)	TEST_PH(fn, err, PH_MODULE)
#define TEST_SMALL(fn, err)	TEST_PH(fn, err, PH_SMALL)

/* A check after the call under test: fails the case, carries on. */
#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			fail(r, "line %d: %s", __LINE__, #cond);	\
	} while (0)
/* A step of the set-up: fails the case and ends it. */
#define REQUIRE(cond)							\
	do {								\
		if (!(cond)) {						\
			fail(r, "set-up, line %d: %s (%s)", __LINE__,	\
			     #cond, ename(errno));	\
			return;						\
		}							\
	} while (0)

struct counts {
	__u32 nr_queues;
	__u32 nr_items;
	__u64 submitted;
	__u64 cancelled;
};

/*
 * While a drain waits for a handler, the queue takes no new item, mod,
 * destroy or second drain: EBUSY. The drain runs in a child; the item
 * it waits for sleeps 2 s in its handler, and the drain has begun once
 * it has marked the queue's delayed item cancelled.
 */
struct draining {
	__u64 queue;
	__u64 sleeper;
	__u64 delayed;
	pid_t child;
};

/* helpers.c */
int xioctl(int fd, unsigned long cmd, void *arg);
unsigned long cmd_size(unsigned long cmd, size_t size);
unsigned long cmd_dir(unsigned long cmd, unsigned int dir);
void set_name(char *dst, const char *s);
bool all_bytes(const void *p, int c, size_t n);
bool no_sentinel_word(const void *p, size_t n);
bool str_clean(const char *s, size_t size);
bool name_clean(const char *name);
void sleep_ms(long ms);
bool kernel_has_bh(void);
bool get_info(struct wqd_info *info);
__u64 mk_queue(const char *name);
void submit_init(struct wqd_work_submit *s, __u64 queue_id);
__u64 submit_fd(int fd, struct wqd_work_submit *s);
__u64 mk_delayed(__u64 queue_id, __u64 delay);
__u64 mk_oneshot(__u64 queue_id);
__u64 mk_hist_item(__u64 queue_id, __u32 count);
bool work_info(__u64 id, struct wqd_work_info *wi);
bool wait_state(__u64 id, __u32 state, long ms);
bool wait_readable(int fd, int ms);
int events_open(int fd, __u64 queue_id, __u32 flags, __u32 ring);
void *read_only_copy(const void *src, size_t size);
void record(struct result *r, long ret, const struct counts *before);
int call(struct result *r, int fd, unsigned long cmd, void *arg);
int call_read(struct result *r, int fd, void *dst, size_t len);
int call_sys(struct result *r, long ret);

/* generic.c */
void add_generic_cases(void);

/* queue.c */
void qc_init(struct wqd_queue_create *c, const char *name);
void qc_ok(struct result *r, const struct wqd_queue_create *before,
	   const struct wqd_queue_create *c);
void qc_call(struct result *r, struct wqd_queue_create *c);

/* queue_ops.c */
__u64 busy_queue(struct result *r, __u64 *item);
bool drain_start(struct result *r, struct draining *d);
void drain_end(struct result *r, struct draining *d);
void qi_ok(struct result *r, const struct wqd_queue_info *before,
	   const struct wqd_queue_info *qi);

/* list.c */
void list_init(struct wqd_list *l, size_t entry_size, __u32 capacity);
void list_ok(struct result *r, unsigned long cmd,
	     const struct wqd_list *before, const struct wqd_list *l);
void hist_ok(struct result *r, const struct wqd_hist *before,
	     const struct wqd_hist *h);

/* calibrate.c */
void cal_ok(struct result *r, const struct wqd_calibrate *before,
	    const struct wqd_calibrate *c);

/* work.c */
void ws_ok(struct result *r, const struct wqd_work_submit *before,
	   const struct wqd_work_submit *s);
void ws_call(struct result *r, struct wqd_work_submit *s);
void ws_init(struct wqd_work_submit *s);

/* work_ops.c */
void wref_ok(struct result *r, const struct wqd_work_ref *before,
	     const struct wqd_work_ref *w);
void wi_ok(struct result *r, const struct wqd_work_info *before,
	   const struct wqd_work_info *wi);

/* events.c */
bool is_event_stream(long fd);

/* module.c */
int mod_unload(void);
int mod_load(const char *params);
bool mod_loaded(void);

#endif /* WQD_ABI_H */
