// SPDX-License-Identifier: GPL-2.0
/*
 * The generic cases, made for every command from one table: bad
 * pointers, sizes an old or a new binary would pass, read-only files;
 * then unknown commands and bad directions.
 */
#include "abi.h"

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

void add_generic_cases(void)
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
