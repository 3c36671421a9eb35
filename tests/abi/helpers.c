// SPDX-License-Identifier: GPL-2.0
/*
 * Set-up helpers and the call under test: what every case uses to
 * build its world and to make the one call it is about.
 */
#include "abi.h"

int xioctl(int fd, unsigned long cmd, void *arg)
{
	long ret = ioctl(fd, cmd, arg);

	return ret < 0 ? errno : 0;
}

unsigned long cmd_size(unsigned long cmd, size_t size)
{
	return (cmd & ~((unsigned long)_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
	       ((unsigned long)size << _IOC_SIZESHIFT);
}

unsigned long cmd_dir(unsigned long cmd, unsigned int dir)
{
	return (cmd & ~((unsigned long)_IOC_DIRMASK << _IOC_DIRSHIFT)) |
	       ((unsigned long)dir << _IOC_DIRSHIFT);
}

void set_name(char *dst, const char *s)
{
	memset(dst, 0, WQD_NAME_LEN);
	memcpy(dst, s, strnlen(s, WQD_NAME_LEN));
}

bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

/* No aligned 32-bit word of @p is still the sentinel. */
bool no_sentinel_word(const void *p, size_t n)
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
bool str_clean(const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	return len < size && all_bytes(s + len, 0, size - len);
}

bool name_clean(const char *name)
{
	return str_clean(name, WQD_NAME_LEN);
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * BH workqueues (WQ_BH) came with Linux 6.9. The cases expect them by the
 * running kernel's version, never by the module's own feature bit: a
 * module that lost them where the kernel has them must fail.
 */
bool kernel_has_bh(void)
{
	struct utsname u;
	unsigned int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2) {
		fprintf(stderr, "wqd-negative: uname: no kernel version\n");
		exit(2);
	}
	return major > 6 || (major == 6 && minor >= 9);
}

bool get_info(struct wqd_info *info)
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

__u64 mk_queue(const char *name)
{
	return mk_queue_kind(name, WQD_KIND_ALLOC, 0);
}

void submit_init(struct wqd_work_submit *s, __u64 queue_id)
{
	memset(s, 0, sizeof(*s));
	s->queue_id = queue_id;
	s->cpu = WQD_CPU_ANY;
	s->count = 1;
	s->ids_ptr = (uintptr_t)ids;
}

/* One item through @fd; its id, or 0 with errno set. */
__u64 submit_fd(int fd, struct wqd_work_submit *s)
{
	ids[0] = 0;
	s->instances = 1;
	s->ids_ptr = (uintptr_t)ids;
	errno = xioctl(fd, WQD_IOC_WORK_SUBMIT, s);
	return errno ? 0 : ids[0];
}

/* A delayed item that stays pending for @delay. */
__u64 mk_delayed(__u64 queue_id, __u64 delay)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	s.flags = WQD_WF_DELAYED;
	s.delay_ns = delay;
	return submit_fd(g.fd, &s);
}

/* A plain item that runs once, now. */
__u64 mk_oneshot(__u64 queue_id)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	return submit_fd(g.fd, &s);
}

/* A plain item that keeps histograms and runs @count times, now. */
__u64 mk_hist_item(__u64 queue_id, __u32 count)
{
	struct wqd_work_submit s;

	submit_init(&s, queue_id);
	s.flags = WQD_WF_HIST;
	s.count = count;
	return submit_fd(g.fd, &s);
}

bool work_info(__u64 id, struct wqd_work_info *wi)
{
	memset(wi, 0, sizeof(*wi));
	wi->id = id;
	return !xioctl(g.fd, WQD_IOC_WORK_INFO, wi);
}

/* Poll an item until it is in @state; false after @ms (0: look once). */
bool wait_state(__u64 id, __u32 state, long ms)
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

bool wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

int events_open(int fd, __u64 queue_id, __u32 flags, __u32 ring)
{
	struct wqd_events_open o = {
		.queue_id = queue_id, .flags = flags, .ring_size = ring,
	};
	long ret = ioctl(fd, WQD_IOC_EVENTS_OPEN, &o);

	return ret < 0 ? -1 : (int)ret;
}

/* @size bytes of @src in the read-only page: the kernel can read, not write. */
void *read_only_copy(const void *src, size_t size)
{
	mprotect(g.rdonly, g.page, PROT_READ | PROT_WRITE);
	memcpy(g.rdonly, src, size);
	mprotect(g.rdonly, g.page, PROT_READ);
	return g.rdonly;
}

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
void record(struct result *r, long ret, const struct counts *before)
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

int call(struct result *r, int fd, unsigned long cmd, void *arg)
{
	struct counts before;
	bool have = get_counts(&before);
	long ret;

	errno = 0;
	ret = ioctl(fd, cmd, arg);
	record(r, ret, have ? &before : NULL);
	return r->got;
}

int call_read(struct result *r, int fd, void *dst, size_t len)
{
	errno = 0;
	record(r, read(fd, dst, len), NULL);
	return r->got;
}

/* A call that is not an ioctl: @ret as it returned, errno as it left it. */
int call_sys(struct result *r, long ret)
{
	record(r, ret, NULL);
	return r->got;
}
