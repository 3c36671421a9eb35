// SPDX-License-Identifier: GPL-2.0
/*
 * Work submit: every refusal of an item's making.
 */
#include "abi.h"

/*
 * Items made: the struct as it was (all of it is in), one new id written
 * per instance into ids[] (pre-filled with the sentinel) and not one
 * more, and each item what was asked, as its info tells.
 */
void ws_ok(struct result *r, const struct wqd_work_submit *before,
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

void ws_call(struct result *r, struct wqd_work_submit *s)
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

void ws_init(struct wqd_work_submit *s)
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
