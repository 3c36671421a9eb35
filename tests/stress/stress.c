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
 *
 * This file is the parent: set-up, quiescing and the invariants; the
 * workers are in worker.c, the follower in follower.c, the race drills
 * in drills.c.
 */
#include "stress.h"

const struct op_desc ops[NR_OPS] = {
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
	/* EBUSY: a delayed item whose queue drains (no timer fired then). */
	[OP_WORK_FLUSH] = { "work flush", 5, { ENOENT, EBUSY } },
	/* EINVAL: a plain item, or one that will not run again. */
	[OP_WORK_MOD] = { "work mod", 8, { ENOENT, EINVAL, EBUSY } },
	[OP_WORK_INFO] = { "work info", 8, { ENOENT } },
	[OP_WORK_LIST] = { "work list", 2, { 0 } },
	[OP_REPORT] = { "report read", 1, { 0 } },
	/* One stream at a time a worker: no limit is in reach. */
	[OP_EVENTS] = { "events open/read/close", 3, { 0 } },
	[OP_INFO] = { "info", 3, { 0 } },
};

struct shared *sh;
bool verbose;

unsigned int nprocs = 4;
static unsigned int seconds = 30;
struct wqd_info info0;

int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? errno : 0;
}

static int failures;

void __attribute__((format(printf, 2, 3)))
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
