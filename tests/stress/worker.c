// SPDX-License-Identifier: GPL-2.0
/*
 * A worker: random valid operations on /dev/wqdemo until time is up,
 * each counted as done, refused as a race may refuse it, or unexpected.
 */
#include "stress.h"

unsigned long long rng;

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
bool kind_ordered(__u32 kind)
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

void __attribute__((noreturn)) worker(int id)
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
