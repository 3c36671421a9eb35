// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-stress: several processes drive /dev/wqdemo at once with random
 * valid operations while items run, then the counters must add up.
 *
 *   wqd-stress [-t SECONDS] [-p PROCS] [-s SEED] [-r ROUNDS] [-v]
 *
 * Runs as root with wqdemo loaded, and resets it (twice: before and
 * after). For SECONDS (default 30), PROCS worker processes (default 4)
 * create, flush, drain and destroy queues; submit plain and delayed,
 * one-shot, counted and endless items, some owned by a file they close
 * while the items run; cancel them (sync and async), flush and mod them;
 * list, query and read the text report; open, read and close event
 * streams. One more process follows an event stream of its own from the
 * start, with the largest ring, counting run records.
 *
 * Then everything is cancelled and waited for, and these must hold:
 *  - the follower saw every run: its run records plus the losses it was
 *    told of equal WQD_IOC_INFO's executed; each item's records came in
 *    order (run 0, 1, 2 ...), the first flagged first; and each item
 *    still listed ran exactly as often as the follower saw it run. A
 *    loss record (the ring overflowed) hides which runs were lost, not
 *    the order: across one, an item's run numbers may skip ahead but
 *    never go back, and an item with a loss after its last record must
 *    have run at least as often as seen, exactly as often otherwise;
 *  - submitted equals the ids the workers were given;
 *  - nr_items and nr_queues equal what the lists show, and each queue's
 *    items count equals the items listed on it;
 *  - each queue's histograms add up to its executed count, and each
 *    item's (those submitted with WQD_WF_HIST) to its runs; nothing runs
 *    any more;
 *  - ordered and single-thread queues never ran two at once: each one's
 *    max_running, read just before a worker destroyed it or at the end,
 *    is at most 1, and every one created was read so;
 *  - an owned item is gone as soon as the close() of its file returns;
 *  - no call failed with an errno its operation cannot give, and
 *    ENOSPC only where a limit is in reach: a submit of holders (items
 *    that keep a worker: the built-in queues take 4 at once), a queue
 *    create when the workers may keep more queues than max_queues;
 *  - reset brings nr_items and nr_queues to 0, and the wqd_item and
 *    wqd_queue slab caches back to their baseline. The count is ours only
 *    if no other cache was merged into ours: the test VM boots with
 *    slab_nomerge, and a cache that cannot be counted fails the check,
 *    saying why.
 *
 * With -r, race drills come first, ROUNDS of each: a drain that begins
 * while the items of its queue are being taken away, by the close of
 * their owner file or by a reset. Those items are out of the registry
 * but not yet stopped, so the drain must not miss them: a timer of one
 * firing during drain_workqueue() would make the kernel warn (and panic,
 * with panic_on_warn, as in the test VM). -t 0 runs the drills alone.
 *
 * Prints the operations done per kind, the invariants, and "stress: ok"
 * or "stress: FAILED". Exits 0, 1 when an invariant failed, 2 when it
 * could not start.
 */
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

static const struct {
	const char *name;
	int weight;
	int ok_errnos[4];	/* besides 0: what a race may give */
} ops[NR_OPS] = {
	[OP_QUEUE_CREATE] = { "queue create", 4, { ENOSPC } },
	[OP_QUEUE_DESTROY] = { "queue destroy", 3, { ENOENT, EBUSY } },
	[OP_QUEUE_FLUSH] = { "queue flush", 3, { ENOENT } },
	[OP_QUEUE_DRAIN] = { "queue drain", 2, { ENOENT, EBUSY } },
	[OP_QUEUE_INFO] = { "queue info", 3, { ENOENT } },
	[OP_QUEUE_LIST] = { "queue list", 2, { 0 } },
	/* EINVAL: an item that keeps no histograms. */
	[OP_QUEUE_HIST] = { "queue/item hist", 2, { ENOENT, EINVAL } },
	[OP_SUBMIT] = { "work submit", 20, { ENOENT, EBUSY, ENOSPC } },
	[OP_SUBMIT_OWNED] = { "work submit owned", 6, { ENOENT, EBUSY, ENOSPC } },
	[OP_CLOSE_OWNER] = { "owner fd close", 2, { 0 } },
	[OP_CANCEL_SYNC] = { "work cancel", 7, { ENOENT } },
	[OP_CANCEL_ASYNC] = { "work cancel async", 6, { ENOENT } },
	[OP_WORK_FLUSH] = { "work flush", 5, { ENOENT } },
	/* EINVAL: a plain item, or one that will not run again. */
	[OP_WORK_MOD] = { "work mod", 8, { ENOENT, EINVAL, EBUSY } },
	[OP_WORK_INFO] = { "work info", 8, { ENOENT } },
	[OP_WORK_LIST] = { "work list", 2, { 0 } },
	[OP_REPORT] = { "report read", 1, { 0 } },
	/* One stream at a time a worker: no limit is in reach. */
	[OP_EVENTS] = { "events open/read/close", 3, { 0 } },
	[OP_INFO] = { "info", 3, { 0 } },
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

static struct shared *sh;
static bool verbose;

static unsigned int nprocs = 4;
static unsigned int seconds = 30;
static struct wqd_info info0;

/* xorshift64*: one stream per process. */
static unsigned long long rng;

static unsigned long long rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned int below(unsigned int n)
{
	return n ? (unsigned int)(rnd() % n) : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? errno : 0;
}

/* ---- a worker ---- */

struct worker {
	int id;
	int fd;
	int owner;			/* the owner file, or -1 */
	struct worker_stats *st;
	__u64 queues[MY_QUEUES];
	__u32 queue_flags[MY_QUEUES];	/* WQD_QF_* of each */
	unsigned int nr_queues;
	unsigned int queue_serial;
	__u64 items[MY_ITEMS];		/* a ring of recent ids */
	unsigned int item_head;
	__u64 delayed[MY_ITEMS];	/* ... and of recent delayed ones */
	unsigned int delayed_head;
	__u64 owned[MY_OWNED];
	unsigned int nr_owned;
	__u64 endless[MY_ENDLESS];
	unsigned int nr_endless;
	unsigned long long since_info;
	bool crowded;			/* many items: submit less */
};

/* A call, counted done, that failed as no race can make it fail. */
static void unexpected(struct worker *w, enum op op, const char *what)
{
	w->st->unexpected++;
	if (!w->st->first_error[0])
		snprintf(w->st->first_error, sizeof(w->st->first_error),
			 "worker %d: %s: %s", w->id, ops[op].name, what);
	if (verbose)
		fprintf(stderr, "worker %d: %s: unexpected %s\n", w->id,
			ops[op].name, what);
}

static void note(struct worker *w, enum op op, int err)
{
	unsigned int i;

	w->st->op[op].done++;
	if (!err)
		return;
	for (i = 0; i < 4; i++) {
		if (ops[op].ok_errnos[i] == err && err) {
			w->st->op[op].refused++;
			return;
		}
	}
	unexpected(w, op, strerrorname_np(err) ? strerrorname_np(err) : "?");
}

static void remember(struct worker *w, __u64 id)
{
	w->items[w->item_head++ % MY_ITEMS] = id;
}

/* A random user queue: one of ours, or anyone's from the list. */
static __u64 pick_user_queue(struct worker *w)
{
	struct wqd_queue_info qi[16];
	struct wqd_list l = {
		.buf_ptr = (uintptr_t)qi, .entry_size = sizeof(qi[0]),
		.capacity = 16, .cursor = WQD_QUEUE_ID_USER,
	};

	if (w->nr_queues && chance(75))
		return w->queues[below(w->nr_queues)];
	if (xioctl(w->fd, WQD_IOC_QUEUE_LIST, &l) || !l.count)
		return w->nr_queues ? w->queues[0] : 0;
	return qi[below(l.count)].id;
}

/* A random item: one we made, or anyone's from the list. */
static __u64 pick_item(struct worker *w)
{
	struct wqd_work_info wi[8];
	struct wqd_list l = {
		.buf_ptr = (uintptr_t)wi, .entry_size = sizeof(wi[0]),
		.capacity = 8,
	};
	unsigned int n = w->item_head < MY_ITEMS ? w->item_head : MY_ITEMS;

	if (n && chance(80))
		return w->items[below(n)];
	l.cursor = 1 + below(w->item_head * nprocs + 1);
	if (xioctl(w->fd, WQD_IOC_WORK_LIST, &l) || !l.count)
		return n ? w->items[0] : 1;
	return wi[below(l.count)].id;
}

static void forget_queue(struct worker *w, __u64 id)
{
	unsigned int i;

	for (i = 0; i < w->nr_queues; i++) {
		if (w->queues[i] == id) {
			w->nr_queues--;
			w->queues[i] = w->queues[w->nr_queues];
			w->queue_flags[i] = w->queue_flags[w->nr_queues];
			return;
		}
	}
}

/* A queue that runs one item at a time. */
static bool kind_ordered(__u32 kind)
{
	return kind == WQD_KIND_ORDERED || kind == WQD_KIND_LEGACY_SINGLE;
}

static void do_queue_create(struct worker *w)
{
	static const __u32 any_flags[] = {
		WQD_QF_UNBOUND, WQD_QF_HIGHPRI, WQD_QF_CPU_INTENSIVE,
		WQD_QF_FREEZABLE, WQD_QF_MEM_RECLAIM, WQD_QF_POWER_EFFICIENT,
		WQD_QF_SYSFS,
	};
	struct wqd_queue_create c = { 0 };
	unsigned int i;
	int err;

	if (w->nr_queues == MY_QUEUES)
		return;
	snprintf(c.name, sizeof(c.name), "s%d_%u", w->id, w->queue_serial++);
	c.kind = below(4);
	if (c.kind == WQD_KIND_ALLOC || c.kind == WQD_KIND_ORDERED) {
		for (i = 0; i < sizeof(any_flags) / sizeof(any_flags[0]); i++)
			if (chance(20))
				c.flags |= any_flags[i];
	}
	if (c.kind == WQD_KIND_ORDERED)
		c.flags &= ~(WQD_QF_UNBOUND | WQD_QF_SYSFS);
	if (c.kind == WQD_KIND_ALLOC && chance(50))
		c.max_active = 1 + below(8);
	err = xioctl(w->fd, WQD_IOC_QUEUE_CREATE, &c);
	/* max_queues is in reach only with more queues than it allows. */
	if (err == ENOSPC && nprocs * MY_QUEUES < info0.max_queues) {
		w->st->op[OP_QUEUE_CREATE].done++;
		unexpected(w, OP_QUEUE_CREATE, "ENOSPC with max_queues out of reach");
		return;
	}
	note(w, OP_QUEUE_CREATE, err);
	if (err)
		return;
	w->queue_flags[w->nr_queues] = c.flags;
	w->queues[w->nr_queues++] = c.id;
	if (kind_ordered(c.kind))
		w->st->ordered_made++;
}

static void do_queue_ref(struct worker *w, enum op op, unsigned long cmd)
{
	struct wqd_queue_ref q = { .id = pick_user_queue(w) };
	struct wqd_queue_info qi = { .id = q.id };
	bool ordered = false;
	int err;

	if (!q.id)
		return;
	/*
	 * A destroyed queue's counters go with it: read an ordered queue's
	 * max_running just before, or the end would check only the queues
	 * that happen to survive.
	 */
	if (op == OP_QUEUE_DESTROY && !xioctl(w->fd, WQD_IOC_QUEUE_INFO, &qi))
		ordered = kind_ordered(qi.kind);
	err = xioctl(w->fd, cmd, &q);
	note(w, op, err);
	if (ordered && !err) {
		w->st->ordered_destroyed++;
		if (qi.max_running > 1 && !w->st->ordered_overlap++)
			snprintf(w->st->first_overlap, sizeof(w->st->first_overlap),
				 "queue %llu ran %u at once",
				 (unsigned long long)qi.id, qi.max_running);
	}
	if (op == OP_QUEUE_DESTROY && (!err || err == ENOENT))
		forget_queue(w, q.id);
	if (op != OP_QUEUE_DESTROY && err == ENOENT)
		forget_queue(w, q.id);
}

static void do_queue_info(struct worker *w)
{
	struct wqd_queue_info qi = { .id = chance(30) ? 1 + below(6) : pick_user_queue(w) };

	if (qi.id)
		note(w, OP_QUEUE_INFO, xioctl(w->fd, WQD_IOC_QUEUE_INFO, &qi));
}

static void do_queue_hist(struct worker *w)
{
	static struct wqd_hist h;

	memset(&h, 0, sizeof(h));
	if (chance(30))
		h.item_id = pick_item(w);
	else if (chance(70))
		h.queue_id = pick_user_queue(w);
	note(w, OP_QUEUE_HIST, xioctl(w->fd, WQD_IOC_QUEUE_HIST, &h));
}

static void do_list(struct worker *w, enum op op, unsigned long cmd,
		    size_t entry_size)
{
	static unsigned char buf[64 * 4096];
	struct wqd_list l = {
		.buf_ptr = (uintptr_t)buf,
		.entry_size = entry_size + (chance(20) ? 8 * below(8) : 0),
		.capacity = 1 + below(64),
	};
	int err;

	/* Page through it all, the way wqctl does. */
	do {
		l.count = 0;
		err = xioctl(w->fd, cmd, &l);
	} while (!err && l.cursor && !sh->stop);
	note(w, op, err);
}

static void submit_params(struct worker *w, struct wqd_work_submit *s)
{
	bool freezable;
	unsigned int q;

	memset(s, 0, sizeof(*s));
	if (w->nr_queues && (w->crowded || chance(80))) {
		q = below(w->nr_queues);
		s->queue_id = w->queues[q];
		freezable = w->queue_flags[q] & WQD_QF_FREEZABLE;
	} else {
		s->queue_id = 1 + below(6);	/* not system_bh: no sleep there */
		freezable = s->queue_id == WQD_QUEUE_SYSTEM_FREEZABLE;
	}
	s->flags = chance(50) ? WQD_WF_DELAYED : 0;
	if (chance(20))
		s->flags |= WQD_WF_HIST;
	s->cpu = chance(20) ? below(info0.nr_online_cpus) : WQD_CPU_ANY;
	/* Some wait long enough for a mod to find them pending. */
	if (s->flags & WQD_WF_DELAYED)
		s->delay_ns = (chance(70) ? below(20) : 50 + below(250)) * MS;
	s->count = 1 + below(4);
	if (chance(40))
		s->period_ns = (5 + below(25)) * MS;
	s->instances = 1 + below(3);
	if (s->period_ns && w->nr_endless < MY_ENDLESS && chance(15)) {
		s->count = 0;
		s->instances = 1;
	}
	if (chance(30))
		s->busy_ns = below(500) * 1000ULL;
	if (chance(30))
		s->sleep_ns = below(2000) * 1000ULL;
	if (chance(30))
		snprintf(s->name, sizeof(s->name), "w%d.%u", w->id, below(100));
	/* A freezable queue refuses a handler asleep for a period. */
	if (freezable && s->period_ns && !(s->flags & WQD_WF_DELAYED))
		s->flags |= WQD_WF_DELAYED;
}

/*
 * A holder can keep a worker busy (uapi: struct wqd_info): the only
 * submit that the module's limits can refuse here, as the workers keep
 * far fewer items than max_items.
 */
static bool holds(const struct wqd_work_submit *s)
{
	return (!(s->flags & WQD_WF_DELAYED) && s->period_ns) || s->busy_ns ||
	       s->sleep_ns;
}

static void do_submit(struct worker *w, bool owned)
{
	enum op op = owned ? OP_SUBMIT_OWNED : OP_SUBMIT;
	struct wqd_work_submit s;
	__u64 ids[4];
	unsigned int i;
	int fd = w->fd, err;

	submit_params(w, &s);
	if (owned) {
		if (w->owner < 0)
			w->owner = open(DEV, O_RDWR | O_CLOEXEC);
		if (w->owner < 0 || w->nr_owned + s.instances > MY_OWNED)
			return;
		fd = w->owner;
		s.flags |= WQD_WF_OWNED;
	}
	s.ids_ptr = (uintptr_t)ids;
	err = xioctl(fd, WQD_IOC_WORK_SUBMIT, &s);
	if (err == ENOSPC && !holds(&s)) {
		w->st->op[op].done++;
		unexpected(w, op, "ENOSPC for an item that holds nothing");
	} else {
		note(w, op, err);
	}
	if (err)
		return;
	w->st->ids += s.instances;
	for (i = 0; i < s.instances; i++) {
		remember(w, ids[i]);
		if (s.flags & WQD_WF_DELAYED)
			w->delayed[w->delayed_head++ % MY_ITEMS] = ids[i];
		if (owned)
			w->owned[w->nr_owned++] = ids[i];
		else if (!s.count && w->nr_endless < MY_ENDLESS)
			w->endless[w->nr_endless++] = ids[i];
	}
}

/* Close the owner file while its items run: they must be gone at once. */
static void do_close_owner(struct worker *w)
{
	struct wqd_work_info wi;
	unsigned int i;

	if (w->owner < 0)
		return;
	note(w, OP_CLOSE_OWNER, close(w->owner) ? errno : 0);
	w->owner = -1;
	for (i = 0; i < w->nr_owned; i++) {
		memset(&wi, 0, sizeof(wi));
		wi.id = w->owned[i];
		if (xioctl(w->fd, WQD_IOC_WORK_INFO, &wi) != ENOENT) {
			w->st->owned_survivors++;
			if (!w->st->first_error[0])
				snprintf(w->st->first_error, sizeof(w->st->first_error),
					 "worker %d: owned item %llu outlived its file",
					 w->id, (unsigned long long)wi.id);
		}
	}
	w->nr_owned = 0;
}

static void do_work_ref(struct worker *w, enum op op)
{
	struct wqd_work_ref ref = { 0 };
	unsigned long cmd;
	int err;

	switch (op) {
	case OP_CANCEL_SYNC:
	case OP_CANCEL_ASYNC:
		/* Endless items first: they would run for ever. */
		if (w->nr_endless && chance(50))
			ref.id = w->endless[--w->nr_endless];
		else
			ref.id = pick_item(w);
		ref.flags = op == OP_CANCEL_ASYNC ? WQD_CANCEL_ASYNC : 0;
		cmd = WQD_IOC_WORK_CANCEL;
		break;
	case OP_WORK_FLUSH:
		ref.id = pick_item(w);
		cmd = WQD_IOC_WORK_FLUSH;
		break;
	default:
		/*
		 * Mostly recent delayed items: only delayed items can be
		 * modded, and only until they have run their count.
		 */
		if (w->delayed_head && chance(80))
			ref.id = w->delayed[(w->delayed_head - 1 -
					     below(w->delayed_head < 8 ? w->delayed_head : 8)) %
					    MY_ITEMS];
		else
			ref.id = pick_item(w);
		ref.delay_ns = below(30) * MS;
		cmd = WQD_IOC_WORK_MOD;
		break;
	}
	err = xioctl(w->fd, cmd, &ref);
	note(w, op, err);
}

static void do_work_info(struct worker *w)
{
	struct wqd_work_info wi = { .id = pick_item(w) };

	note(w, OP_WORK_INFO, xioctl(w->fd, WQD_IOC_WORK_INFO, &wi));
}

/* The text report, in reads of odd sizes, as cat and dd would. */
static void do_report(struct worker *w)
{
	static char buf[8192];
	size_t len = chance(50) ? sizeof(buf) : 1 + below(600);
	ssize_t n;
	int fd = open(DEV, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0) {
		note(w, OP_REPORT, errno);
		return;
	}
	while ((n = read(fd, buf, len)) > 0 && !sh->stop)
		;
	if (n < 0)
		err = errno;
	close(fd);
	note(w, OP_REPORT, err);
}

static void do_events(struct worker *w)
{
	struct wqd_events_open o = {
		.flags = WQD_EVO_NONBLOCK,
		.ring_size = 1U << below(11),
	};
	struct wqd_event ev[16];
	unsigned int i, n = below(4);
	long efd;

	if (chance(30))
		o.queue_id = pick_user_queue(w);
	else if (chance(30))
		o.item_id = pick_item(w);
	efd = ioctl(w->fd, WQD_IOC_EVENTS_OPEN, &o);
	if (efd < 0) {
		note(w, OP_EVENTS, errno);
		return;
	}
	for (i = 0; i < n; i++) {
		struct pollfd p = { .fd = (int)efd, .events = POLLIN };

		if (poll(&p, 1, 5) == 1 && read((int)efd, ev, sizeof(ev)) < 0 &&
		    errno != EAGAIN) {
			note(w, OP_EVENTS, errno);
			close((int)efd);
			return;
		}
	}
	close((int)efd);
	note(w, OP_EVENTS, 0);
}

static void do_info(struct worker *w)
{
	struct wqd_info i;
	int err = xioctl(w->fd, WQD_IOC_INFO, &i);

	note(w, OP_INFO, err);
	if (!err)
		w->crowded = i.nr_items > ITEMS_HIGH;
}

static enum op pick_op(struct worker *w)
{
	static int total;
	int x, i;

	if (!total)
		for (i = 0; i < NR_OPS; i++)
			total += ops[i].weight;
	/* Many items: clear some out by destroying a queue of ours. */
	if (w->crowded && w->nr_queues && chance(10))
		return OP_QUEUE_DESTROY;
	x = (int)below(total);
	for (i = 0; i < NR_OPS; i++) {
		x -= ops[i].weight;
		if (x < 0)
			return i;
	}
	return OP_INFO;
}

static void __attribute__((noreturn)) worker(int id)
{
	struct worker w = { .id = id, .owner = -1, .st = &sh->w[id] };

	rng ^= 0x9e3779b97f4a7c15ULL * (id + 1);
	w.fd = open(DEV, O_RDWR | O_CLOEXEC);
	if (w.fd < 0) {
		snprintf(w.st->first_error, sizeof(w.st->first_error),
			 "worker %d: open: %s", id, strerror(errno));
		w.st->unexpected++;
		_exit(1);
	}
	while (!sh->stop) {
		enum op op = pick_op(&w);

		switch (op) {
		case OP_QUEUE_CREATE:
			do_queue_create(&w);
			break;
		case OP_QUEUE_DESTROY:
			do_queue_ref(&w, op, WQD_IOC_QUEUE_DESTROY);
			break;
		case OP_QUEUE_FLUSH:
			do_queue_ref(&w, op, WQD_IOC_QUEUE_FLUSH);
			break;
		case OP_QUEUE_DRAIN:
			do_queue_ref(&w, op, WQD_IOC_QUEUE_DRAIN);
			break;
		case OP_QUEUE_INFO:
			do_queue_info(&w);
			break;
		case OP_QUEUE_LIST:
			do_list(&w, op, WQD_IOC_QUEUE_LIST, sizeof(struct wqd_queue_info));
			break;
		case OP_QUEUE_HIST:
			do_queue_hist(&w);
			break;
		case OP_SUBMIT:
			if (!w.crowded || chance(30))
				do_submit(&w, false);
			break;
		case OP_SUBMIT_OWNED:
			do_submit(&w, true);
			break;
		case OP_CLOSE_OWNER:
			do_close_owner(&w);
			break;
		case OP_CANCEL_SYNC:
		case OP_CANCEL_ASYNC:
		case OP_WORK_FLUSH:
		case OP_WORK_MOD:
			do_work_ref(&w, op);
			break;
		case OP_WORK_INFO:
			do_work_info(&w);
			break;
		case OP_WORK_LIST:
			do_list(&w, op, WQD_IOC_WORK_LIST, sizeof(struct wqd_work_info));
			break;
		case OP_REPORT:
			do_report(&w);
			break;
		case OP_EVENTS:
			do_events(&w);
			break;
		case OP_INFO:
		default:
			do_info(&w);
			break;
		}
		if (++w.since_info == 64) {
			w.since_info = 0;
			do_info(&w);
		}
	}
	/* Owned items that are running now go with the owner file. */
	do_close_owner(&w);
	close(w.fd);
	_exit(0);
}

/* ---- the follower ---- */

struct seen {
	__u64 id;
	__u32 runs;		/* the next run number expected */
	/* sh->f_losses at its last record: a loss since hides its runs */
	unsigned long long losses;
};

static struct seen *seen;
static size_t nr_seen, cap_seen;

/*
 * The items seen, sorted by id: ids are allocated in increasing order, so
 * a new one nearly always goes at the end and the insert stays cheap.
 */
static struct seen *seen_get(__u64 id)
{
	size_t lo = 0, hi = nr_seen;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (seen[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < nr_seen && seen[lo].id == id)
		return &seen[lo];
	if (nr_seen == cap_seen) {
		cap_seen = cap_seen ? 2 * cap_seen : 4096;
		seen = realloc(seen, cap_seen * sizeof(*seen));
		if (!seen) {
			perror("wqd-stress: follower");
			_exit(2);
		}
	}
	memmove(&seen[lo + 1], &seen[lo], (nr_seen - lo) * sizeof(*seen));
	nr_seen++;
	seen[lo].id = id;
	seen[lo].runs = 0;
	/* As if seen before any loss: first seen after one, it may skip ahead. */
	seen[lo].losses = 0;
	return &seen[lo];
}

static void follower_bad(const char *fmt, ...)
{
	va_list ap;

	sh->f_bad++;
	if (sh->f_first[0])
		return;
	va_start(ap, fmt);
	vsnprintf(sh->f_first, sizeof(sh->f_first), fmt, ap);
	va_end(ap);
}

static void follower_record(const struct wqd_event *ev)
{
	struct seen *s;
	__u32 want;

	sh->f_records++;
	if (ev->pad)
		follower_bad("record with a non-zero pad");
	if (ev->type == WQD_EV_DROPPED) {
		sh->f_dropped += ev->dropped;
		sh->f_losses++;
		if (!ev->dropped || ev->item_id || ev->flags)
			follower_bad("loss record not clean");
		return;
	}
	if (ev->type != WQD_EV_RUN) {
		follower_bad("record of type %u", ev->type);
		return;
	}
	sh->f_runs++;
	s = seen_get(ev->item_id);
	want = s->runs;
	/*
	 * After a loss, some of the item's runs may be among those lost: its
	 * run numbers may skip ahead, never back. With no loss since its
	 * last record, the next one is exactly the next run.
	 */
	if (s->losses == sh->f_losses ? ev->run != want : ev->run < want)
		follower_bad("item %llu: run %u came where run %u was due%s",
			     (unsigned long long)ev->item_id, ev->run, want,
			     s->losses == sh->f_losses ? "" : " or later (a loss came between)");
	if (!!(ev->flags & WQD_EVF_FIRST) != (ev->run == 0))
		follower_bad("item %llu run %u: first flag %s",
			     (unsigned long long)ev->item_id, ev->run,
			     ev->flags & WQD_EVF_FIRST ? "set" : "missing");
	if (ev->end_ns < ev->start_ns)
		follower_bad("item %llu: ends before it starts",
			     (unsigned long long)ev->item_id);
	s->runs = ev->run + 1;
	s->losses = sh->f_losses;
}

/*
 * After the end: every item still listed ran as often as it was seen; at
 * least as often, where a loss came after its last record and may have
 * held its later runs.
 */
static void follower_compare(void)
{
	int fd = open(DEV, O_RDONLY | O_CLOEXEC);
	struct wqd_work_info wi;
	size_t i;

	if (fd < 0)
		return;
	for (i = 0; i < nr_seen; i++) {
		memset(&wi, 0, sizeof(wi));
		wi.id = seen[i].id;
		if (xioctl(fd, WQD_IOC_WORK_INFO, &wi))
			continue;
		if (seen[i].losses == sh->f_losses)
			sh->f_compared++;
		else
			sh->f_at_least++;
		if (seen[i].losses == sh->f_losses ? wi.runs != seen[i].runs :
		    wi.runs < seen[i].runs) {
			sh->f_mismatch++;
			if (!sh->f_first[0])
				snprintf(sh->f_first, sizeof(sh->f_first),
					 "item %llu ran %u times, %u run records seen",
					 (unsigned long long)wi.id, wi.runs, seen[i].runs);
		}
	}
	close(fd);
}

static void __attribute__((noreturn)) follower(int efd)
{
	struct wqd_event ev[64];
	time_t idle_since = 0;
	ssize_t n, i;

	for (;;) {
		struct pollfd p = { .fd = efd, .events = POLLIN };

		poll(&p, 1, 100);
		n = read(efd, ev, sizeof(ev));
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			follower_bad("read: %s", strerror(errno));
			break;
		}
		if (n > 0) {
			if (n % sizeof(ev[0]))
				follower_bad("read returned %zd bytes", n);
			for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
				follower_record(&ev[i]);
			idle_since = 0;
			continue;
		}
		if (!sh->final)
			continue;
		if (sh->f_runs + sh->f_dropped >= sh->target)
			break;
		/* Quiesced and quiet for 5 s: nothing more will come. */
		if (!idle_since)
			idle_since = time(NULL);
		else if (time(NULL) - idle_since > 5)
			break;
	}
	/* One more look: a record past the target would be a bug too. */
	while ((n = read(efd, ev, sizeof(ev))) > 0)
		for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
			follower_record(&ev[i]);
	follower_compare();
	sh->f_done = 1;
	_exit(0);
}

/* ---- the parent: set-up, quiescing, invariants ---- */

static int failures;

static void __attribute__((format(printf, 2, 3)))
check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("  %-4s ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		failures++;
}

/* Every item or queue, paged through; a malloc()ed array. */
static void *list_all(int fd, unsigned long cmd, size_t entry_size, size_t *n)
{
	struct wqd_list l = { .entry_size = entry_size, .capacity = 256 };
	unsigned char *all = NULL;
	size_t cap = 0;

	*n = 0;
	do {
		if (cap - *n < 256) {
			cap += 4096;
			all = realloc(all, cap * entry_size);
			if (!all)
				return NULL;
		}
		l.buf_ptr = (uintptr_t)(all + *n * entry_size);
		l.count = 0;
		if (xioctl(fd, cmd, &l)) {
			free(all);
			return NULL;
		}
		*n += l.count;
	} while (l.cursor);
	return all;
}

/*
 * Objects in use in a slab cache of ours, or -1 when the count would not
 * be ours alone, with the reason in @why. SLUB names a mergeable cache's
 * sysfs directory by its properties (":A-0000304") and links its name to
 * that; other caches with the same properties are merged into it later,
 * and its "aliases" then counts them. Only with no alias is the count
 * ours: slab_nomerge, on the test VM's command line, sees to that. The
 * cache is shrunk first, so that objects freed to per-CPU slabs are not
 * counted.
 */
static long slab_objects(const char *name, char *why, size_t size)
{
	char path[128], line[64];
	FILE *f;
	long n = -1, aliases = -1;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/aliases", name);
	f = fopen(path, "r");
	if (!f) {
		snprintf(why, size, "%s: %s (no SLUB sysfs?)", path, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f))
		aliases = strtol(line, NULL, 10);
	fclose(f);
	if (aliases != 0) {
		snprintf(why, size, "%ld other caches merged into it: boot with slab_nomerge",
			 aliases);
		return -1;
	}
	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", name);
	f = fopen(path, "w");
	if (f) {
		fputs("1", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/objects", name);
	f = fopen(path, "r");
	if (!f) {
		snprintf(why, size, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f))
		n = strtol(line, NULL, 10);
	fclose(f);
	if (n < 0)
		snprintf(why, size, "%s: no count", path);
	return n;
}

/* A slab cache's objects at the end against @before (the baseline). */
static void check_slab(const char *name, long before, const char *why_before)
{
	char why[160] = "";
	long after = slab_objects(name, why, sizeof(why));

	if (before < 0)
		check(false, "slab %s: no baseline: %s", name, why_before);
	else if (after < 0)
		check(false, "slab %s: no count after the reset: %s", name, why);
	else
		check(after == before, "slab %s: %ld objects, %ld before", name,
		      after, before);
}

/* ---- race drills ---- */

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/*
 * One round: 64 delayed items re-arming every jiffy and sleeping 1 ms a
 * run, on a queue of their own; then at once their removal (@by_reset:
 * a reset, else the close of the file that owns them) and, from a child
 * and 0-7 ms later (@round varies it, to land inside the removal), a
 * drain of that queue, again and again for 300 ms.
 */
static int drill_round(int fd, bool by_reset, unsigned int round)
{
	struct wqd_queue_create c = { .kind = WQD_KIND_ALLOC };
	struct wqd_work_submit s = {
		.flags = WQD_WF_DELAYED | (by_reset ? 0 : WQD_WF_OWNED),
		.cpu = WQD_CPU_ANY, .period_ns = 1, .sleep_ns = MS,
		.instances = 64,
	};
	struct wqd_queue_ref q = { 0 };
	__u64 ids[64];
	int owner, go[2], status, err;
	pid_t child;
	char b = 0;

	snprintf(c.name, sizeof(c.name), "drill%u", round);
	err = xioctl(fd, WQD_IOC_QUEUE_CREATE, &c);
	if (err)
		return err;
	q.id = c.id;
	owner = open(DEV, O_RDWR | O_CLOEXEC);
	if (owner < 0)
		return errno;
	s.queue_id = c.id;
	s.ids_ptr = (uintptr_t)ids;
	err = xioctl(by_reset ? fd : owner, WQD_IOC_WORK_SUBMIT, &s);
	if (err || pipe(go))
		return err ? err : errno;
	msleep(20);
	child = fork();
	if (!child) {
		unsigned long long end;

		close(owner);
		close(go[1]);
		if (read(go[0], &b, 1) != 1)
			_exit(1);
		msleep(round % 8);
		for (end = now_ms() + 300; now_ms() < end;) {
			err = xioctl(fd, WQD_IOC_QUEUE_DRAIN, &q);
			if (err == ENOENT)
				break;
			if (err && err != EBUSY)
				_exit(err);
		}
		_exit(0);
	}
	close(go[0]);
	if (write(go[1], &b, 1) != 1)
		err = errno;
	close(go[1]);
	if (by_reset)
		err = xioctl(fd, WQD_IOC_RESET, NULL);
	close(owner);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return EIO;
	if (!err)
		err = WEXITSTATUS(status);
	if (!err)
		err = xioctl(fd, WQD_IOC_QUEUE_DESTROY, &q);
	return err == ENOENT ? 0 : err;
}

static void drills(int fd, unsigned int rounds)
{
	unsigned int round, mode;

	for (mode = 0; mode < 2; mode++) {
		const char *how = mode ? "reset" : "owner close";
		int err = 0;

		for (round = 0; round < rounds && !err; round++)
			err = drill_round(fd, mode, round);
		check(!err, "drill: drain while a%s %s removes the items, %u rounds%s%s",
		      mode ? "" : "n", how, round, err ? ": " : "",
		      err ? strerror(err) : "");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: wqd-stress [-t SECONDS] [-p PROCS] [-s SEED] [-r ROUNDS] [-v]\n");
	exit(2);
}

static pid_t pids[MAX_PROCS + 1];

static void on_alarm(int sig)
{
	static const char msg[] = "wqd-stress: the workers did not stop: killing them\n";
	unsigned int i;

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	for (i = 0; i <= nprocs; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	_exit(1);
}

int main(int argc, char **argv)
{
	unsigned long long seed = (unsigned long long)time(NULL) ^ getpid();
	struct op_stats total[NR_OPS] = { { 0 } };
	unsigned long long ids = 0, unexpected = 0, survivors = 0, all_ops = 0;
	unsigned long long ordered_made = 0, ordered_destroyed = 0, ordered_overlap = 0;
	char why_item[160] = "", why_queue[160] = "";
	struct wqd_queue_info *qs;
	struct wqd_work_info *ws;
	struct wqd_info info;
	size_t nq, nw, i, j;
	long slab_item0, slab_queue0;
	int fd, efd, opt, status;
	unsigned int p, rounds = 0;
	const char *first = NULL, *first_overlap = NULL;
	struct wqd_events_open eo = {
		.flags = WQD_EVO_NONBLOCK, .ring_size = WQD_EVENTS_RING_MAX,
	};

	while ((opt = getopt(argc, argv, "t:p:s:r:v")) != -1) {
		switch (opt) {
		case 't':
			seconds = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			nprocs = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verbose = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !nprocs || nprocs > MAX_PROCS || (!seconds && !rounds))
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	rng = seed | 1;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fd = open(DEV, O_RDWR | O_CLOEXEC);
	if (sh == MAP_FAILED || fd < 0 || xioctl(fd, WQD_IOC_RESET, NULL) ||
	    xioctl(fd, WQD_IOC_INFO, &info0)) {
		fprintf(stderr, "wqd-stress: %s: %s (loaded? root?)\n", DEV, strerror(errno));
		return 2;
	}
	memset(sh, 0, sizeof(*sh));
	if (rounds) {
		printf("race drills:\n");
		drills(fd, rounds);
		if (xioctl(fd, WQD_IOC_RESET, NULL))
			check(false, "reset after the drills: %s", strerror(errno));
	}
	if (!seconds) {
		close(fd);
		printf("stress: %s (drills only)\n", failures ? "FAILED" : "ok");
		return failures ? 1 : 0;
	}
	slab_item0 = slab_objects("wqd_item", why_item, sizeof(why_item));
	slab_queue0 = slab_objects("wqd_queue", why_queue, sizeof(why_queue));
	printf("wqd-stress: %u workers for %u s, seed %llu, %u CPUs, HZ %u\n",
	       nprocs, seconds, seed, info0.nr_online_cpus, info0.hz);

	/* The follower's stream exists before the first item does. */
	efd = (int)ioctl(fd, WQD_IOC_EVENTS_OPEN, &eo);
	if (efd < 0) {
		fprintf(stderr, "wqd-stress: events open: %s\n", strerror(errno));
		return 2;
	}
	pids[nprocs] = fork();
	if (!pids[nprocs]) {
		close(fd);
		follower(efd);
	}
	close(efd);
	for (p = 0; p < nprocs; p++) {
		pids[p] = fork();
		if (!pids[p]) {
			close(fd);
			rng = seed + p;
			worker((int)p);
		}
	}

	sleep(seconds);
	sh->stop = 1;
	signal(SIGALRM, on_alarm);
	alarm(120);
	for (p = 0; p < nprocs; p++) {
		if (waitpid(pids[p], &status, 0) != pids[p] || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			check(false, "worker %u ended badly (status 0x%x)", p, status);
		pids[p] = 0;
	}
	alarm(0);

	/* Quiesce: cancel every item left and wait for its handler. */
	ws = list_all(fd, WQD_IOC_WORK_LIST, sizeof(*ws), &nw);
	if (!ws && nw) {
		check(false, "work list: %s", strerror(errno));
		return 1;
	}
	for (i = 0; i < nw; i++) {
		struct wqd_work_ref ref = { .id = ws[i].id };
		int err = xioctl(fd, WQD_IOC_WORK_CANCEL, &ref);

		if (err)
			check(false, "cancel of item %llu: %s",
			      (unsigned long long)ref.id, strerror(err));
	}
	free(ws);
	if (xioctl(fd, WQD_IOC_INFO, &info)) {
		perror("wqd-stress: info");
		return 1;
	}
	sh->target = info.executed;
	sh->final = 1;
	alarm(120);
	if (waitpid(pids[nprocs], &status, 0) != pids[nprocs] ||
	    !WIFEXITED(status) || WEXITSTATUS(status))
		check(false, "the follower ended badly (status 0x%x)", status);
	pids[nprocs] = 0;
	alarm(0);

	for (p = 0; p < nprocs; p++) {
		struct worker_stats *w = &sh->w[p];

		for (i = 0; i < NR_OPS; i++) {
			total[i].done += w->op[i].done;
			total[i].refused += w->op[i].refused;
		}
		ids += w->ids;
		unexpected += w->unexpected;
		survivors += w->owned_survivors;
		ordered_made += w->ordered_made;
		ordered_destroyed += w->ordered_destroyed;
		ordered_overlap += w->ordered_overlap;
		if (!first_overlap && w->first_overlap[0])
			first_overlap = w->first_overlap;
		if (!first && w->first_error[0])
			first = w->first_error;
	}
	printf("operations (done, refused as a race may refuse them):\n");
	for (i = 0; i < NR_OPS; i++) {
		printf("  %-24s %10llu %10llu\n", ops[i].name, total[i].done,
		       total[i].refused);
		all_ops += total[i].done;
	}
	printf("  %-24s %10llu\n", "total", all_ops);
	printf("  %-24s %10llu\n", "ids given out", ids);
	printf("  %-24s %10llu (%llu records, %llu lost)\n", "runs followed",
	       sh->f_runs, sh->f_records, sh->f_dropped);

	printf("invariants:\n");
	check(!unexpected, "no unexpected errno (%llu)%s%s", unexpected,
	      first ? ": first: " : "", first ? first : "");
	check(!survivors, "owned items gone when their file closed (%llu survived)",
	      survivors);
	check(sh->f_done, "the follower finished");
	check(sh->f_runs + sh->f_dropped == info.executed,
	      "executed %llu = runs seen %llu + lost %llu",
	      (unsigned long long)info.executed, sh->f_runs, sh->f_dropped);
	check(!sh->f_bad, "run records in order and clean (%llu bad, %llu loss records)%s%s",
	      sh->f_bad, sh->f_losses, sh->f_first[0] ? ": " : "", sh->f_first);
	check(!sh->f_mismatch,
	      "each listed item ran as often as seen: %llu exactly, %llu at least (a loss after their last record); %llu differ",
	      sh->f_compared, sh->f_at_least, sh->f_mismatch);
	check(info.submitted == ids, "submitted %llu = ids given out %llu",
	      (unsigned long long)info.submitted, ids);

	qs = list_all(fd, WQD_IOC_QUEUE_LIST, sizeof(*qs), &nq);
	ws = list_all(fd, WQD_IOC_WORK_LIST, sizeof(*ws), &nw);
	if (!qs || (!ws && nw)) {
		check(false, "lists: %s", strerror(errno));
		return 1;
	}
	check(info.nr_items == nw, "nr_items %u = items listed %zu", info.nr_items, nw);
	for (i = 0, j = 0; i < nq; i++)
		j += qs[i].id >= WQD_QUEUE_ID_USER;
	check(info.nr_queues == j, "nr_queues %u = user queues listed %zu",
	      info.nr_queues, j);
	{
		size_t bad_items = 0, bad_hist = 0, running = 0, overlap = 0, ordered = 0;
		static struct wqd_hist h;

		for (i = 0; i < nq; i++) {
			size_t on = 0;
			__u64 sum_l = 0, sum_r = 0;
			int b;

			for (j = 0; j < nw; j++)
				on += ws[j].queue_id == qs[i].id;
			if (on != qs[i].items) {
				bad_items++;
				printf("       queue %llu: items %u, %zu listed\n",
				       (unsigned long long)qs[i].id, qs[i].items, on);
			}
			memset(&h, 0, sizeof(h));
			h.queue_id = qs[i].id;
			if (xioctl(fd, WQD_IOC_QUEUE_HIST, &h)) {
				bad_hist++;
				continue;
			}
			/* Read after the queue's counters: runs may not change now. */
			for (b = 0; b < WQD_HIST_BUCKETS; b++) {
				sum_l += h.lateness[b];
				sum_r += h.runtime[b];
			}
			if (sum_l != qs[i].executed || sum_r != qs[i].executed) {
				bad_hist++;
				printf("       queue %llu: executed %llu, histograms %llu %llu\n",
				       (unsigned long long)qs[i].id,
				       (unsigned long long)qs[i].executed,
				       (unsigned long long)sum_l, (unsigned long long)sum_r);
			}
			running += qs[i].running;
			if (kind_ordered(qs[i].kind)) {
				ordered++;
				overlap += qs[i].max_running > 1;
			}
		}
		check(!bad_items, "each queue's items = items listed on it (%zu differ)",
		      bad_items);
		check(!bad_hist, "each queue's histograms add up to its executed (%zu differ)",
		      bad_hist);
		check(!running, "nothing running after the cancels (%zu)", running);
		check(!overlap && !ordered_overlap,
		      "ordered queues never ran two at once (%llu did before their destroy, %zu at the end)%s%s",
		      ordered_overlap, overlap, first_overlap ? ": first: " : "",
		      first_overlap ? first_overlap : "");
		check(ordered_made == ordered_destroyed + ordered,
		      "every ordered queue checked: %llu made, %llu before their destroy, %zu at the end",
		      ordered_made, ordered_destroyed, ordered);
	}
	{
		size_t with_hist = 0, bad = 0;
		static struct wqd_hist h;

		for (j = 0; j < nw; j++) {
			__u64 sum_l = 0, sum_r = 0;
			int b;

			if (!(ws[j].flags & WQD_WF_HIST))
				continue;
			with_hist++;
			memset(&h, 0, sizeof(h));
			h.item_id = ws[j].id;
			if (xioctl(fd, WQD_IOC_QUEUE_HIST, &h)) {
				bad++;
				continue;
			}
			for (b = 0; b < WQD_HIST_BUCKETS; b++) {
				sum_l += h.lateness[b];
				sum_r += h.runtime[b];
			}
			if (sum_l != ws[j].runs || sum_r != ws[j].runs) {
				if (!bad)
					printf("       item %llu: runs %u, histograms %llu %llu\n",
					       (unsigned long long)ws[j].id, ws[j].runs,
					       (unsigned long long)sum_l,
					       (unsigned long long)sum_r);
				bad++;
			}
		}
		check(!bad, "each item's histograms add up to its runs (%zu of %zu differ)",
		      bad, with_hist);
	}
	for (j = 0; j < nw; j++) {
		if (ws[j].count && ws[j].runs > ws[j].count) {
			check(false, "item %llu ran %u times of %u",
			      (unsigned long long)ws[j].id, ws[j].runs, ws[j].count);
			break;
		}
	}
	free(qs);
	free(ws);

	/* Reset: back to nothing, and the slabs back to the baseline. */
	check(!xioctl(fd, WQD_IOC_RESET, NULL) && !xioctl(fd, WQD_IOC_INFO, &info),
	      "reset");
	check(!info.nr_items && !info.nr_queues, "after reset: %u items, %u queues",
	      info.nr_items, info.nr_queues);
	check_slab("wqd_item", slab_item0, why_item);
	check_slab("wqd_queue", slab_queue0, why_queue);
	close(fd);

	printf("stress: %s (%llu operations in %u s)\n", failures ? "FAILED" : "ok",
	       all_ops, seconds);
	return failures ? 1 : 0;
}
