// SPDX-License-Identifier: GPL-2.0
/*
 * Event streams: opening, reading, limits per file and in all.
 */
#include "abi.h"

/* The fd a success returned is an event stream's. */
bool is_event_stream(long fd)
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
