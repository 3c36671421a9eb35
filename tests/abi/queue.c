// SPDX-License-Identifier: GPL-2.0
/*
 * Version and info, reset, and queue create: every refusal of a
 * queue's making, and what a success must write.
 */
#include "abi.h"

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

TEST(reset__read_only_keeps_everything, EBADF)
{
	__u64 q, id;

	REQUIRE((q = mk_queue("stays")));
	REQUIRE((id = mk_delayed(q, 60 * SEC)));
	call(r, g.ro, WQD_IOC_RESET, NULL);
	CHECK(wait_state(id, WQD_STATE_PENDING, 0));
}

void qc_init(struct wqd_queue_create *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	set_name(c->name, name);
}

/*
 * A queue made: the id written and nothing else, and the queue is the one
 * asked for, as its info tells.
 */
void qc_ok(struct result *r, const struct wqd_queue_create *before,
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
void qc_call(struct result *r, struct wqd_queue_create *c)
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

/*
 * A struct that differs from a valid one only in its kind, flags,
 * max_active or name: one row a case. A row marked bh is refused as
 * unsupported (EOPNOTSUPP) before 6.9, as asked from 6.9 on.
 */
struct qc_row {
	const char *case_name;
	int expect;
	bool bh;
	const char *name;
	__u32 kind;
	__u32 flags;
	__u32 max_active;
};

static const struct qc_row qc_rows[] = {
	{ "queue_create__unknown_flag_bit31", EINVAL, false,
	  "flag", 0, 0x80000000U, 0 },
	{ "queue_create__kind_builtin", EINVAL, false,
	  "kind", WQD_KIND_BUILTIN, 0, 0 },
	{ "queue_create__kind_huge", EINVAL, false,
	  "kind", 0xffffffffU, 0, 0 },
	{ "queue_create__max_active_huge", EINVAL, false,
	  "ma", 0, 0, 0xffffffffU },
	{ "queue_create__max_active_at_limit", 0, false,
	  "ma", 0, 0, WQ_MAX_ACTIVE },
	{ "queue_create__legacy_with_flags", EINVAL, false,
	  "lg", WQD_KIND_LEGACY, WQD_QF_UNBOUND, 0 },
	{ "queue_create__legacy_with_max_active", EINVAL, false,
	  "lg", WQD_KIND_LEGACY, 0, 1 },
	{ "queue_create__legacy_single_with_flags", EINVAL, false,
	  "lgs", WQD_KIND_LEGACY_SINGLE, WQD_QF_HIGHPRI, 0 },
	{ "queue_create__ordered_with_max_active", EINVAL, false,
	  "ord", WQD_KIND_ORDERED, 0, 2 },
	{ "queue_create__ordered_unbound", EINVAL, false,
	  "ord", WQD_KIND_ORDERED, WQD_QF_UNBOUND, 0 },
	{ "queue_create__ordered_sysfs", EINVAL, false,
	  "ord", WQD_KIND_ORDERED, WQD_QF_SYSFS, 0 },
	{ "queue_create__bh_with_unbound", EINVAL, true,
	  "bh", 0, WQD_QF_BH | WQD_QF_UNBOUND, 0 },
	{ "queue_create__bh_with_max_active", EINVAL, true,
	  "bh", 0, WQD_QF_BH, 1 },
	{ "queue_create__bh_ordered", EINVAL, true,
	  "bh", WQD_KIND_ORDERED, WQD_QF_BH, 0 },
	{ "queue_create__bh_on_this_kernel", 0, true,
	  "bh", 0, WQD_QF_BH, 0 },
	{ "queue_create__name_20_chars", ENAMETOOLONG, false,
	  "abcdefghijklmnopqrst", 0, 0, 0 },
	{ "queue_create__name_31_chars", ENAMETOOLONG, false,
	  "abcdefghijklmnopqrstuvwxyz01234", 0, 0, 0 },
	{ "queue_create__name_19_chars", 0, false,
	  "abcdefghijklmnopqrs", 0, 0, 0 },
	{ "queue_create__name_all_digits", EINVAL, false,
	  "12345", 0, 0, 0 },
	{ "queue_create__name_of_builtin", EEXIST, false,
	  "system_long", 0, 0, 0 },
};

static void qc_row_case(struct result *r, const struct tcase *t)
{
	const struct qc_row *row = t->data;
	struct wqd_queue_create c;

	if (row->bh && !g.bh)
		r->expect = EOPNOTSUPP;
	qc_init(&c, row->name);
	c.kind = row->kind;
	c.flags = row->flags;
	c.max_active = row->max_active;
	qc_call(r, &c);
}

static void __attribute__((constructor)) add_qc_rows(void)
{
	size_t i;

	for (i = 0; i < sizeof(qc_rows) / sizeof(qc_rows[0]); i++)
		add_case(qc_rows[i].case_name, qc_rows[i].expect, qc_row_case,
			 PH_DEFAULT, &qc_rows[i]);
}

TEST(queue_create__kind_unknown, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "kind");
	c.kind = WQD_KIND_BUILTIN + 1;
	qc_call(r, &c);
}

TEST(queue_create__max_active_too_big, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "ma");
	c.max_active = WQ_MAX_ACTIVE + 1;
	qc_call(r, &c);
}

TEST(queue_create__name_empty, EINVAL)
{
	struct wqd_queue_create c;

	qc_init(&c, "");
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
