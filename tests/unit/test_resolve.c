// SPDX-License-Identifier: GPL-2.0
/* Q and ITEM: ids, names and labels. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "lib/wqd.h"

static void test_parse_u64(void)
{
	__u64 v = 7;

	CHECK(libwqd_parse_u64("0", &v) == 0 && v == 0);
	CHECK(libwqd_parse_u64("18446744073709551615", &v) == 0 &&
	      v == UINT64_MAX);
	CHECK(libwqd_parse_u64("18446744073709551616", &v) == -ERANGE);
	CHECK(libwqd_parse_u64("", &v) == -EINVAL);
	CHECK(libwqd_parse_u64("-1", &v) == -EINVAL);
	CHECK(libwqd_parse_u64("1 ", &v) == -EINVAL);
	CHECK(libwqd_parse_u64("0x1", &v) == -EINVAL);
}

static void test_id_or_name(void)
{
	__u64 id = 0;

	CHECK(libwqd_parse_ref("17", &id) == 1 && id == 17);
	CHECK(libwqd_parse_ref("007", &id) == 1 && id == 7);
	CHECK(libwqd_parse_ref("system", &id) == 0);
	CHECK(libwqd_parse_ref("q1", &id) == 0);
	CHECK(libwqd_parse_ref("1q", &id) == 0);
	CHECK(libwqd_parse_ref("-1", &id) == 0);
	CHECK(libwqd_parse_ref("", &id) == -EINVAL);
	CHECK(libwqd_parse_ref("99999999999999999999", &id) == -ERANGE);
}

static void test_queue_by_name(void)
{
	struct wqd_queue_info queues[3] = {
		{ .id = 1, .name = "system" },
		{ .id = 2, .name = "system_highpri" },
		{ .id = 16, .name = "q1" },
	};
	__u64 id = 0;

	CHECK(libwqd_queue_find(queues, 3, "system", &id) == 0 && id == 1);
	CHECK(libwqd_queue_find(queues, 3, "q1", &id) == 0 && id == 16);
	/* A name is matched whole, never by prefix. */
	CHECK(libwqd_queue_find(queues, 3, "sys", &id) == -ENOENT);
	CHECK(libwqd_queue_find(queues, 3, "q", &id) == -ENOENT);
	CHECK(libwqd_queue_find(NULL, 0, "q1", &id) == -ENOENT);

	CHECK(!strcmp(libwqd_queue_name(queues, 3, 2), "system_highpri"));
	CHECK(libwqd_queue_name(queues, 3, 3) == NULL);
}

static void test_item_by_label(void)
{
	struct wqd_work_info items[4] = {
		{ .id = 1, .name = "tick" },
		{ .id = 2, .name = "" },
		{ .id = 3, .name = "tock" },
		{ .id = 4, .name = "tock" },
	};
	__u64 id = 0;

	CHECK(libwqd_work_find(items, 4, "tick", &id) == 0 && id == 1);
	/* Two items share a label: refuse rather than pick one. */
	CHECK(libwqd_work_find(items, 4, "tock", &id) == -ENOTUNIQ);
	CHECK(libwqd_work_find(items, 4, "tic", &id) == -ENOENT);
	CHECK(libwqd_work_find(NULL, 0, "tick", &id) == -ENOENT);
}

int main(void)
{
	test_parse_u64();
	test_id_or_name();
	test_queue_by_name();
	test_item_by_label();
	return check_done();
}
