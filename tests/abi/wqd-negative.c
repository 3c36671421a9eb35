// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-negative: the negative ABI suite of /dev/wqdemo, in the kselftest
 * (ntsync) style. Each case takes one error path: it sets up what it
 * needs, makes exactly one call under test, and asserts the exact errno.
 * Arguments are pre-filled with a sentinel, so a case proves what the
 * kernel wrote (outputs, zero-filled tails and pads) and what it did not
 * (nothing at all on a refusal). Every refused call must also leave the
 * module's object counts as they were: no half-made queue or item.
 *
 *   wqd-negative [-l] [-k MODULE.ko] [FILTER]
 *
 * Runs as root with wqdemo loaded. -l lists the cases; FILTER runs only
 * the cases whose name contains it. The module cases (unload while in
 * use, bad parameters) and the limit cases (ENOSPC: reloaded with
 * max_queues=2 max_items=4) need the module's file: -k, or $WQD_KO (set
 * in the test VM); without it they are skipped. The module is left
 * loaded with its default parameters.
 *
 * Prints one line per case (name, errno expected, errno got, PASS/FAIL and
 * why), then "N passed, N failed". Exits 0 when all passed, 1 when any
 * failed, 2 when it could not start.
 */
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

static struct tcase cases[MAX_CASES];
static int nr_cases;

static struct {
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
} g = { .fd = -1, .ro = -1 };

/* Big enough for any struct plus a tail, and for a list of 64 entries. */
static unsigned char buf[16384] __attribute__((aligned(64)));
static unsigned char copy[sizeof(buf)] __attribute__((aligned(64)));
static unsigned char listbuf[64 * 4096] __attribute__((aligned(64)));
static __u64 ids[8];

static void add_case(const char *fn, int expect, case_fn f, enum phase ph,
		     const void *data)
{
	struct tcase *t;
	char *sep;

	if (nr_cases == MAX_CASES) {
		fprintf(stderr, "wqd-negative: too many cases\n");
		exit(2);
	}
	t = &cases[nr_cases++];
	/* queue_create__pad is shown as queue_create.pad */
	snprintf(t->name, sizeof(t->name), "%s", fn);
	sep = strstr(t->name, "__");
	if (sep) {
		*sep = '.';
		memmove(sep + 1, sep + 2, strlen(sep + 2) + 1);
	}
	t->expect = expect;
	t->fn = f;
	t->phase = ph;
	t->data = data;
}

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

static void __attribute__((format(printf, 2, 3)))
fail(struct result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed && r->why[0])
		return;		/* the first reason is the one that counts */
	r->failed = true;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

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

static const char *ename(int err)
{
	const char *n;

	if (!err)
		return "0";
	n = strerrorname_np(err);
	return n ? n : "?";
}

/* ---- helpers: the set-up of the cases, never the call under test ---- */

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	long ret = ioctl(fd, cmd, arg);

	return ret < 0 ? errno : 0;
}

static unsigned long cmd_size(unsigned long cmd, size_t size)
{
	return (cmd & ~((unsigned long)_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
	       ((unsigned long)size << _IOC_SIZESHIFT);
}

static unsigned long cmd_dir(unsigned long cmd, unsigned int dir)
{
	return (cmd & ~((unsigned long)_IOC_DIRMASK << _IOC_DIRSHIFT)) |
	       ((unsigned long)dir << _IOC_DIRSHIFT);
}

static void set_name(char *dst, const char *s)
{
	memset(dst, 0, WQD_NAME_LEN);
	memcpy(dst, s, strnlen(s, WQD_NAME_LEN));
}

static bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

/* No aligned 32-bit word of @p is still the sentinel. */
static bool no_sentinel_word(const void *p, size_t n)
{
	const unsigned char *b = p;
	__u32 w;
	size_t i;

	for (i = 0; i + 4 <= n; i += 4) {
		memcpy(&w, b + i, 4);
		if (w == SENT32)
			return false;
	}
	return true;
}

/* The bytes after a string's NUL are zero: the kernel leaked nothing. */
static bool str_clean(const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	return len < size && all_bytes(s + len, 0, size - len);
}

static bool name_clean(const char *name)
{
	return str_clean(name, WQD_NAME_LEN);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * BH workqueues (WQ_BH) came with Linux 6.9. The cases expect them by the
 * running kernel's version, never by the module's own feature bit: a
 * module that lost them where the kernel has them must fail.
 */
static bool kernel_has_bh(void)
{
	struct utsname u;
	unsigned int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2) {
		fprintf(stderr, "wqd-negative: uname: no kernel version\n");
		exit(2);
	}
	return major > 6 || (major == 6 && minor >= 9);
}

static bool get_info(struct wqd_info *info)
{
	memset(info, 0, sizeof(*info));
	return g.fd >= 0 && !xioctl(g.fd, WQD_IOC_INFO, info);
}

static __u64 mk_queue_kind(const char *name, __u32 kind, __u32 flags)
{
	struct wqd_queue_create c = { .kind = kind, .flags = flags };

	set_name(c.name, name);
	errno = xioctl(g.fd, WQD_IOC_QUEUE_CREATE, &c);
	return errno ? 0 : c.id;
}

static __u64 mk_queue(const char *name)
{
	return mk_queue_kind(name, WQD_KIND_ALLOC, 0);
}

static void submit_init(struct wqd_work_submit *s, __u64 queue_id)
{
	memset(s, 0, sizeof(*s));
	s->queue_id = queue_id;
	s->cpu = WQD_CPU_ANY;
	s->count = 1;
	s->ids_ptr = (uintptr_t)ids;
}

/* One item through @fd; its id, or 0 with errno set. */
static __u64 submit_fd(int fd, struct wqd_work_submit *s)
{
	ids[0] = 0;
	s->instances = 1;
	s->ids_ptr = (uintptr_t)ids;
	errno = xioctl(fd, WQD_IOC_WORK_SUBMIT, s);
	return errno ? 0 : ids[0];
}

/* A delayed item that stays pending for @delay. */
static __u64 mk_delayed(__u64 queue_id, __u64 delay)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	s.flags = WQD_WF_DELAYED;
	s.delay_ns = delay;
	return submit_fd(g.fd, &s);
}

/* A plain item that runs once, now. */
static __u64 mk_oneshot(__u64 queue_id)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	return submit_fd(g.fd, &s);
}

/* A plain item that keeps histograms and runs @count times, now. */
static __u64 mk_hist_item(__u64 queue_id, __u32 count)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	s.flags = WQD_WF_HIST;
	s.count = count;
	return submit_fd(g.fd, &s);
}

static bool work_info(__u64 id, struct wqd_work_info *wi)
{
	memset(wi, 0, sizeof(*wi));
	wi->id = id;
	return !xioctl(g.fd, WQD_IOC_WORK_INFO, wi);
}

/* Poll an item until it is in @state; false after @ms (0: look once). */
static bool wait_state(__u64 id, __u32 state, long ms)
{
	struct wqd_work_info wi;

	for (;;) {
		if (work_info(id, &wi) && wi.state == state)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

static bool wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static int events_open(int fd, __u64 queue_id, __u32 flags, __u32 ring)
{
	struct wqd_events_open o = {
		.queue_id = queue_id, .flags = flags, .ring_size = ring,
	};
	long ret = ioctl(fd, WQD_IOC_EVENTS_OPEN, &o);

	return ret < 0 ? -1 : (int)ret;
}

/* @size bytes of @src in the read-only page: the kernel can read, not write. */
static void *read_only_copy(const void *src, size_t size)
{
	mprotect(g.rdonly, g.page, PROT_READ | PROT_WRITE);
	memcpy(g.rdonly, src, size);
	mprotect(g.rdonly, g.page, PROT_READ);
	return g.rdonly;
}

/* ---- the call under test ---- */

struct counts {
	__u32 nr_queues;
	__u32 nr_items;
	__u64 submitted;
	__u64 cancelled;
};

static bool get_counts(struct counts *c)
{
	struct wqd_info info;

	if (!get_info(&info))
		return false;
	c->nr_queues = info.nr_queues;
	c->nr_items = info.nr_items;
	c->submitted = info.submitted;
	c->cancelled = info.cancelled;
	return true;
}

/* The call under test's outcome; a refusal must have changed nothing. */
static void record(struct result *r, long ret, const struct counts *before)
{
	struct counts after;

	r->called = true;
	r->ret = ret;
	r->got = ret < 0 ? errno : 0;
	if (!r->got || !before || !get_counts(&after))
		return;
	if (memcmp(before, &after, sizeof(after)))
		fail(r, "refused, but queues %u->%u items %u->%u submitted %llu->%llu cancelled %llu->%llu",
		     before->nr_queues, after.nr_queues, before->nr_items,
		     after.nr_items, before->submitted, after.submitted,
		     before->cancelled, after.cancelled);
}

static int call(struct result *r, int fd, unsigned long cmd, void *arg)
{
	struct counts before;
	bool have = get_counts(&before);
	long ret;

	errno = 0;
	ret = ioctl(fd, cmd, arg);
	record(r, ret, have ? &before : NULL);
	return r->got;
}

static int call_read(struct result *r, int fd, void *dst, size_t len)
{
	errno = 0;
	record(r, read(fd, dst, len), NULL);
	return r->got;
}

/* A call that is not an ioctl: @ret as it returned, errno as it left it. */
static int call_sys(struct result *r, long ret)
{
	record(r, ret, NULL);
	return r->got;
}

/* ---- generic cases: the same error paths for every command ---- */

/* Writes a valid argument for the command into @arg (zeroed). */
typedef bool (*prep_fn)(struct result *r, void *arg);

struct ioc_desc {
	const char *name;
	unsigned long cmd;
	bool change;		/* needs a file opened for writing */
	prep_fn prep;		/* NULL: all zero is valid */
	size_t first;		/* its struct's size in ABI version 1 */
};

enum gen_kind {
	G_EFAULT,	/* the argument is an unmapped page */
	G_STRADDLE,	/* its second half is unmapped */
	G_SMALL,	/* one byte smaller than the ABI's first version */
	G_OLD,		/* the ABI's first version, where it was smaller: an old binary */
	G_SIZE0,	/* size 0 */
	G_BIG_TAIL,	/* 64 bytes larger, tail non-zero (in) or sentinel (out) */
	G_BIG_ZERO,	/* 64 bytes larger, tail zero */
	G_HUGE_ZERO,	/* the largest size an ioctl number holds, tail zero */
	G_RO,		/* on a read-only file */
	G_NR_KINDS
};

static const char *const gen_names[G_NR_KINDS] = {
	[G_EFAULT] = "bad_pointer", [G_STRADDLE] = "half_mapped",
	[G_SMALL] = "size_minus_1", [G_OLD] = "old_binary_size", [G_SIZE0] = "size_0",
	[G_BIG_TAIL] = "bigger_tail_nonzero", [G_BIG_ZERO] = "bigger_tail_zero",
	[G_HUGE_ZERO] = "size_16383", [G_RO] = "read_only_fd",
};

struct gen {
	const struct ioc_desc *d;
	enum gen_kind kind;
};

static void success_checks(struct result *r, unsigned long cmd,
			   const void *before, void *after);

static void generic(struct result *r, const struct tcase *t)
{
	const struct gen *gn = t->data;
	const struct ioc_desc *d = gn->d;
	unsigned int dir = _IOC_DIR(d->cmd);
	size_t ksize = _IOC_SIZE(d->cmd), usize = ksize, intact = 0;
	unsigned char *arg = buf;
	static unsigned char pre[sizeof(buf)] __attribute__((aligned(64)));
	int fd = g.fd;
	size_t i;

	memset(buf, 0, sizeof(buf));
	if (d->prep && !d->prep(r, buf))
		return;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		ids[i] = SENT64;
	/* Output only: all sentinel, to see what the kernel writes. */
	if (!(dir & _IOC_WRITE))
		memset(buf, SENTINEL, ksize);
	/* The argument as it went in, for what a success must write. */
	memcpy(pre, buf, ksize);

	switch (gn->kind) {
	case G_EFAULT:
		arg = g.guard;
		break;
	case G_STRADDLE:
		arg = g.guard - ksize / 2;
		memcpy(arg, buf, ksize / 2);
		/* Copied in first, so a refusal wrote nothing; out only may. */
		intact = dir & _IOC_WRITE ? ksize / 2 : 0;
		break;
	case G_SMALL:
		usize = d->first - 1;
		intact = ksize;
		break;
	case G_OLD:
		/* Past the old size: sentinel the kernel must leave alone. */
		usize = d->first;
		memset(buf + usize, SENTINEL, ksize - usize);
		intact = ksize;
		break;
	case G_SIZE0:
		usize = 0;
		intact = ksize;
		break;
	case G_BIG_TAIL:
		usize = ksize + 64;
		if (dir & _IOC_WRITE)
			buf[usize - 1] = 1;
		else
			memset(buf + ksize, SENTINEL, 64);
		intact = usize;
		break;
	case G_BIG_ZERO:
		usize = ksize + 64;
		intact = usize;
		break;
	case G_HUGE_ZERO:
		usize = _IOC_SIZEMASK;
		if (!(dir & _IOC_WRITE))
			memset(buf + ksize, SENTINEL, usize - ksize);
		intact = usize;
		break;
	case G_RO:
		fd = g.ro;
		intact = ksize;
		break;
	default:
		break;
	}
	if (intact)
		memcpy(copy, arg, intact);

	call(r, fd, dir == _IOC_NONE ? d->cmd : cmd_size(d->cmd, usize), arg);
	/*
	 * A success wrote what the command must write, wherever it went; an
	 * old binary's struct is written only as far as it reaches (below).
	 */
	if (!r->got && dir != _IOC_NONE && gn->kind != G_OLD)
		success_checks(r, d->cmd, pre, arg);
	if (d->cmd == WQD_IOC_EVENTS_OPEN && r->ret > 0)
		close((int)r->ret);

	if (r->got && intact)
		CHECK(!memcmp(copy, arg, intact));
	if (r->got)
		return;
	if (gn->kind == G_OLD) {
		CHECK(!memcmp(copy + usize, arg + usize, ksize - usize));
		CHECK(no_sentinel_word(arg, usize));
		return;
	}
	if (gn->kind == G_BIG_TAIL || gn->kind == G_BIG_ZERO ||
	    gn->kind == G_HUGE_ZERO)
		CHECK(all_bytes(arg + ksize, 0, usize - ksize));
	/* An output-only struct is written whole: no sentinel left. */
	if (!(dir & _IOC_WRITE))
		CHECK(no_sentinel_word(arg, ksize));
}

static bool prep_calibrate(struct result *r, void *arg)
{
	struct wqd_calibrate *c = arg;

	(void)r;
	c->queue_id = WQD_QUEUE_SYSTEM;
	c->runs = 10;
	return true;
}

static bool prep_queue_create(struct result *r, void *arg)
{
	struct wqd_queue_create *c = arg;

	(void)r;
	set_name(c->name, "gen");
	return true;
}

static bool prep_queue_ref(struct result *r, void *arg)
{
	struct wqd_queue_ref *q = arg;

	q->id = mk_queue("gen");
	if (!q->id)
		fail(r, "set-up: queue create: %s", ename(errno));
	return q->id;
}

static bool prep_queue_info(struct result *r, void *arg)
{
	(void)r;
	((struct wqd_queue_info *)arg)->id = WQD_QUEUE_SYSTEM;
	return true;
}

static bool prep_list(void *arg, size_t entry_size)
{
	struct wqd_list *l = arg;

	memset(listbuf, SENTINEL, sizeof(listbuf));
	l->buf_ptr = (uintptr_t)listbuf;
	l->entry_size = entry_size;
	l->capacity = 16;
	return true;
}

static bool prep_queue_list(struct result *r, void *arg)
{
	(void)r;
	return prep_list(arg, sizeof(struct wqd_queue_info));
}

static bool prep_hist(struct result *r, void *arg)
{
	(void)r;
	((struct wqd_hist *)arg)->queue_id = WQD_QUEUE_SYSTEM;
	return true;
}

static bool prep_submit(struct result *r, void *arg)
{
	struct wqd_work_submit *s = arg;

	(void)r;
	submit_init(s, WQD_QUEUE_SYSTEM);
	s->flags = WQD_WF_DELAYED;
	s->delay_ns = 60 * SEC;
	return true;
}

static bool prep_item(struct result *r, __u64 *id)
{
	*id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC);
	if (!*id)
		fail(r, "set-up: submit: %s", ename(errno));
	return *id;
}

static bool prep_work_ref(struct result *r, void *arg)
{
	return prep_item(r, &((struct wqd_work_ref *)arg)->id);
}

static bool prep_work_mod(struct result *r, void *arg)
{
	((struct wqd_work_ref *)arg)->delay_ns = 60 * SEC;
	return prep_work_ref(r, arg);
}

static bool prep_work_info(struct result *r, void *arg)
{
	return prep_item(r, &((struct wqd_work_info *)arg)->id);
}

static bool prep_work_list(struct result *r, void *arg)
{
	__u64 id;

	return prep_item(r, &id) &&
	       prep_list(arg, sizeof(struct wqd_work_info));
}

/*
 * The first sizes, as the module has them: where the last field of ABI
 * version 1 ends, whatever was added after it.
 */
static const struct ioc_desc iocs[] = {
	{ "version", WQD_IOC_VERSION, false, NULL, V1(wqd_version, info_size) },
	{ "info", WQD_IOC_INFO, false, NULL, V1(wqd_info, cancelled) },
	{ "reset", WQD_IOC_RESET, true, NULL, 0 },
	{ "calibrate", WQD_IOC_CALIBRATE, true, prep_calibrate, V1(wqd_calibrate, pad) },
	{ "queue_create", WQD_IOC_QUEUE_CREATE, true, prep_queue_create,
	  V1(wqd_queue_create, id) },
	{ "queue_destroy", WQD_IOC_QUEUE_DESTROY, true, prep_queue_ref,
	  V1(wqd_queue_ref, pad) },
	{ "queue_flush", WQD_IOC_QUEUE_FLUSH, true, prep_queue_ref,
	  V1(wqd_queue_ref, pad) },
	{ "queue_drain", WQD_IOC_QUEUE_DRAIN, true, prep_queue_ref,
	  V1(wqd_queue_ref, pad) },
	{ "queue_info", WQD_IOC_QUEUE_INFO, false, prep_queue_info,
	  V1(wqd_queue_info, cancelled) },
	{ "queue_list", WQD_IOC_QUEUE_LIST, false, prep_queue_list, V1(wqd_list, pad) },
	{ "queue_hist", WQD_IOC_QUEUE_HIST, false, prep_hist, V1(wqd_hist, runtime) },
	{ "work_submit", WQD_IOC_WORK_SUBMIT, true, prep_submit,
	  V1(wqd_work_submit, ids_ptr) },
	{ "work_cancel", WQD_IOC_WORK_CANCEL, true, prep_work_ref,
	  V1(wqd_work_ref, delay_ns) },
	{ "work_flush", WQD_IOC_WORK_FLUSH, true, prep_work_ref,
	  V1(wqd_work_ref, delay_ns) },
	{ "work_mod", WQD_IOC_WORK_MOD, true, prep_work_mod, V1(wqd_work_ref, delay_ns) },
	{ "work_info", WQD_IOC_WORK_INFO, false, prep_work_info,
	  V1(wqd_work_info, runtime) },
	{ "work_list", WQD_IOC_WORK_LIST, false, prep_work_list, V1(wqd_list, pad) },
	{ "events_open", WQD_IOC_EVENTS_OPEN, false, NULL,
	  V1(wqd_events_open, ring_size) },
};

#define NR_IOCS (sizeof(iocs) / sizeof(iocs[0]))

static struct gen gens[NR_IOCS * G_NR_KINDS];

static int gen_expect(const struct ioc_desc *d, enum gen_kind k)
{
	unsigned int dir = _IOC_DIR(d->cmd);

	switch (k) {
	case G_EFAULT:
	case G_STRADDLE:
		return EFAULT;
	case G_SMALL:
	case G_SIZE0:
		return EINVAL;
	case G_BIG_TAIL:
		return dir & _IOC_WRITE ? E2BIG : 0;
	case G_RO:
		return d->change ? EBADF : 0;
	default:
		return 0;
	}
}

static void add_generic_cases(void)
{
	size_t i, n = 0;
	int k;

	for (i = 0; i < NR_IOCS; i++) {
		const struct ioc_desc *d = &iocs[i];
		unsigned int dir = _IOC_DIR(d->cmd);

		for (k = 0; k < G_NR_KINDS; k++) {
			char name[64];

			/* _IO commands carry no struct: only the fd matters. */
			if (dir == _IOC_NONE && k != G_RO)
				continue;
			/* An output-only struct has no input tail to check. */
			if (!(dir & _IOC_WRITE) && k == G_BIG_ZERO)
				continue;
			/* An old binary differs only where the struct grew. */
			if (k == G_OLD && d->first == _IOC_SIZE(d->cmd))
				continue;
			/* Once is enough for the largest size. */
			if (k == G_HUGE_ZERO && d->cmd != WQD_IOC_QUEUE_CREATE &&
			    d->cmd != WQD_IOC_INFO)
				continue;
			gens[n].d = d;
			gens[n].kind = k;
			snprintf(name, sizeof(name), "%s__%s", d->name, gen_names[k]);
			add_case(name, gen_expect(d, k), generic, PH_DEFAULT, &gens[n]);
			n++;
		}
	}
}

/* ---- unknown commands ---- */

TEST(command__unknown_nr_0x04, ENOTTY)
{
	call(r, g.fd, _IO(WQD_IOC_MAGIC, 0x04), NULL);
}

TEST(command__unknown_nr_0x17, ENOTTY)
{
	struct wqd_queue_ref q = { .id = WQD_QUEUE_SYSTEM };

	call(r, g.fd, _IOWR(WQD_IOC_MAGIC, 0x17, struct wqd_queue_ref), &q);
}

TEST(command__unknown_nr_0x26, ENOTTY)
{
	struct wqd_work_ref w = { 0 };

	call(r, g.fd, _IOWR(WQD_IOC_MAGIC, 0x26, struct wqd_work_ref), &w);
}

TEST(command__unknown_nr_0x31, ENOTTY)
{
	struct wqd_events_open o = { 0 };

	call(r, g.fd, _IOW(WQD_IOC_MAGIC, 0x31, struct wqd_events_open), &o);
}

TEST(command__unknown_nr_0x3f, ENOTTY)
{
	call(r, g.fd, _IO(WQD_IOC_MAGIC, 0x3f), NULL);
}

TEST(command__beyond_block_0x40, ENOTTY)
{
	struct wqd_info info;

	call(r, g.fd, _IOR(WQD_IOC_MAGIC, 0x40, struct wqd_info), &info);
}

TEST(command__wrong_magic, ENOTTY)
{
	struct wqd_info info;

	memset(&info, SENTINEL, sizeof(info));
	call(r, g.fd, _IOR(WQD_IOC_MAGIC + 1, 0x01, struct wqd_info), &info);
	CHECK(all_bytes(&info, SENTINEL, sizeof(info)));
}

TEST(command__zero, ENOTTY)
{
	call(r, g.fd, 0, NULL);
}

TEST(command__tty_tcgets, ENOTTY)
{
	struct termios tio;

	call(r, g.fd, TCGETS, &tio);
}

TEST(command__version_as_write, ENOTTY)
{
	struct wqd_version v = { 0 };

	call(r, g.fd, cmd_dir(WQD_IOC_VERSION, _IOC_WRITE), &v);
}

TEST(command__version_as_readwrite, ENOTTY)
{
	struct wqd_version v = { 0 };

	call(r, g.fd, cmd_dir(WQD_IOC_VERSION, _IOC_READ | _IOC_WRITE), &v);
}

TEST(command__info_as_none, ENOTTY)
{
	call(r, g.fd, cmd_size(cmd_dir(WQD_IOC_INFO, _IOC_NONE), 0), NULL);
}

TEST(command__reset_as_read, ENOTTY)
{
	__u64 x = SENT64;
	__u64 q = mk_queue("keep");

	REQUIRE(q);
	call(r, g.fd, _IOR(WQD_IOC_MAGIC, 0x02, __u64), &x);
	CHECK(x == SENT64);
}

TEST(command__queue_create_as_write, ENOTTY)
{
	struct wqd_queue_create c = { 0 };

	set_name(c.name, "dirw");
	call(r, g.fd, cmd_dir(WQD_IOC_QUEUE_CREATE, _IOC_WRITE), &c);
}

TEST(command__queue_destroy_as_readwrite, ENOTTY)
{
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("dirrw")));
	call(r, g.fd, cmd_dir(WQD_IOC_QUEUE_DESTROY, _IOC_READ | _IOC_WRITE), &q);
}

TEST(command__work_submit_as_read, ENOTTY)
{
	struct wqd_work_submit s;

	submit_init(&s, WQD_QUEUE_SYSTEM);
	call(r, g.fd, cmd_dir(WQD_IOC_WORK_SUBMIT, _IOC_READ), &s);
}

TEST(command__events_open_as_readwrite, ENOTTY)
{
	struct wqd_events_open o = { 0 };

	call(r, g.fd, cmd_dir(WQD_IOC_EVENTS_OPEN, _IOC_READ | _IOC_WRITE), &o);
}

TEST(command__on_event_stream, ENOTTY)
{
	struct wqd_info info;
	int efd = events_open(g.fd, 0, 0, 0);

	REQUIRE(efd >= 0);
	call(r, efd, WQD_IOC_INFO, &info);
	close(efd);
}

TEST(device__write, EINVAL)
{
	call_sys(r, write(g.fd, "x", 1));
}

/* ---- version and info: the values, nothing leaked ---- */

TEST(version__values, 0)
{
	struct wqd_version v;

	memset(&v, SENTINEL, sizeof(v));
	call(r, g.ro, WQD_IOC_VERSION, &v);
	CHECK(v.abi_version == WQD_ABI_VERSION);
	CHECK(v.info_size == sizeof(struct wqd_info));
}

TEST(info__values_and_no_leak, 0)
{
	struct wqd_info i;

	memset(&i, SENTINEL, sizeof(i));
	call(r, g.ro, WQD_IOC_INFO, &i);
	CHECK(i.abi_version == WQD_ABI_VERSION);
	CHECK(i.hz >= 100 && i.hz <= 1000);
	CHECK(i.nr_online_cpus >= 1 && i.nr_online_cpus <= i.nr_cpu_ids);
	CHECK(!(i.features & ~(__u64)WQD_FEAT_BH));
	/* BH exactly where the kernel has it: the module must not lose it. */
	CHECK(!!(i.features & WQD_FEAT_BH) == g.bh);
	CHECK(str_clean(i.module_version, sizeof(i.module_version)));
	CHECK(i.module_version[0]);
	CHECK(i.pad == 0);
	CHECK(i.max_instances == 65536);
	CHECK(i.max_queues && i.max_items && i.max_period_ns);
	CHECK(i.nr_queues == 0 && i.nr_items == 0);
	CHECK(i.submitted == 0 && i.executed == 0);
}

TEST(info__null_pointer, EFAULT)
{
	call(r, g.fd, WQD_IOC_INFO, NULL);
}

/* ---- reset ---- */

TEST(reset__read_only_keeps_everything, EBADF)
{
	__u64 q, id;

	REQUIRE((q = mk_queue("stays")));
	REQUIRE((id = mk_delayed(q, 60 * SEC)));
	call(r, g.ro, WQD_IOC_RESET, NULL);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

/* ---- queue create ---- */

static void qc_init(struct wqd_queue_create *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	set_name(c->name, name);
}

/*
 * A queue made: the id written and nothing else, and the queue is the one
 * asked for, as its info tells.
 */
static void qc_ok(struct result *r, const struct wqd_queue_create *before,
		  const struct wqd_queue_create *c)
{
	struct wqd_queue_info qi;

	CHECK(c->id >= WQD_QUEUE_ID_USER && c->id <= UINT32_MAX);
	CHECK(!memcmp(before, c, offsetof(struct wqd_queue_create, id)));
	memset(&qi, 0, sizeof(qi));
	qi.id = c->id;
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &qi));
	CHECK(!strcmp(qi.name, c->name) && name_clean(qi.name));
	CHECK(qi.kind == c->kind && qi.flags == c->flags);
	CHECK(qi.max_active == c->max_active);
	CHECK(qi.items == 0 && qi.running == 0 && qi.max_running == 0);
	CHECK(qi.queued == 0 && qi.executed == 0 && qi.cancelled == 0);
}

/* The call, and what a refusal or a success must look like. */
static void qc_call(struct result *r, struct wqd_queue_create *c)
{
	struct wqd_queue_create before = *c;

	if (call(r, g.fd, WQD_IOC_QUEUE_CREATE, c)) {
		CHECK(!memcmp(&before, c, sizeof(*c)));
		return;
	}
	qc_ok(r, &before, c);
}

TEST(queue_create__valid, 0)
{
	struct wqd_queue_create c;
	struct wqd_queue_info qi;

	qc_init(&c, "valid");
	qc_call(r, &c);
	memset(&qi, 0, sizeof(qi));
	qi.id = c.id;
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &qi));
	CHECK(!strcmp(qi.name, "valid") && name_clean(qi.name));
	CHECK(qi.kind == WQD_KIND_ALLOC && qi.items == 0 && qi.running == 0);
}

/*
 * A newer, larger struct whose zero tail cannot be written back: refused
 * before the queue is made, not after, when its id could not be returned.
 */
TEST(queue_create__bigger_tail_read_only, EFAULT)
{
	size_t ksize = sizeof(struct wqd_queue_create);
	unsigned char *two, *arg;

	two = mmap(NULL, 2 * g.page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(two != MAP_FAILED);
	arg = two + g.page - ksize;
	qc_init((struct wqd_queue_create *)arg, "tailro");
	REQUIRE(!mprotect(two + g.page, g.page, PROT_READ));
	call(r, g.fd, cmd_size(WQD_IOC_QUEUE_CREATE, ksize + 64), arg);
	munmap(two, 2 * g.page);
}

TEST(queue_create__null_pointer, EFAULT)
{
	call(r, g.fd, WQD_IOC_QUEUE_CREATE, NULL);
}

TEST(queue_create__pad_nonzero, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "pad");
	c.pad = 1;
	qc_call(r, &c);
}

TEST(queue_create__output_id_nonzero, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "outid");
	c.id = 99;
	qc_call(r, &c);
}

TEST(queue_create__unknown_flag, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "flag");
	c.flags = WQD_QF_ALL + 1;
	qc_call(r, &c);
}

TEST(queue_create__unknown_flag_bit31, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "flag");
	c.flags = 0x80000000U;
	qc_call(r, &c);
}

TEST(queue_create__kind_builtin, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "kind");
	c.kind = WQD_KIND_BUILTIN;
	qc_call(r, &c);
}

TEST(queue_create__kind_unknown, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "kind");
	c.kind = WQD_KIND_BUILTIN + 1;
	qc_call(r, &c);
}

TEST(queue_create__kind_huge, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "kind");
	c.kind = 0xffffffffU;
	qc_call(r, &c);
}

TEST(queue_create__max_active_too_big, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ma");
	c.max_active = WQ_MAX_ACTIVE + 1;
	qc_call(r, &c);
}

TEST(queue_create__max_active_huge, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ma");
	c.max_active = 0xffffffffU;
	qc_call(r, &c);
}

TEST(queue_create__max_active_at_limit, 0)
{
	struct wqd_queue_create c;

	qc_init(&c, "ma");
	c.max_active = WQ_MAX_ACTIVE;
	qc_call(r, &c);
}

TEST(queue_create__legacy_with_flags, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "lg");
	c.kind = WQD_KIND_LEGACY;
	c.flags = WQD_QF_UNBOUND;
	qc_call(r, &c);
}

TEST(queue_create__legacy_with_max_active, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "lg");
	c.kind = WQD_KIND_LEGACY;
	c.max_active = 1;
	qc_call(r, &c);
}

TEST(queue_create__legacy_single_with_flags, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "lgs");
	c.kind = WQD_KIND_LEGACY_SINGLE;
	c.flags = WQD_QF_HIGHPRI;
	qc_call(r, &c);
}

TEST(queue_create__ordered_with_max_active, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ord");
	c.kind = WQD_KIND_ORDERED;
	c.max_active = 2;
	qc_call(r, &c);
}

TEST(queue_create__ordered_unbound, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ord");
	c.kind = WQD_KIND_ORDERED;
	c.flags = WQD_QF_UNBOUND;
	qc_call(r, &c);
}

TEST(queue_create__ordered_sysfs, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ord");
	c.kind = WQD_KIND_ORDERED;
	c.flags = WQD_QF_SYSFS;
	qc_call(r, &c);
}

/* BH: refused as unsupported before 6.9, as a bad mix from 6.9 on. */
TEST(queue_create__bh_with_unbound, EINVAL)
{
	struct wqd_queue_create c;

	r->expect = g.bh ? EINVAL : EOPNOTSUPP;
	qc_init(&c, "bh");
	c.flags = WQD_QF_BH | WQD_QF_UNBOUND;
	qc_call(r, &c);
}

TEST(queue_create__bh_with_max_active, EINVAL)
{
	struct wqd_queue_create c;

	r->expect = g.bh ? EINVAL : EOPNOTSUPP;
	qc_init(&c, "bh");
	c.flags = WQD_QF_BH;
	c.max_active = 1;
	qc_call(r, &c);
}

TEST(queue_create__bh_ordered, EINVAL)
{
	struct wqd_queue_create c;

	r->expect = g.bh ? EINVAL : EOPNOTSUPP;
	qc_init(&c, "bh");
	c.kind = WQD_KIND_ORDERED;
	c.flags = WQD_QF_BH;
	qc_call(r, &c);
}

TEST(queue_create__bh_on_this_kernel, 0)
{
	struct wqd_queue_create c;

	r->expect = g.bh ? 0 : EOPNOTSUPP;
	qc_init(&c, "bh");
	c.flags = WQD_QF_BH;
	qc_call(r, &c);
}

TEST(queue_create__name_empty, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "");
	qc_call(r, &c);
}

TEST(queue_create__name_20_chars, ENAMETOOLONG)
{
	struct wqd_queue_create c;

	qc_init(&c, "abcdefghijklmnopqrst");
	qc_call(r, &c);
}

TEST(queue_create__name_31_chars, ENAMETOOLONG)
{
	struct wqd_queue_create c;

	qc_init(&c, "abcdefghijklmnopqrstuvwxyz01234");
	qc_call(r, &c);
}

TEST(queue_create__name_19_chars, 0)
{
	struct wqd_queue_create c;

	qc_init(&c, "abcdefghijklmnopqrs");
	qc_call(r, &c);
}

TEST(queue_create__name_unterminated, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "");
	memset(c.name, 'a', sizeof(c.name));
	qc_call(r, &c);
}

TEST(queue_create__name_space, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "a b");
	qc_call(r, &c);
}

TEST(queue_create__name_slash, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "a/b");
	qc_call(r, &c);
}

TEST(queue_create__name_newline, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ab\n");
	qc_call(r, &c);
}

TEST(queue_create__name_percent, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "a%sb");
	qc_call(r, &c);
}

TEST(queue_create__name_non_ascii, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "caf\xc3\xa9");
	qc_call(r, &c);
}

/*
 * The kernel's isalnum() takes Latin-1 letters (0xc0-0xff, but for 0xd7
 * and 0xf7) for letters; the ABI allows [A-Za-z0-9_.-] only.
 */
TEST(queue_create__name_latin1_letter, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "caf\xe9");
	qc_call(r, &c);
}

TEST(queue_create__name_all_digits, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "12345");
	qc_call(r, &c);
}

TEST(queue_create__name_garbage_after_nul, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ab");
	c.name[5] = 'x';
	qc_call(r, &c);
}

TEST(queue_create__name_digits_and_dot, 0)
{
	struct wqd_queue_create c;

	qc_init(&c, "1.5");
	qc_call(r, &c);
}

TEST(queue_create__name_duplicate, EEXIST)
{
	struct wqd_queue_create c;

	REQUIRE(mk_queue("dup"));
	qc_init(&c, "dup");
	qc_call(r, &c);
}

TEST(queue_create__name_of_builtin, EEXIST)
{
	struct wqd_queue_create c;

	qc_init(&c, "system_long");
	qc_call(r, &c);
}

/*
 * The struct can be read but not written back: the call must fail with
 * EFAULT and make nothing, rather than make a queue whose id it could
 * not tell.
 */
TEST(queue_create__struct_in_read_only_memory, EFAULT)
{
	struct wqd_queue_create c;

	qc_init(&c, "rdonly");
	call(r, g.fd, WQD_IOC_QUEUE_CREATE, read_only_copy(&c, sizeof(c)));
}

TEST(queue_create__name_of_destroyed_queue, 0)
{
	struct wqd_queue_create c;
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("again")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	qc_init(&c, "again");
	qc_call(r, &c);
	CHECK(c.id != q.id);
}

/* ---- queue destroy, flush, drain ---- */

/* In only, refused or not: the kernel writes nothing back. */
static void qref_call(struct result *r, unsigned long cmd, struct wqd_queue_ref *q)
{
	struct wqd_queue_ref before = *q;

	call(r, g.fd, cmd, q);
	CHECK(!memcmp(&before, q, sizeof(*q)));
}

/* A user queue with one pending item, so a wrong call would show. */
static __u64 busy_queue(struct result *r, __u64 *item)
{
	__u64 q = mk_queue("victim");

	if (!q) {
		fail(r, "set-up: queue create: %s", ename(errno));
		return 0;
	}
	*item = mk_delayed(q, 60 * SEC);
	if (!*item) {
		fail(r, "set-up: submit: %s", ename(errno));
		return 0;
	}
	return q;
}

#define QREF_CASES(op, CMD)						\
TEST(queue_##op##__flags_nonzero, EINVAL)				\
{									\
	struct wqd_queue_ref q = { .flags = 1 };			\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__pad_nonzero, EINVAL)					\
{									\
	struct wqd_queue_ref q = { .pad = 0x80000000U };		\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__unknown_id, ENOENT)					\
{									\
	struct wqd_queue_ref q = { .id = 4242 };			\
									\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__id_0, ENOENT)					\
{									\
	struct wqd_queue_ref q = { .id = 0 };				\
									\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__id_high_bits, ENOENT)				\
{									\
	struct wqd_queue_ref q = { 0 };					\
	__u64 it;							\
									\
	REQUIRE((q.id = busy_queue(r, &it)));				\
	q.id |= 1ULL << 32;						\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__destroyed_id, ENOENT)				\
{									\
	struct wqd_queue_ref q = { 0 };					\
									\
	REQUIRE((q.id = mk_queue("gone")));				\
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));		\
	qref_call(r, CMD, &q);						\
}									\
TEST(queue_##op##__builtin, EPERM)					\
{									\
	struct wqd_queue_ref q = { .id = WQD_QUEUE_SYSTEM };		\
	__u64 it;							\
									\
	REQUIRE((it = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));	\
	qref_call(r, CMD, &q);						\
	CHECK(wait_state(it, WQD_STATE_PENDING, 0));			\
}									\
TEST(queue_##op##__builtin_unbound, EPERM)				\
{									\
	struct wqd_queue_ref q = { .id = WQD_QUEUE_SYSTEM_UNBOUND };	\
									\
	qref_call(r, CMD, &q);						\
}

QREF_CASES(destroy, WQD_IOC_QUEUE_DESTROY)
QREF_CASES(flush, WQD_IOC_QUEUE_FLUSH)
QREF_CASES(drain, WQD_IOC_QUEUE_DRAIN)

TEST(queue_destroy__valid_frees_items, 0)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_work_info wi;
	__u64 it;

	REQUIRE((q.id = busy_queue(r, &it)));
	qref_call(r, WQD_IOC_QUEUE_DESTROY, &q);
	CHECK(!work_info(it, &wi) && errno == ENOENT);
}

TEST(queue_drain__valid_stops_items, 0)
{
	struct wqd_queue_ref q = { 0 };
	__u64 it;

	REQUIRE((q.id = busy_queue(r, &it)));
	qref_call(r, WQD_IOC_QUEUE_DRAIN, &q);
	CHECK(wait_state(it, WQD_STATE_CANCELLED, 0));
}

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

static bool drain_start(struct result *r, struct draining *d)
{
	struct wqd_work_submit s;

	memset(d, 0, sizeof(*d));
	d->child = -1;
	d->queue = mk_queue("draining");
	if (!d->queue)
		goto err;
	submit_init(&s, d->queue);
	s.sleep_ns = 2 * SEC;
	d->sleeper = submit_fd(g.fd, &s);
	if (!d->sleeper || !wait_state(d->sleeper, WQD_STATE_RUNNING, 10000))
		goto err;
	d->delayed = mk_delayed(d->queue, 60 * SEC);
	if (!d->delayed)
		goto err;
	d->child = fork();
	if (d->child < 0)
		goto err;
	if (!d->child) {
		struct wqd_queue_ref q = { .id = d->queue };

		_exit(xioctl(g.fd, WQD_IOC_QUEUE_DRAIN, &q));
	}
	if (!wait_state(d->delayed, WQD_STATE_CANCELLED, 10000)) {
		fail(r, "set-up: the drain never began");
		return false;
	}
	return true;
err:
	fail(r, "set-up: %s", ename(errno));
	return false;
}

static void drain_end(struct result *r, struct draining *d)
{
	int status;

	if (d->child <= 0)
		return;
	if (waitpid(d->child, &status, 0) != d->child || !WIFEXITED(status)) {
		fail(r, "the draining child failed");
		return;
	}
	if (WEXITSTATUS(status))
		fail(r, "the drain itself failed: %s", ename(WEXITSTATUS(status)));
}

TEST(queue_drain__while_draining_submit, EBUSY)
{
	struct draining d;
	struct wqd_work_submit s;

	if (drain_start(r, &d)) {
		/*
		 * Not checked: that ids[] is untouched. The kernel writes the
		 * ids before it commits the items, and finds the queue
		 * draining only then; a refused submit's ids mean nothing.
		 */
		submit_init(&s, d.queue);
		call(r, g.fd, WQD_IOC_WORK_SUBMIT, &s);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_destroy, EBUSY)
{
	struct draining d;
	struct wqd_queue_ref q = { 0 };

	if (drain_start(r, &d)) {
		q.id = d.queue;
		call(r, g.fd, WQD_IOC_QUEUE_DESTROY, &q);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_drain, EBUSY)
{
	struct draining d;
	struct wqd_queue_ref q = { 0 };

	if (drain_start(r, &d)) {
		q.id = d.queue;
		call(r, g.fd, WQD_IOC_QUEUE_DRAIN, &q);
	}
	drain_end(r, &d);
}

TEST(queue_drain__while_draining_mod, EBUSY)
{
	struct draining d;
	struct wqd_work_ref w = { 0 };

	if (drain_start(r, &d)) {
		w.id = d.delayed;
		w.delay_ns = MS;
		call(r, g.fd, WQD_IOC_WORK_MOD, &w);
		CHECK(w.result == 0);
	}
	drain_end(r, &d);
}

/* ---- queue info ---- */

/* A queue's info: every field written, for the queue asked for. */
static void qi_ok(struct result *r, const struct wqd_queue_info *before,
		  const struct wqd_queue_info *qi)
{
	CHECK(qi->id == before->id);
	CHECK(no_sentinel_word(qi, sizeof(*qi)));
	CHECK(qi->name[0] && name_clean(qi->name));
	CHECK((qi->kind == WQD_KIND_BUILTIN) == (qi->id < WQD_QUEUE_ID_USER));
	CHECK(!(qi->flags & ~WQD_QF_ALL));
}

static void qi_call(struct result *r, struct wqd_queue_info *qi)
{
	struct wqd_queue_info before = *qi;

	if (call(r, g.fd, WQD_IOC_QUEUE_INFO, qi))
		CHECK(!memcmp(&before, qi, sizeof(*qi)));
	else
		qi_ok(r, &before, qi);
}

TEST(queue_info__builtin_no_leak, 0)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM_HIGHPRI;
	qi_call(r, &qi);
	CHECK(!strcmp(qi.name, "system_highpri") && name_clean(qi.name));
	CHECK(qi.kind == WQD_KIND_BUILTIN && qi.flags == WQD_QF_HIGHPRI);
	CHECK(qi.max_active == 0 && qi.items == 0);
	CHECK(qi.queued == 0 && qi.executed == 0 && qi.cancelled == 0);
}

/* Only the id is input: the rest must be zero, for flags to come. */
TEST(queue_info__input_not_zero, EINVAL)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM;
	qi.max_running = 1;
	qi_call(r, &qi);
}

TEST(queue_info__unknown_id, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = 4242;
	qi_call(r, &qi);
}

TEST(queue_info__id_0, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = 0;
	qi_call(r, &qi);
}

TEST(queue_info__id_high_bits, ENOENT)
{
	struct wqd_queue_info qi;

	memset(&qi, 0, sizeof(qi));
	qi.id = (1ULL << 32) | WQD_QUEUE_SYSTEM;
	qi_call(r, &qi);
}

TEST(queue_info__destroyed_id, ENOENT)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_queue_info qi;

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	memset(&qi, 0, sizeof(qi));
	qi.id = q.id;
	qi_call(r, &qi);
}

TEST(queue_info__struct_in_read_only_memory, EFAULT)
{
	struct wqd_queue_info qi = { .id = WQD_QUEUE_SYSTEM };

	call(r, g.fd, WQD_IOC_QUEUE_INFO, read_only_copy(&qi, sizeof(qi)));
}

TEST(queue_info__system_bh_on_this_kernel, 0)
{
	struct wqd_queue_info qi;

	r->expect = g.bh ? 0 : ENOENT;
	memset(&qi, 0, sizeof(qi));
	qi.id = WQD_QUEUE_SYSTEM_BH;
	qi_call(r, &qi);
	if (!r->got) {
		CHECK(!strcmp(qi.name, "system_bh"));
		CHECK(qi.kind == WQD_KIND_BUILTIN && qi.flags == WQD_QF_BH);
	}
}

/* ---- queue and work lists ---- */

static void list_init(struct wqd_list *l, size_t entry_size, __u32 capacity)
{
	memset(l, 0, sizeof(*l));
	memset(listbuf, SENTINEL, sizeof(listbuf));
	l->buf_ptr = (uintptr_t)listbuf;
	l->entry_size = entry_size;
	l->capacity = capacity;
}

/*
 * A page of a list: its in fields as they were, count entries written in
 * order of id from the cursor on, each filled to its size, and nothing
 * after them; a page short of the capacity is the last.
 */
static void list_ok(struct result *r, unsigned long cmd,
		    const struct wqd_list *before, const struct wqd_list *l)
{
	size_t ss = cmd == WQD_IOC_QUEUE_LIST ? sizeof(struct wqd_queue_info) :
						sizeof(struct wqd_work_info);
	size_t es = l->entry_size, cap = l->capacity < 256 ? l->capacity : 256, i;
	__u64 id, last = 0, queue;

	CHECK(l->buf_ptr == before->buf_ptr && l->entry_size == before->entry_size);
	CHECK(l->capacity == before->capacity && l->queue_id == before->queue_id);
	CHECK(l->pad == 0 && l->count <= cap);
	CHECK(l->count == cap || l->cursor == 0);
	if (l->buf_ptr != (uintptr_t)listbuf || l->count * es > sizeof(listbuf))
		return;
	if (ss > es)
		ss = es;
	for (i = 0; i < l->count; i++) {
		const unsigned char *e = listbuf + i * es;

		CHECK(no_sentinel_word(e, ss));
		CHECK(all_bytes(e + ss, 0, es - ss));
		memcpy(&id, e, sizeof(id));
		CHECK(id >= before->cursor && id > last);
		last = id;
		if (cmd == WQD_IOC_WORK_LIST && l->queue_id) {
			memcpy(&queue, e + offsetof(struct wqd_work_info, queue_id),
			       sizeof(queue));
			CHECK(queue == l->queue_id);
		}
	}
	CHECK(all_bytes(listbuf + l->count * es, SENTINEL,
			sizeof(listbuf) - l->count * es));
}

static void list_call(struct result *r, unsigned long cmd, struct wqd_list *l)
{
	struct wqd_list before = *l;

	if (call(r, g.fd, cmd, l)) {
		CHECK(!memcmp(&before, l, sizeof(*l)));
		if (l->buf_ptr == (uintptr_t)listbuf)
			CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
	} else {
		list_ok(r, cmd, &before, l);
	}
}

/* The smallest entry: its struct in ABI version 1. */
#define LIST_CASES(obj, CMD, ENTRY, FIRST)				\
TEST(obj##_list__capacity_0, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 0);				\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_too_small, EINVAL)				\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, FIRST - 1, 16);					\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_0, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, 0, 16);						\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__entry_size_4097, EINVAL)				\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, 4097, 16);					\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__count_nonzero, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 16);				\
	l.count = 1;							\
	list_call(r, CMD, &l);						\
}									\
TEST(obj##_list__pad_nonzero, EINVAL)					\
{									\
	struct wqd_list l;						\
									\
	list_init(&l, sizeof(ENTRY), 16);				\
	l.pad = 1;							\
	list_call(r, CMD, &l);						\
}

LIST_CASES(queue, WQD_IOC_QUEUE_LIST, struct wqd_queue_info,
	   V1(wqd_queue_info, cancelled))
LIST_CASES(work, WQD_IOC_WORK_LIST, struct wqd_work_info,
	   V1(wqd_work_info, runtime))

TEST(queue_list__queue_id_nonzero, EINVAL)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.queue_id = WQD_QUEUE_SYSTEM;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

TEST(queue_list__buffer_bad_pointer, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = (uintptr_t)g.guard;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

TEST(queue_list__buffer_null, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = 0;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

/* Room for 16 entries, but the page ends after the first. */
TEST(queue_list__buffer_half_mapped, EFAULT)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.buf_ptr = (uintptr_t)(g.guard - sizeof(struct wqd_queue_info));
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
}

/* A newer userspace's bigger entry: the kernel zero-fills the rest. */
TEST(queue_list__bigger_entry_zero_filled, 0)
{
	const size_t es = sizeof(struct wqd_queue_info) + 40;
	struct wqd_list l;
	__u32 i;

	list_init(&l, es, 64);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count >= 6 && l.count < 64 && l.cursor == 0 && l.pad == 0);
	for (i = 0; i < l.count; i++) {
		struct wqd_queue_info *qi = (void *)(listbuf + i * es);

		CHECK(qi->id && name_clean(qi->name));
		CHECK(all_bytes(listbuf + i * es + sizeof(*qi), 0, 40));
	}
	/* And nothing beyond the entries it reported. */
	CHECK(all_bytes(listbuf + l.count * es, SENTINEL, es));
}

TEST(queue_list__entry_size_4096, 0)
{
	struct wqd_list l;

	list_init(&l, 4096, 8);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count >= 6);
	CHECK(all_bytes(listbuf + sizeof(struct wqd_queue_info), 0,
			4096 - sizeof(struct wqd_queue_info)));
}

TEST(queue_list__cursor_past_the_end, 0)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 16);
	l.cursor = 1ULL << 40;
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count == 0 && l.cursor == 0);
	CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
}

TEST(queue_list__a_page_and_a_cursor, 0)
{
	struct wqd_list l;

	list_init(&l, sizeof(struct wqd_queue_info), 2);
	list_call(r, WQD_IOC_QUEUE_LIST, &l);
	CHECK(l.count == 2 && l.cursor > WQD_QUEUE_SYSTEM_HIGHPRI);
	CHECK(all_bytes(listbuf + 2 * sizeof(struct wqd_queue_info), SENTINEL, 64));
}

TEST(work_list__buffer_bad_pointer, EFAULT)
{
	struct wqd_list l;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	list_init(&l, sizeof(struct wqd_work_info), 16);
	l.buf_ptr = (uintptr_t)g.guard;
	list_call(r, WQD_IOC_WORK_LIST, &l);
}

TEST(work_list__bigger_entry_zero_filled, 0)
{
	const size_t es = sizeof(struct wqd_work_info) + 24;
	struct wqd_list l;
	struct wqd_work_info *wi = (void *)listbuf;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC));
	list_init(&l, es, 16);
	list_call(r, WQD_IOC_WORK_LIST, &l);
	CHECK(l.count == 2 && l.cursor == 0);
	CHECK(wi->pad == 0 && name_clean(wi->name) && wi->state == WQD_STATE_PENDING);
	CHECK(wi->last_cpu == WQD_CPU_ANY && wi->runs == 0);
	CHECK(all_bytes(listbuf + sizeof(*wi), 0, 24));
	CHECK(all_bytes(listbuf + sizeof(*wi) + 24 + sizeof(*wi), 0, 24));
	CHECK(all_bytes(listbuf + 2 * es, SENTINEL, es));
}

TEST(work_list__filter_unknown_queue, 0)
{
	struct wqd_list l;

	REQUIRE(mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC));
	list_init(&l, sizeof(struct wqd_work_info), 16);
	l.queue_id = 4242;
	list_call(r, WQD_IOC_WORK_LIST, &l);
	CHECK(l.count == 0 && l.cursor == 0);
	CHECK(all_bytes(listbuf, SENTINEL, sizeof(listbuf)));
}

/* ---- histograms ---- */

/* Histograms: of what was asked, and every run in one bucket of each. */
static void hist_ok(struct result *r, const struct wqd_hist *before,
		    const struct wqd_hist *h)
{
	__u64 late = 0, run = 0;
	int i;

	CHECK(h->queue_id == before->queue_id && h->item_id == before->item_id);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h->lateness[i];
		run += h->runtime[i];
	}
	CHECK(late == run);
}

static void hist_call(struct result *r, struct wqd_hist *h)
{
	static struct wqd_hist before;

	before = *h;
	if (call(r, g.fd, WQD_IOC_QUEUE_HIST, h))
		CHECK(!memcmp(&before, h, sizeof(*h)));
	else
		hist_ok(r, &before, h);
}

TEST(queue_hist__queue_and_item, EINVAL)
{
	struct wqd_hist h = { .queue_id = WQD_QUEUE_SYSTEM };

	REQUIRE((h.item_id = mk_hist_item(WQD_QUEUE_SYSTEM, 1)));
	hist_call(r, &h);
}

TEST(queue_hist__unknown_item, ENOENT)
{
	struct wqd_hist h = { .item_id = 424242 };

	hist_call(r, &h);
}

TEST(queue_hist__item_id_high_bits, ENOENT)
{
	struct wqd_hist h = { 0 };

	REQUIRE((h.item_id = mk_hist_item(WQD_QUEUE_SYSTEM, 1)));
	h.item_id |= 1ULL << 32;
	hist_call(r, &h);
}

TEST(queue_hist__item_without_hist_flag, EINVAL)
{
	struct wqd_hist h = { 0 };

	REQUIRE((h.item_id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	hist_call(r, &h);
}

TEST(queue_hist__item_freed, ENOENT)
{
	struct wqd_hist h = { 0 };
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE((h.item_id = mk_hist_item(q.id, 1)));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	hist_call(r, &h);
}

/* An item's histograms add up to its runs, and come back clean. */
TEST(queue_hist__item_sums_match_runs, 0)
{
	struct wqd_hist h = { 0 };
	__u64 id, late = 0, run = 0;
	int i;

	REQUIRE((id = mk_hist_item(WQD_QUEUE_SYSTEM, 3)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	h.item_id = id;
	hist_call(r, &h);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h.lateness[i];
		run += h.runtime[i];
	}
	CHECK(late == 3 && run == 3 && h.item_id == id && h.queue_id == 0);
}

TEST(queue_hist__output_lateness_nonzero, EINVAL)
{
	struct wqd_hist h = { .queue_id = WQD_QUEUE_SYSTEM };

	h.lateness[7] = 1;
	hist_call(r, &h);
}

TEST(queue_hist__output_last_runtime_nonzero, EINVAL)
{
	struct wqd_hist h = { .queue_id = 0 };

	h.runtime[WQD_HIST_BUCKETS - 1] = 1ULL << 63;
	hist_call(r, &h);
}

TEST(queue_hist__unknown_queue, ENOENT)
{
	struct wqd_hist h = { .queue_id = 4242 };

	hist_call(r, &h);
}

TEST(queue_hist__id_high_bits, ENOENT)
{
	struct wqd_hist h = { .queue_id = (1ULL << 32) | WQD_QUEUE_SYSTEM };

	hist_call(r, &h);
}

TEST(queue_hist__destroyed_queue, ENOENT)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_hist h = { 0 };

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	h.queue_id = q.id;
	hist_call(r, &h);
}

TEST(queue_hist__sums_match_executed, 0)
{
	struct wqd_hist h = { 0 };
	struct wqd_work_submit s;
	__u64 q, id, late = 0, run = 0;
	int i;

	REQUIRE((q = mk_queue("hist")));
	submit_init(&s, q);
	s.count = 3;
	REQUIRE((id = submit_fd(g.fd, &s)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	h.queue_id = q;
	hist_call(r, &h);
	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		late += h.lateness[i];
		run += h.runtime[i];
	}
	CHECK(late == 3 && run == 3 && h.queue_id == q && h.item_id == 0);
}

/* ---- calibrate ---- */

static void cal_init(struct wqd_calibrate *c, __u64 queue_id, __u32 runs)
{
	memset(c, 0, sizeof(*c));
	c->queue_id = queue_id;
	c->runs = runs;
}

/* A calibration done: every run made, the in fields as they were. */
static void cal_ok(struct result *r, const struct wqd_calibrate *before,
		   const struct wqd_calibrate *c)
{
	CHECK(c->queue_id == before->queue_id && c->runs == before->runs);
	CHECK(c->flags == before->flags && c->pad == 0);
	CHECK(c->done == c->runs);
}

/* A refusal leaves the struct as it was: nothing written back. */
static void cal_call(struct result *r, struct wqd_calibrate *c)
{
	struct wqd_calibrate before = *c;

	if (call(r, g.fd, WQD_IOC_CALIBRATE, c))
		CHECK(!memcmp(&before, c, sizeof(*c)));
	else
		cal_ok(r, &before, c);
}

/* A call with WQD_CALF_* @flags on a queue just destroyed. */
static void cal_destroyed_queue(struct result *r, __u32 flags)
{
	struct wqd_queue_ref q = { 0 };
	struct wqd_calibrate c;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	cal_init(&c, q.id, 10);
	c.flags = flags;
	cal_call(r, &c);
}

/* The same on a queue in the middle of a drain. */
static void cal_while_draining(struct result *r, __u32 flags)
{
	struct draining d;
	struct wqd_calibrate c;

	if (drain_start(r, &d)) {
		cal_init(&c, d.queue, 10);
		c.flags = flags;
		cal_call(r, &c);
	}
	drain_end(r, &d);
}

/*
 * Exactly @runs runs, all of them the bare handler's: the queue's own
 * counters (wqdemo's bookkeeping) do not move.
 */
TEST(calibrate__valid_runs_exactly, 0)
{
	struct wqd_queue_info before = { .id = WQD_QUEUE_SYSTEM }, after = before;
	struct wqd_calibrate c;

	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before));
	cal_init(&c, WQD_QUEUE_SYSTEM, 1000);
	cal_call(r, &c);
	CHECK(c.done == 1000);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.queue_id == WQD_QUEUE_SYSTEM && c.runs == 1000 && !c.flags && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after));
	CHECK(after.executed == before.executed && after.queued == before.queued);
}

/* The clock read on every run is the only difference: still no counter. */
TEST(calibrate__valid_clock_every_run, 0)
{
	struct wqd_queue_info before = { .id = WQD_QUEUE_SYSTEM }, after = before;
	struct wqd_calibrate c;

	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before));
	cal_init(&c, WQD_QUEUE_SYSTEM, 1000);
	c.flags = WQD_CALF_CLOCK;
	cal_call(r, &c);
	CHECK(c.done == 1000);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.flags == WQD_CALF_CLOCK && c.runs == 1000 && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after));
	CHECK(after.executed == before.executed && after.queued == before.queued);
}

/*
 * Bare submits: exactly @runs, timed, and nothing of them left behind.
 * wqdemo counts none of them (no item, no submit, no queueing), and the
 * queue they were armed on is destroyed at once: a bare item still
 * pending would hold its timer past the queue (ODEBUG on the debug
 * kernel).
 */
TEST(calibrate__valid_bare_submits, 0)
{
	struct wqd_queue_info before = { 0 }, after;
	struct wqd_info i0, i1;
	struct wqd_queue_ref q = { 0 };
	struct wqd_calibrate c;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	before.id = q.id;
	after = before;
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &before) && get_info(&i0));
	cal_init(&c, q.id, WQD_CALIBRATE_MAX_SUBMITS);
	c.flags = WQD_CALF_SUBMIT;
	cal_call(r, &c);
	CHECK(c.done == WQD_CALIBRATE_MAX_SUBMITS);
	CHECK(c.elapsed_ns > 0 && c.elapsed_ns < 60 * SEC);
	CHECK(c.flags == WQD_CALF_SUBMIT && !c.pad);
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_INFO, &after) && get_info(&i1));
	CHECK(after.queued == before.queued && after.items == before.items);
	CHECK(i1.nr_items == i0.nr_items && i1.submitted == i0.submitted);
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
}

TEST(calibrate__bare_submits_over_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, WQD_CALIBRATE_MAX_SUBMITS + 1);
	c.flags = WQD_CALF_SUBMIT;
	cal_call(r, &c);
}

/* A bare submit has no run to read the clock in. */
TEST(calibrate__bare_submits_with_clock, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = WQD_CALF_SUBMIT | WQD_CALF_CLOCK;
	cal_call(r, &c);
}

TEST(calibrate__bare_submits_destroyed_queue, ENOENT)
{
	cal_destroyed_queue(r, WQD_CALF_SUBMIT);
}

/* A draining queue takes nothing new, bare or not. */
TEST(calibrate__bare_submits_while_draining, EBUSY)
{
	cal_while_draining(r, WQD_CALF_SUBMIT);
}

TEST(calibrate__valid_one_run, 0)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 1);
	cal_call(r, &c);
	CHECK(c.done == 1);
}

TEST(calibrate__valid_user_queue, 0)
{
	struct wqd_calibrate c;
	__u64 q = mk_queue("cal");

	REQUIRE(q);
	cal_init(&c, q, 100);
	cal_call(r, &c);
	CHECK(c.done == 100);
}

TEST(calibrate__runs_0, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 0);
	cal_call(r, &c);
}

TEST(calibrate__runs_over_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, WQD_CALIBRATE_MAX_RUNS + 1);
	cal_call(r, &c);
}

TEST(calibrate__runs_u32_max, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, UINT32_MAX);
	cal_call(r, &c);
}

TEST(calibrate__flags_unknown, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = WQD_CALF_ALL + 1;
	cal_call(r, &c);
}

TEST(calibrate__flag_bit31, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.flags = 1U << 31;
	cal_call(r, &c);
}

TEST(calibrate__pad_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.pad = 1;
	cal_call(r, &c);
}

TEST(calibrate__output_elapsed_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.elapsed_ns = 1;
	cal_call(r, &c);
}

TEST(calibrate__output_done_nonzero, EINVAL)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	c.done = 10;
	cal_call(r, &c);
}

TEST(calibrate__unknown_queue, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, 9999, 10);
	cal_call(r, &c);
}

TEST(calibrate__queue_0, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, 0, 10);
	cal_call(r, &c);
}

TEST(calibrate__queue_id_high_bits, ENOENT)
{
	struct wqd_calibrate c;

	cal_init(&c, (1ULL << 32) | WQD_QUEUE_SYSTEM, 10);
	cal_call(r, &c);
}

TEST(calibrate__destroyed_queue, ENOENT)
{
	cal_destroyed_queue(r, 0);
}

TEST(calibrate__while_draining, EBUSY)
{
	cal_while_draining(r, 0);
}

TEST(calibrate__struct_in_read_only_memory, EFAULT)
{
	struct wqd_calibrate c;

	cal_init(&c, WQD_QUEUE_SYSTEM, 10);
	call(r, g.fd, WQD_IOC_CALIBRATE, read_only_copy(&c, sizeof(c)));
}

/*
 * SIGKILL in the middle of the longest chain there is: the call stops the
 * chain and waits for it before the process dies, so the child is reaped
 * long before the chain's natural end (some seconds even natively), and
 * the queue it ran on can be destroyed at once (KASAN on the debug kernel
 * would see a handler touching the dead stack).
 */
TEST(calibrate__killed_mid_chain, 0)
{
	struct wqd_queue_ref q = { 0 };
	struct timespec t0, t1;
	int status = 0;
	double secs;
	pid_t pid;

	q.id = mk_queue("cal");
	REQUIRE(q.id);
	pid = fork();
	REQUIRE(pid >= 0);
	if (!pid) {
		struct wqd_calibrate c;

		cal_init(&c, q.id, WQD_CALIBRATE_MAX_RUNS);
		ioctl(g.fd, WQD_IOC_CALIBRATE, &c);
		_exit(3);
	}
	sleep_ms(300);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	kill(pid, SIGKILL);
	call_sys(r, waitpid(pid, &status, 0) == pid ? 0 : -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(secs < 2.0);
	CHECK(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
}

/* ---- work submit ---- */

/*
 * Items made: the struct as it was (all of it is in), one new id written
 * per instance into ids[] (pre-filled with the sentinel) and not one
 * more, and each item what was asked, as its info tells.
 */
static void ws_ok(struct result *r, const struct wqd_work_submit *before,
		  const struct wqd_work_submit *s)
{
	size_t n = s->instances ? s->instances : 1, i, j;
	struct wqd_work_info wi;

	CHECK(!memcmp(before, s, sizeof(*s)));
	if (s->ids_ptr != (uintptr_t)ids)
		return;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		if (i >= n) {
			CHECK(ids[i] == SENT64);
			continue;
		}
		CHECK(ids[i] && ids[i] != SENT64);
		for (j = 0; j < i; j++)
			CHECK(ids[j] != ids[i]);
		if (!work_info(ids[i], &wi)) {
			fail(r, "item %llu, id %zu of the submit: %s",
			     (unsigned long long)ids[i], i, ename(errno));
			continue;
		}
		CHECK(wi.queue_id == s->queue_id && wi.flags == s->flags);
		CHECK(wi.cpu == s->cpu && wi.count == s->count);
		CHECK(wi.delay_ns == s->delay_ns && wi.period_ns == s->period_ns);
		CHECK(wi.busy_ns == s->busy_ns && wi.sleep_ns == s->sleep_ns);
		CHECK(!strncmp(wi.name, s->name, WQD_NAME_LEN) && name_clean(wi.name));
	}
}

static void ws_call(struct result *r, struct wqd_work_submit *s)
{
	struct wqd_work_submit before = *s;
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		ids[i] = SENT64;
	if (call(r, g.fd, WQD_IOC_WORK_SUBMIT, s)) {
		CHECK(!memcmp(&before, s, sizeof(*s)));
		/* Refused before a single id was written. */
		if (r->got != EFAULT)
			CHECK(ids[0] == SENT64);
	} else {
		ws_ok(r, &before, s);
	}
}

static void ws_init(struct wqd_work_submit *s)
{
	submit_init(s, WQD_QUEUE_SYSTEM);
	s->flags = WQD_WF_DELAYED;
	s->delay_ns = 60 * SEC;
}

TEST(work_submit__valid_three_ids, 0)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 3;
	ws_call(r, &s);
	CHECK(ids[0] && ids[1] && ids[2] && ids[0] != ids[1] && ids[1] != ids[2]);
	CHECK(ids[0] != SENT64 && ids[2] != SENT64 && ids[3] == SENT64);
}

/* Asleep in its handler for a period, it would keep suspend from freezing. */
TEST(work_submit__plain_periodic_on_freezable, EINVAL)
{
	struct wqd_work_submit s;

	submit_init(&s, WQD_QUEUE_SYSTEM_FREEZABLE);
	s.period_ns = SEC;
	s.count = 2;
	ws_call(r, &s);
}

/* Holders past the limit of a built-in queue: refused, nothing made. */
TEST(work_submit__holders_past_builtin_limit, ENOSPC)
{
	struct wqd_work_submit s;

	submit_init(&s, WQD_QUEUE_SYSTEM_LONG);
	s.sleep_ns = MS;
	s.flags = WQD_WF_DELAYED;
	s.delay_ns = 60 * SEC;
	s.instances = g.info.max_builtin_holders + 1;
	ws_call(r, &s);
}

TEST(work_submit__unknown_flag, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.flags |= WQD_WF_ALL + 1;
	ws_call(r, &s);
}

TEST(work_submit__unknown_flag_bit31, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.flags |= 0x80000000U;
	ws_call(r, &s);
}

TEST(work_submit__cpu_nr_cpu_ids, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.cpu = g.info.nr_cpu_ids;
	ws_call(r, &s);
}

TEST(work_submit__cpu_huge, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.cpu = WQD_CPU_ANY - 1;
	ws_call(r, &s);
}

TEST(work_submit__delay_on_plain_work, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.flags = 0;
	ws_call(r, &s);
}

TEST(work_submit__delay_over_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.delay_ns = g.info.max_period_ns + 1;
	ws_call(r, &s);
}

TEST(work_submit__delay_at_max, 0)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.delay_ns = g.info.max_period_ns;
	ws_call(r, &s);
}

TEST(work_submit__delay_u64_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.delay_ns = UINT64_MAX;
	ws_call(r, &s);
}

TEST(work_submit__period_over_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.period_ns = g.info.max_period_ns + 1;
	ws_call(r, &s);
}

TEST(work_submit__busy_over_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.busy_ns = g.info.max_payload_ns + 1;
	ws_call(r, &s);
}

TEST(work_submit__sleep_over_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.sleep_ns = g.info.max_payload_ns + 1;
	ws_call(r, &s);
}

TEST(work_submit__forever_without_period, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.count = 0;
	ws_call(r, &s);
}

TEST(work_submit__instances_over_max, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = g.info.max_instances + 1;
	ws_call(r, &s);
}

TEST(work_submit__ids_null, EFAULT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.ids_ptr = 0;
	ws_call(r, &s);
}

TEST(work_submit__ids_bad_pointer, EFAULT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.ids_ptr = (uintptr_t)g.guard;
	ws_call(r, &s);
}

/* Room for one id before the page ends, two asked: all or nothing. */
TEST(work_submit__ids_half_mapped, EFAULT)
{
	struct wqd_work_submit s;
	struct wqd_list l;

	ws_init(&s);
	s.instances = 2;
	s.ids_ptr = (uintptr_t)(g.guard - sizeof(__u64));
	ws_call(r, &s);
	list_init(&l, sizeof(struct wqd_work_info), 16);
	CHECK(!xioctl(g.fd, WQD_IOC_WORK_LIST, &l) && l.count == 0);
}

TEST(work_submit__unknown_queue, ENOENT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.queue_id = 4242;
	ws_call(r, &s);
}

TEST(work_submit__queue_0, ENOENT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.queue_id = 0;
	ws_call(r, &s);
}

TEST(work_submit__queue_id_high_bits, ENOENT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.queue_id = (1ULL << 32) | WQD_QUEUE_SYSTEM;
	ws_call(r, &s);
}

TEST(work_submit__destroyed_queue, ENOENT)
{
	struct wqd_work_submit s;
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("gone")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	ws_init(&s);
	s.queue_id = q.id;
	ws_call(r, &s);
}

/* system_bh: a sleeping payload from 6.9 on, no such queue before. */
TEST(work_submit__sleep_on_system_bh, EINVAL)
{
	struct wqd_work_submit s;

	r->expect = g.bh ? EINVAL : ENOENT;
	ws_init(&s);
	s.queue_id = WQD_QUEUE_SYSTEM_BH;
	s.sleep_ns = MS;
	ws_call(r, &s);
}

TEST(work_submit__name_bad_char, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	set_name(s.name, "a:b");
	ws_call(r, &s);
}

TEST(work_submit__name_all_digits, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	set_name(s.name, "42");
	ws_call(r, &s);
}

TEST(work_submit__name_unterminated, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	memset(s.name, 'x', sizeof(s.name));
	ws_call(r, &s);
}

TEST(work_submit__name_garbage_after_nul, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	set_name(s.name, "ok");
	s.name[WQD_NAME_LEN - 1] = 'x';
	ws_call(r, &s);
}

TEST(work_submit__name_latin1_letter, EINVAL)
{
	struct wqd_work_submit s;

	ws_init(&s);
	set_name(s.name, "\xe9t\xe9");
	ws_call(r, &s);
}

TEST(work_submit__ids_in_read_only_memory, EFAULT)
{
	struct wqd_work_submit s;
	__u64 zero = 0;

	ws_init(&s);
	s.ids_ptr = (uintptr_t)read_only_copy(&zero, sizeof(zero));
	ws_call(r, &s);
}

/* As for queue create: refused, so nothing made, nothing queued. */
TEST(work_submit__struct_in_read_only_memory, EFAULT)
{
	struct wqd_work_submit s;

	ws_init(&s);
	call(r, g.fd, WQD_IOC_WORK_SUBMIT, read_only_copy(&s, sizeof(s)));
}

TEST(work_submit__name_31_chars, 0)
{
	struct wqd_work_submit s;
	struct wqd_work_info wi;

	ws_init(&s);
	memset(s.name, 'n', WQD_NAME_LEN - 1);
	ws_call(r, &s);
	CHECK(work_info(ids[0], &wi) && strlen(wi.name) == WQD_NAME_LEN - 1);
}

/* ---- work cancel, flush, mod ---- */

static void wref_init(struct wqd_work_ref *w, __u64 id)
{
	memset(w, 0, sizeof(*w));
	w->id = id;
}

/* Done: the in fields as they were, and a result of known bits only. */
static void wref_ok(struct result *r, const struct wqd_work_ref *before,
		    const struct wqd_work_ref *w)
{
	CHECK(w->id == before->id && w->flags == before->flags);
	CHECK(w->delay_ns == before->delay_ns);
	CHECK(!(w->result & ~WQD_RESULT_PENDING));
}

static void wref_call(struct result *r, unsigned long cmd, struct wqd_work_ref *w)
{
	struct wqd_work_ref before = *w;

	if (call(r, g.fd, cmd, w))
		CHECK(!memcmp(&before, w, sizeof(*w)));
	else
		wref_ok(r, &before, w);
}

/* A refusal leaves the item as it was: still pending. */
#define WREF_CASES(op, CMD)						\
TEST(work_##op##__result_nonzero, EINVAL)				\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id);						\
	w.result = WQD_RESULT_PENDING;					\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__unknown_flag, EINVAL)					\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id);						\
	w.flags = 0x2;							\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__unknown_id, ENOENT)					\
{									\
	struct wqd_work_ref w;						\
									\
	wref_init(&w, 424242);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__id_0, ENOENT)						\
{									\
	struct wqd_work_ref w;						\
									\
	wref_init(&w, 0);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__id_high_bits, ENOENT)					\
{									\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));		\
	wref_init(&w, id | 1ULL << 32);					\
	wref_call(r, CMD, &w);						\
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));			\
}									\
TEST(work_##op##__freed_by_queue_destroy, ENOENT)			\
{									\
	struct wqd_queue_ref q = { 0 };					\
	struct wqd_work_ref w;						\
	__u64 id;							\
									\
	REQUIRE((q.id = busy_queue(r, &id)));				\
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));		\
	wref_init(&w, id);						\
	wref_call(r, CMD, &w);						\
}									\
TEST(work_##op##__freed_with_owner_fd, ENOENT)				\
{									\
	struct wqd_work_submit s;					\
	struct wqd_work_ref w;						\
	__u64 id;							\
	int fd;								\
									\
	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);		\
	ws_init(&s);							\
	s.flags |= WQD_WF_OWNED;					\
	id = submit_fd(fd, &s);						\
	close(fd);							\
	REQUIRE(id);							\
	wref_init(&w, id);						\
	wref_call(r, CMD, &w);						\
}

WREF_CASES(cancel, WQD_IOC_WORK_CANCEL)
WREF_CASES(flush, WQD_IOC_WORK_FLUSH)
WREF_CASES(mod, WQD_IOC_WORK_MOD)

TEST(work_cancel__delay_nonzero, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_flush__delay_nonzero, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

/* WQD_CANCEL_ASYNC is cancel's flag, and nobody else's. */
TEST(work_flush__cancel_async_flag, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_mod__cancel_async_flag, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

TEST(work_mod__delay_over_max, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = g.info.max_period_ns + 1;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
}

TEST(work_mod__plain_item, EINVAL)
{
	struct wqd_work_submit s;
	struct wqd_work_ref w;
	__u64 id;

	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.period_ns = 60 * SEC;
	s.count = 2;
	REQUIRE((id = submit_fd(g.fd, &s)));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
}

TEST(work_mod__cancelled_item, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_CANCEL, &w));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_CANCELLED, 0));
}

TEST(work_mod__done_item, EINVAL)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 0)));
	REQUIRE(wait_state(id, WQD_STATE_DONE, 20000));
	wref_init(&w, id);
	w.delay_ns = MS;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(wait_state(id, WQD_STATE_DONE, 0));
}

TEST(work_mod__valid_result_pending, 0)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	w.delay_ns = 30 * SEC;
	wref_call(r, WQD_IOC_WORK_MOD, &w);
	CHECK(w.result == WQD_RESULT_PENDING && w.flags == 0);
}

TEST(work_cancel__valid_result_pending, 0)
{
	struct wqd_work_ref w;
	struct wqd_info i;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(w.result == WQD_RESULT_PENDING);
	CHECK(wait_state(id, WQD_STATE_CANCELLED, 0));
	CHECK(get_info(&i) && i.cancelled == 1);
}

/* The second cancel finds nothing pending, and does not count again. */
TEST(work_cancel__twice, 0)
{
	struct wqd_work_ref w;
	struct wqd_info i;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_CANCEL, &w));
	wref_init(&w, id);
	w.flags = WQD_CANCEL_ASYNC;
	wref_call(r, WQD_IOC_WORK_CANCEL, &w);
	CHECK(w.result == 0);
	CHECK(get_info(&i) && i.cancelled == 1);
}

/*
 * The timer's work is queued and run at once. result is flush_work()'s
 * answer, whether it had to wait: a worker may have run the work before
 * flush_work() looked (it may sleep, and so schedule), so either is right.
 */
TEST(work_flush__valid_runs_it_now, 0)
{
	struct wqd_work_ref w;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	wref_init(&w, id);
	wref_call(r, WQD_IOC_WORK_FLUSH, &w);
	CHECK(!(w.result & ~WQD_RESULT_PENDING) && w.flags == 0);
	CHECK(wait_state(id, WQD_STATE_DONE, 0));
}

/* ---- work info ---- */

/* An item's info: every field written, for the item asked for. */
static void wi_ok(struct result *r, const struct wqd_work_info *before,
		  const struct wqd_work_info *wi)
{
	CHECK(wi->id == before->id && wi->queue_id);
	CHECK(no_sentinel_word(wi, sizeof(*wi)));
	CHECK(name_clean(wi->name) && wi->pad == 0);
	CHECK(wi->state <= WQD_STATE_OFFLINE && !(wi->flags & ~WQD_WF_ALL));
	CHECK(!wi->count || wi->runs <= wi->count);
}

static void wi_call(struct result *r, struct wqd_work_info *wi)
{
	static struct wqd_work_info before;

	before = *wi;
	if (call(r, g.fd, WQD_IOC_WORK_INFO, wi))
		CHECK(!memcmp(&before, wi, sizeof(*wi)));
	else
		wi_ok(r, &before, wi);
}

/* Only the id is input: the rest must be zero, for flags to come. */
TEST(work_info__input_not_zero, EINVAL)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi.pad = 1;
	wi_call(r, &wi);
}

/* Every output field written, pads and name tails zero. */
TEST(work_info__all_written_no_leak, 0)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM_LONG, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
	CHECK(wi.id == id && wi.queue_id == WQD_QUEUE_SYSTEM_LONG);
	CHECK(wi.name[0] == 0 && name_clean(wi.name));
	CHECK(wi.flags == WQD_WF_DELAYED && wi.state == WQD_STATE_PENDING);
	CHECK(wi.cpu == WQD_CPU_ANY && wi.count == 1);
	CHECK(wi.last_cpu == WQD_CPU_ANY && wi.runs == 0 && wi.last_pid == 0);
	CHECK(wi.pad == 0 && wi.delay_ns == 60 * SEC && wi.period_ns == 0);
	CHECK(wi.busy_ns == 0 && wi.sleep_ns == 0 && wi.submit_ns);
	CHECK(wi.last_run_ns == 0);
	CHECK(all_bytes(&wi.lateness, 0, sizeof(wi.lateness)));
	CHECK(all_bytes(&wi.runtime, 0, sizeof(wi.runtime)));
}

TEST(work_info__unknown_id, ENOENT)
{
	struct wqd_work_info wi;

	memset(&wi, 0, sizeof(wi));
	wi.id = 424242;
	wi_call(r, &wi);
}

TEST(work_info__id_0, ENOENT)
{
	struct wqd_work_info wi;

	memset(&wi, 0, sizeof(wi));
	wi.id = 0;
	wi_call(r, &wi);
}

TEST(work_info__id_high_bits, ENOENT)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	memset(&wi, 0, sizeof(wi));
	wi.id = id | 1ULL << 32;
	wi_call(r, &wi);
}

TEST(work_info__freed_by_reset, ENOENT)
{
	struct wqd_work_info wi;
	__u64 id;

	REQUIRE((id = mk_delayed(WQD_QUEUE_SYSTEM, 60 * SEC)));
	REQUIRE(!xioctl(g.fd, WQD_IOC_RESET, NULL));
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
}

TEST(work_info__freed_with_owner_fd, ENOENT)
{
	struct wqd_work_submit s;
	struct wqd_work_info wi;
	__u64 id;
	int fd;

	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);
	ws_init(&s);
	s.flags |= WQD_WF_OWNED;
	id = submit_fd(fd, &s);
	close(fd);
	REQUIRE(id);
	memset(&wi, 0, sizeof(wi));
	wi.id = id;
	wi_call(r, &wi);
}

/* ---- event streams ---- */

/* The fd a success returned is an event stream's. */
static bool is_event_stream(long fd)
{
	char path[64], target[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%ld", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = 0;
	return strstr(target, "[wqdemo-events]");
}

static void eo_call(struct result *r, struct wqd_events_open *o)
{
	struct wqd_events_open before = *o;

	call(r, g.fd, WQD_IOC_EVENTS_OPEN, o);
	CHECK(!memcmp(&before, o, sizeof(*o)));
	if (!r->got)
		CHECK(r->ret >= 0 && is_event_stream(r->ret));
	if (r->ret > 0)
		close((int)r->ret);
}

/*
 * What a success of @cmd must have written into @after, called with
 * @before: the generic cases' successes (a bigger struct, a read-only
 * file) are held to the same as the others.
 */
static void success_checks(struct result *r, unsigned long cmd,
			   const void *before, void *after)
{
	switch (cmd) {
	case WQD_IOC_CALIBRATE:
		cal_ok(r, before, after);
		break;
	case WQD_IOC_QUEUE_CREATE:
		qc_ok(r, before, after);
		break;
	case WQD_IOC_QUEUE_DESTROY:
	case WQD_IOC_QUEUE_FLUSH:
	case WQD_IOC_QUEUE_DRAIN:
		CHECK(!memcmp(before, after, sizeof(struct wqd_queue_ref)));
		break;
	case WQD_IOC_QUEUE_INFO:
		qi_ok(r, before, after);
		break;
	case WQD_IOC_QUEUE_LIST:
	case WQD_IOC_WORK_LIST:
		list_ok(r, cmd, before, after);
		break;
	case WQD_IOC_QUEUE_HIST:
		hist_ok(r, before, after);
		break;
	case WQD_IOC_WORK_SUBMIT:
		ws_ok(r, before, after);
		break;
	case WQD_IOC_WORK_CANCEL:
	case WQD_IOC_WORK_FLUSH:
	case WQD_IOC_WORK_MOD:
		wref_ok(r, before, after);
		break;
	case WQD_IOC_WORK_INFO:
		wi_ok(r, before, after);
		break;
	case WQD_IOC_EVENTS_OPEN:
		CHECK(!memcmp(before, after, sizeof(struct wqd_events_open)));
		CHECK(r->ret >= 0 && is_event_stream(r->ret));
		break;
	default:
		/* VERSION and INFO, output only: no sentinel left (generic). */
		break;
	}
}

TEST(events_open__unknown_flag, EINVAL)
{
	struct wqd_events_open o = { .flags = WQD_EVO_ALL + 1 };

	eo_call(r, &o);
}

TEST(events_open__unknown_flag_bit31, EINVAL)
{
	struct wqd_events_open o = { .flags = 0x80000000U };

	eo_call(r, &o);
}

TEST(events_open__ring_not_power_of_2, EINVAL)
{
	struct wqd_events_open o = { .ring_size = 3 };

	eo_call(r, &o);
}

TEST(events_open__ring_over_max, EINVAL)
{
	struct wqd_events_open o = { .ring_size = WQD_EVENTS_RING_MAX * 2 };

	eo_call(r, &o);
}

TEST(events_open__ring_bit31, EINVAL)
{
	struct wqd_events_open o = { .ring_size = 0x80000000U };

	eo_call(r, &o);
}

TEST(events_open__ring_u32_max, EINVAL)
{
	struct wqd_events_open o = { .ring_size = 0xffffffffU };

	eo_call(r, &o);
}

TEST(events_open__ring_max, 0)
{
	struct wqd_events_open o = { .ring_size = WQD_EVENTS_RING_MAX };

	eo_call(r, &o);
}

TEST(events_open__ring_1, 0)
{
	struct wqd_events_open o = { .ring_size = 1 };

	eo_call(r, &o);
}

TEST(events_open__filter_ids_need_not_exist, 0)
{
	struct wqd_events_open o = { .queue_id = 1ULL << 40, .item_id = ~0ULL };

	eo_call(r, &o);
}

/* The new fd is close-on-exec, read-only, and blocking unless asked. */
TEST(events_open__fd_flags, 0)
{
	struct wqd_events_open o = { 0 };
	long fd;

	fd = ioctl(g.fd, WQD_IOC_EVENTS_OPEN, &o);
	call_sys(r, fd);
	if (fd < 0)
		return;
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK((fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == O_RDONLY);
	close(fd);
}

TEST(events_open__nonblock_flag, 0)
{
	struct wqd_events_open o = { .flags = WQD_EVO_NONBLOCK };
	long fd;

	fd = ioctl(g.fd, WQD_IOC_EVENTS_OPEN, &o);
	call_sys(r, fd);
	if (fd < 0)
		return;
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	close(fd);
}

/* The module's limit: each stream through a device file of its own. */
TEST(events_open__too_many_readers, ENOSPC)
{
	struct wqd_events_open o = { .ring_size = 1 };
	int fds[READERS_MAX], devs[READERS_MAX], n, i;

	for (n = 0; n < READERS_MAX; n++) {
		devs[n] = open(DEV, O_RDWR | O_CLOEXEC);
		fds[n] = devs[n] < 0 ? -1 : events_open(devs[n], 0, 0, 1);
		if (fds[n] < 0) {
			if (devs[n] >= 0)
				close(devs[n]);
			break;
		}
	}
	if (n == READERS_MAX)
		eo_call(r, &o);
	else
		fail(r, "set-up: stream %d of %d: %s", n + 1, READERS_MAX, ename(errno));
	for (i = 0; i < n; i++) {
		close(fds[i]);
		close(devs[i]);
	}
}

/* One open file of the device may open only a few streams. */
TEST(events_open__too_many_on_one_file, ENOSPC)
{
	struct wqd_events_open o = { .ring_size = 1 };
	int fds[PER_FILE_MAX], n, i, other;

	for (n = 0; n < PER_FILE_MAX; n++) {
		fds[n] = events_open(g.fd, 0, 0, 1);
		if (fds[n] < 0)
			break;
	}
	if (n == PER_FILE_MAX)
		eo_call(r, &o);
	else
		fail(r, "set-up: stream %d of %d: %s", n + 1, PER_FILE_MAX, ename(errno));
	/* Another file still may, and this one again once one closed. */
	other = events_open(g.ro, 0, 0, 1);
	CHECK(other >= 0);
	if (other >= 0)
		close(other);
	if (n) {
		close(fds[--n]);
		fds[n] = events_open(g.fd, 0, 0, 1);
		CHECK(fds[n] >= 0);
		if (fds[n] >= 0)
			n++;
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
}

/* One stream with one run record in it, or -1. */
static int stream_with_a_run(struct result *r, __u32 ring, __u32 count,
			     __u64 *item)
{
	struct wqd_work_submit s;
	int efd = events_open(g.fd, 0, WQD_EVO_NONBLOCK, ring);

	if (efd < 0) {
		fail(r, "set-up: events open: %s", ename(errno));
		return -1;
	}
	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.count = count;
	*item = submit_fd(g.fd, &s);
	if (!*item || !wait_state(*item, WQD_STATE_DONE, 20000) ||
	    !wait_readable(efd, 10000)) {
		fail(r, "set-up: no run record came: %s", ename(errno));
		close(efd);
		return -1;
	}
	return efd;
}

TEST(events_read__buffer_smaller_than_a_record, EINVAL)
{
	struct wqd_event ev[2];
	__u64 id;
	int efd = stream_with_a_run(r, 16, 1, &id);

	if (efd < 0)
		return;
	memset(ev, SENTINEL, sizeof(ev));
	call_read(r, efd, ev, sizeof(ev[0]) - 1);
	CHECK(all_bytes(ev, SENTINEL, sizeof(ev)));
	/* The record is still there for a proper read. */
	CHECK(read(efd, ev, sizeof(ev)) == sizeof(ev[0]));
	close(efd);
}

TEST(events_read__zero_length, EINVAL)
{
	struct wqd_event ev;
	int efd = events_open(g.fd, 0, 0, 0);

	REQUIRE(efd >= 0);
	call_read(r, efd, &ev, 0);
	close(efd);
}

TEST(events_read__nonblocking_nothing_ready, EAGAIN)
{
	struct wqd_event ev;
	int efd = events_open(g.fd, 4242, WQD_EVO_NONBLOCK, 0);

	REQUIRE(efd >= 0);
	memset(&ev, SENTINEL, sizeof(ev));
	REQUIRE(mk_oneshot(WQD_QUEUE_SYSTEM));
	call_read(r, efd, &ev, sizeof(ev));
	CHECK(all_bytes(&ev, SENTINEL, sizeof(ev)));
	close(efd);
}

TEST(events_read__o_nonblock_by_fcntl, EAGAIN)
{
	struct wqd_event ev;
	int efd = events_open(g.fd, 0, 0, 0);

	REQUIRE(efd >= 0);
	REQUIRE(!fcntl(efd, F_SETFL, O_NONBLOCK));
	call_read(r, efd, &ev, sizeof(ev));
	close(efd);
}

TEST(events_read__bad_pointer, EFAULT)
{
	__u64 id;
	int efd = stream_with_a_run(r, 16, 1, &id);

	if (efd < 0)
		return;
	call_read(r, efd, g.guard, sizeof(struct wqd_event));
	/*
	 * The record was not delivered: the next read still has it, or at
	 * least says it was lost ("sees every event ... or is told how
	 * many it lost").
	 */
	{
		struct wqd_event ev;
		ssize_t n = read(efd, &ev, sizeof(ev));

		CHECK(n == sizeof(ev) &&
		      ((ev.type == WQD_EV_RUN && ev.item_id == id) ||
		       (ev.type == WQD_EV_DROPPED && ev.dropped >= 1)));
	}
	close(efd);
}

TEST(events_write__read_only_stream, EBADF)
{
	struct wqd_event ev = { 0 };
	int efd = events_open(g.fd, 0, 0, 0);

	REQUIRE(efd >= 0);
	call_sys(r, write(efd, &ev, sizeof(ev)));
	close(efd);
}

/* A run record: its pad zero, nothing beyond the records returned. */
TEST(events_read__run_record_no_leak, 0)
{
	struct wqd_event ev[3];
	__u64 id;
	int efd = stream_with_a_run(r, 16, 1, &id);

	if (efd < 0)
		return;
	memset(ev, SENTINEL, sizeof(ev));
	call_read(r, efd, ev, sizeof(ev));
	close(efd);
	if (r->got)
		return;
	CHECK(r->ret == sizeof(ev[0]));
	CHECK(ev[0].type == WQD_EV_RUN && ev[0].item_id == id);
	CHECK(ev[0].flags == (WQD_EVF_FIRST | WQD_EVF_LAST));
	CHECK(ev[0].queue_id == WQD_QUEUE_SYSTEM && ev[0].run == 0);
	CHECK(ev[0].pad == 0 && ev[0].dropped == 0 && ev[0].pid);
	CHECK(ev[0].start_ns && ev[0].end_ns >= ev[0].start_ns);
	CHECK(all_bytes(&ev[1], SENTINEL, 2 * sizeof(ev[0])));
}

/* A loss record: zero but for its type and count. */
TEST(events_read__dropped_record_no_leak, 0)
{
	struct wqd_event ev[4], zero = { .type = WQD_EV_DROPPED };
	__u64 id;
	int efd = stream_with_a_run(r, 1, 3, &id);

	if (efd < 0)
		return;
	memset(ev, SENTINEL, sizeof(ev));
	call_read(r, efd, ev, sizeof(ev));
	close(efd);
	if (r->got)
		return;
	CHECK(r->ret == 2 * sizeof(ev[0]));
	zero.dropped = 2;
	CHECK(!memcmp(&ev[0], &zero, sizeof(zero)));
	CHECK(ev[1].type == WQD_EV_RUN && ev[1].run == 2 && ev[1].pad == 0);
	CHECK(ev[1].flags == WQD_EVF_LAST && ev[1].item_id == id);
	CHECK(all_bytes(&ev[2], SENTINEL, 2 * sizeof(ev[0])));
}

/*
 * A batched reader is not woken at once: its timer wakes it. The run
 * comes while poll() waits, so only a wakeup ends the wait in time.
 */
TEST(events_read__batched_reader_woken_for_one_record, 0)
{
	struct wqd_event ev[2];
	struct wqd_work_submit s;
	__u64 id;
	int efd = events_open(g.fd, 0, WQD_EVO_NONBLOCK | WQD_EVO_BATCH, 16);

	REQUIRE(efd >= 0);
	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.flags = WQD_WF_DELAYED;
	s.delay_ns = 100 * 1000 * 1000ULL;
	id = submit_fd(g.fd, &s);
	if (!id) {
		fail(r, "set-up: submit: %s", ename(errno));
		close(efd);
		return;
	}
	CHECK(wait_readable(efd, 10000));
	call_read(r, efd, ev, sizeof(ev));
	close(efd);
	if (r->got)
		return;
	CHECK(r->ret == sizeof(ev[0]) && ev[0].item_id == id);
}

/*
 * A stream that fell behind: @runs records wait in a ring of @ring. The
 * last record is stored just after the item reads as done; the pause
 * lets it land.
 */
static int stream_behind(struct result *r, __u32 ring, __u32 runs, __u64 *id)
{
	int efd = stream_with_a_run(r, ring, runs, id);

	if (efd >= 0)
		sleep_ms(100);
	return efd;
}

/* One read takes all the records there are, not one batch of them. */
TEST(events_read__takes_every_waiting_record, 0)
{
	static struct wqd_event ev[256];
	__u32 i, in_order = 0;
	__u64 id;
	int efd = stream_behind(r, 256, 200, &id);

	if (efd < 0)
		return;
	call_read(r, efd, ev, sizeof(ev));
	for (i = 0; i < 200; i++)
		in_order += ev[i].type == WQD_EV_RUN && ev[i].item_id == id &&
			    ev[i].run == i;
	CHECK(read(efd, ev, sizeof(ev)) < 0 && errno == EAGAIN);
	close(efd);
	if (r->got)
		return;
	CHECK(r->ret == 200 * sizeof(ev[0]));
	CHECK(in_order == 200);
}

/*
 * A fault partway: the read returns the whole records before it, and
 * the records it took but could not deliver are counted as lost, in
 * place, on the next read: delivered + lost + the rest = every run.
 */
TEST(events_read__fault_partway, 0)
{
	size_t fit = g.page / sizeof(struct wqd_event), k, d, i, in_order = 0;
	struct wqd_event *ev = (struct wqd_event *)g.edge;
	static struct wqd_event next[256];
	ssize_t len;
	__u64 id;
	int efd = stream_behind(r, 256, 100, &id);

	if (efd < 0)
		return;
	call_read(r, efd, ev, 2 * fit * sizeof(*ev));
	k = r->ret > 0 ? r->ret / sizeof(*ev) : 0;
	for (i = 0; i < k; i++)
		in_order += ev[i].type == WQD_EV_RUN && ev[i].run == i;
	len = read(efd, next, sizeof(next));
	close(efd);
	if (r->got)
		return;
	CHECK(r->ret % sizeof(*ev) == 0 && k >= 1 && k <= fit && in_order == k);
	CHECK(len > 0 && next[0].type == WQD_EV_DROPPED);
	d = next[0].dropped;
	CHECK(d >= 1 && k + d + len / sizeof(*ev) - 1 == 100);
	CHECK(next[1].type == WQD_EV_RUN && next[1].run == k + d);
}

/* ---- the module: unload while in use, load with bad parameters ---- */

static int mod_unload(void)
{
	return syscall(SYS_delete_module, "wqdemo", O_NONBLOCK) ? errno : 0;
}

static int mod_load(const char *params)
{
	int fd = open(g.ko, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return errno;
	err = syscall(SYS_finit_module, fd, params, 0) ? errno : 0;
	close(fd);
	return err;
}

static bool mod_loaded(void)
{
	return !access("/sys/module/wqdemo", F_OK);
}

TEST_MODULE(module__unload_while_device_open, EAGAIN)
{
	int fd = open(DEV, O_RDONLY | O_CLOEXEC);

	REQUIRE(fd >= 0);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	close(fd);
	CHECK(mod_loaded());
}

TEST_MODULE(module__unload_while_stream_open, EAGAIN)
{
	int fd = open(DEV, O_RDONLY | O_CLOEXEC), efd;

	REQUIRE(fd >= 0);
	efd = events_open(fd, 0, 0, 0);
	close(fd);
	REQUIRE(efd >= 0);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	close(efd);
	CHECK(mod_loaded());
}

/* Live queues and items are no obstacle: unload cancels them. */
TEST_MODULE(module__unload_with_objects, 0)
{
	int fd = open(DEV, O_RDWR | O_CLOEXEC), saved = g.fd;
	struct wqd_work_submit s;
	__u64 q;

	REQUIRE(fd >= 0);
	g.fd = fd;
	q = mk_queue("left");
	submit_init(&s, q);
	s.period_ns = 10 * MS;
	s.count = 0;
	s.instances = 4;
	errno = q ? xioctl(fd, WQD_IOC_WORK_SUBMIT, &s) : errno;
	g.fd = saved;
	close(fd);
	REQUIRE(q && !errno);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	CHECK(!mod_loaded());
	REQUIRE(!mod_load(""));
}

static int mod_load_err;

static int mod_load_bad(const char *params)
{
	mod_load_err = mod_load(params);
	return mod_load_err;
}

#define BAD_PARAM(fn, params)						\
TEST_MODULE(module__##fn, EINVAL)					\
{									\
	REQUIRE(!mod_unload());						\
	call_sys(r, mod_load_bad(params) ? (errno = mod_load_err, -1) : 0); \
	if (!r->got)							\
		mod_unload();						\
	REQUIRE(!mod_load(""));						\
}

BAD_PARAM(param_max_queues_0, "max_queues=0")
BAD_PARAM(param_max_items_0, "max_items=0")
BAD_PARAM(param_max_items_over_2_24, "max_items=16777217")
BAD_PARAM(param_max_payload_ms_over_60000, "max_payload_ms=60001")
BAD_PARAM(param_max_period_ms_0, "max_period_ms=0")

/* ---- limits: the module loaded with SMALL_LIMITS ---- */

TEST_SMALL(limits__info_shows_them, 0)
{
	struct wqd_info i;

	memset(&i, SENTINEL, sizeof(i));
	call(r, g.fd, WQD_IOC_INFO, &i);
	CHECK(i.max_queues == 2 && i.max_items == 4);
}

TEST_SMALL(limits__third_queue, ENOSPC)
{
	struct wqd_queue_create c;

	REQUIRE(mk_queue("l1") && mk_queue("l2"));
	qc_init(&c, "l3");
	qc_call(r, &c);
}

TEST_SMALL(limits__queue_after_a_destroy, 0)
{
	struct wqd_queue_create c;
	struct wqd_queue_ref q = { 0 };

	REQUIRE(mk_queue("l1") && (q.id = mk_queue("l2")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	qc_init(&c, "l3");
	qc_call(r, &c);
}

TEST_SMALL(limits__batch_over_items, ENOSPC)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 5;
	ws_call(r, &s);
}

TEST_SMALL(limits__batch_at_items, 0)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}

TEST_SMALL(limits__one_item_too_many, ENOSPC)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	ws_init(&s);
	ws_call(r, &s);
}

/* Finished items still count: they stay listed until removed. */
TEST_SMALL(limits__finished_items_count, ENOSPC)
{
	struct wqd_work_submit s;
	size_t i;

	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	for (i = 0; i < 4; i++)
		REQUIRE(wait_state(ids[i], WQD_STATE_DONE, 20000));
	ws_init(&s);
	ws_call(r, &s);
}

TEST_SMALL(limits__items_after_queue_destroy, 0)
{
	struct wqd_work_submit s;
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("l1")));
	ws_init(&s);
	s.queue_id = q.id;
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}

TEST_SMALL(limits__items_after_owner_fd_closed, 0)
{
	struct wqd_work_submit s;
	int fd;

	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);
	ws_init(&s);
	s.flags |= WQD_WF_OWNED;
	s.instances = 4;
	errno = xioctl(fd, WQD_IOC_WORK_SUBMIT, &s);
	close(fd);
	REQUIRE(!errno);
	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}

/* ---- the runner ---- */

static void on_alarm(int sig)
{
	char msg[160];
	int n;

	(void)sig;
	n = snprintf(msg, sizeof(msg), "wqd-negative: %s: no answer in %d s, giving up\n",
		     g.running, CASE_TIMEOUT);
	if (write(STDOUT_FILENO, msg, n) < 0)
		_exit(1);
	_exit(1);
}

static int open_device(void)
{
	g.fd = open(DEV, O_RDWR | O_CLOEXEC);
	g.ro = open(DEV, O_RDONLY | O_CLOEXEC);
	if (g.fd < 0 || g.ro < 0) {
		fprintf(stderr, "wqd-negative: %s: %s\n", DEV, strerror(errno));
		return -1;
	}
	return 0;
}

static void close_device(void)
{
	if (g.fd >= 0)
		close(g.fd);
	if (g.ro >= 0)
		close(g.ro);
	g.fd = g.ro = -1;
}

struct tally {
	int passed;
	int failed;
	int skipped;
};

static void print_line(const char *name, const char *expect, const char *got,
		       const char *verdict, const char *why)
{
	printf("%-50s %-13s %-13s %s%s%s\n", name, expect, got, verdict,
	       why[0] ? "  " : "", why);
}

static void run_case(const struct tcase *t, struct tally *n, bool skip)
{
	struct result r = { .expect = t->expect };

	if (skip) {
		n->skipped++;
		print_line(t->name, ename(t->expect), "-", "SKIP",
			   "needs the module file: -k or $WQD_KO, and root");
		return;
	}
	g.running = t->name;
	alarm(CASE_TIMEOUT);
	if (t->phase != PH_MODULE && xioctl(g.fd, WQD_IOC_RESET, NULL))
		fail(&r, "set-up: reset: %s", ename(errno));
	else
		t->fn(&r, t);
	alarm(0);
	if (t->phase == PH_MODULE && !mod_loaded() && mod_load(""))
		fail(&r, "could not load the module again: %s", ename(errno));

	if (!r.called && !r.failed)
		fail(&r, "the call under test never ran");
	if (r.called && r.got != r.expect && !r.failed)
		r.failed = true;
	if (r.failed)
		n->failed++;
	else
		n->passed++;
	print_line(t->name, ename(r.expect), r.called ? ename(r.got) : "-",
		   r.failed ? "FAIL" : "PASS", r.why);
}

static bool matches(const struct tcase *t, const char *filter)
{
	return !filter || strstr(t->name, filter);
}

static int run_phase(enum phase ph, const char *filter, struct tally *n, bool skip)
{
	int i, ran = 0;

	for (i = 0; i < nr_cases; i++) {
		if (cases[i].phase != ph || !matches(&cases[i], filter))
			continue;
		run_case(&cases[i], n, skip);
		ran++;
	}
	return ran;
}

static bool phase_wanted(enum phase ph, const char *filter)
{
	int i;

	for (i = 0; i < nr_cases; i++)
		if (cases[i].phase == ph && matches(&cases[i], filter))
			return true;
	return false;
}

/* Unload, load with @params, open; a failure fails the run. */
static bool reload(const char *params, struct tally *n)
{
	int err;

	close_device();
	err = mod_unload();
	if (!err || err == ENOENT)
		err = mod_load(params);
	if (!err && !open_device())
		return true;
	printf("wqd-negative: reloading the module (%s): %s\n",
	       params[0] ? params : "defaults", ename(err ? err : errno));
	n->failed++;
	return false;
}

static void usage(void)
{
	fprintf(stderr, "usage: wqd-negative [-l] [-k MODULE.ko] [FILTER]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct tally n = { 0 };
	const char *filter = NULL;
	bool list = false, can_reload;
	int opt, i;

	g.ko = getenv("WQD_KO");
	while ((opt = getopt(argc, argv, "lk:")) != -1) {
		switch (opt) {
		case 'l':
			list = true;
			break;
		case 'k':
			g.ko = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind < argc - 1)
		usage();
	if (optind == argc - 1)
		filter = argv[optind];
	if (g.ko && !g.ko[0])
		g.ko = NULL;

	add_generic_cases();
	if (list) {
		for (i = 0; i < nr_cases; i++)
			if (matches(&cases[i], filter))
				printf("%s\n", cases[i].name);
		return 0;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
	g.page = sysconf(_SC_PAGESIZE);
	g.edge = mmap(NULL, 2 * g.page, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.edge == MAP_FAILED || mprotect(g.edge + g.page, g.page, PROT_NONE)) {
		perror("wqd-negative: mmap");
		return 2;
	}
	g.guard = g.edge + g.page;
	g.rdonly = mmap(NULL, g.page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.rdonly == MAP_FAILED) {
		perror("wqd-negative: mmap");
		return 2;
	}
	if (open_device() || !get_info(&g.info)) {
		fprintf(stderr, "wqd-negative: is wqdemo loaded, and are we root?\n");
		return 2;
	}
	g.bh = kernel_has_bh();
	can_reload = g.ko && !geteuid() && !access(g.ko, R_OK);

	printf("%-50s %-13s %-13s %s\n", "case", "expected", "got", "verdict");
	run_phase(PH_DEFAULT, filter, &n, false);

	if (can_reload && (phase_wanted(PH_MODULE, filter) ||
			   phase_wanted(PH_SMALL, filter))) {
		close_device();
		run_phase(PH_MODULE, filter, &n, false);
		if (phase_wanted(PH_SMALL, filter) && reload(SMALL_LIMITS, &n))
			run_phase(PH_SMALL, filter, &n, false);
		/* Leave it as the VM loads it: the defaults. */
		if (reload("", &n)) {
			struct wqd_info i;

			if (!get_info(&i) || i.max_queues == 2 || i.max_items == 4) {
				/* SMALL_LIMITS: the reload did not take. */
				printf("wqd-negative: the default limits are not back\n");
				n.failed++;
			}
		}
	} else {
		run_phase(PH_MODULE, filter, &n, true);
		run_phase(PH_SMALL, filter, &n, true);
	}
	if (g.fd >= 0)
		xioctl(g.fd, WQD_IOC_RESET, NULL);
	close_device();

	if (n.skipped)
		printf("%d skipped\n", n.skipped);
	printf("%d passed, %d failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}
