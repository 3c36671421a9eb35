// SPDX-License-Identifier: GPL-2.0
/*
 * The follower: one event stream from the start, with the largest ring;
 * every run record checked for order and counted per item.
 */
#include "stress.h"

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

void __attribute__((noreturn)) follower(int efd)
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
