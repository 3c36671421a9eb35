// SPDX-License-Identifier: GPL-2.0
/*
 * The module: unload while in use, load with bad parameters, and the
 * limits cases (the module loaded with SMALL_LIMITS).
 */
#include "abi.h"

int mod_unload(void)
{
	return syscall(SYS_delete_module, "wqdemo", O_NONBLOCK) ? errno : 0;
}

int mod_load(const char *params)
{
	int fd = open(g.ko, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return errno;
	err = syscall(SYS_finit_module, fd, params, 0) ? errno : 0;
	close(fd);
	return err;
}

bool mod_loaded(void)
{
	return !access("/sys/module/wqdemo", F_OK);
}

TEST_MODULE(module__unload_while_device_open, EAGAIN)
{
	int fd = open(DEV, O_RDONLY | O_CLOEXEC);

	REQUIRE(fd >= 0);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	close(fd);
	CHECK(mod_loaded());
}

TEST_MODULE(module__unload_while_stream_open, EAGAIN)
{
	int fd = open(DEV, O_RDONLY | O_CLOEXEC), efd;

	REQUIRE(fd >= 0);
	efd = events_open(fd, 0, 0, 0);
	close(fd);
	REQUIRE(efd >= 0);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	close(efd);
	CHECK(mod_loaded());
}

/* Live queues and items are no obstacle: unload cancels them. */
TEST_MODULE(module__unload_with_objects, 0)
{
	int fd = open(DEV, O_RDWR | O_CLOEXEC), saved = g.fd;
	struct wqd_work_submit s;
	__u64 q;

	REQUIRE(fd >= 0);
	g.fd = fd;
	q = mk_queue("left");
	submit_init(&s, q);
	s.period_ns = 10 * MS;
	s.count = 0;
	s.instances = 4;
	errno = q ? xioctl(fd, WQD_IOC_WORK_SUBMIT, &s) : errno;
	g.fd = saved;
	close(fd);
	REQUIRE(q && !errno);
	call_sys(r, syscall(SYS_delete_module, "wqdemo", O_NONBLOCK));
	CHECK(!mod_loaded());
	REQUIRE(!mod_load(""));
}

static int mod_load_err;

static int mod_load_bad(const char *params)
{
	mod_load_err = mod_load(params);
	return mod_load_err;
}

#define BAD_PARAM(fn, params)						\
TEST_MODULE(module__##fn, EINVAL)					\
{									\
	REQUIRE(!mod_unload());						\
	call_sys(r, mod_load_bad(params) ? (errno = mod_load_err, -1) : 0); \
	if (!r->got)							\
		mod_unload();						\
	REQUIRE(!mod_load(""));						\
}

BAD_PARAM(param_max_queues_0, "max_queues=0")
BAD_PARAM(param_max_items_0, "max_items=0")
BAD_PARAM(param_max_items_over_2_24, "max_items=16777217")
BAD_PARAM(param_max_payload_ms_over_60000, "max_payload_ms=60001")
BAD_PARAM(param_max_period_ms_0, "max_period_ms=0")

TEST_SMALL(limits__info_shows_them, 0)
{
	struct wqd_info i;

	memset(&i, SENTINEL, sizeof(i));
	call(r, g.fd, WQD_IOC_INFO, &i);
	CHECK(i.max_queues == 2 && i.max_items == 4);
}

TEST_SMALL(limits__third_queue, ENOSPC)
{
	struct wqd_queue_create c;

	REQUIRE(mk_queue("l1") && mk_queue("l2"));
	qc_init(&c, "l3");
	qc_call(r, &c);
}

TEST_SMALL(limits__queue_after_a_destroy, 0)
{
	struct wqd_queue_create c;
	struct wqd_queue_ref q = { 0 };

	REQUIRE(mk_queue("l1") && (q.id = mk_queue("l2")));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	qc_init(&c, "l3");
	qc_call(r, &c);
}

TEST_SMALL(limits__batch_over_items, ENOSPC)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 5;
	ws_call(r, &s);
}

TEST_SMALL(limits__batch_at_items, 0)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}

TEST_SMALL(limits__one_item_too_many, ENOSPC)
{
	struct wqd_work_submit s;

	ws_init(&s);
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	ws_init(&s);
	ws_call(r, &s);
}

/* Finished items still count: they stay listed until removed. */
TEST_SMALL(limits__finished_items_count, ENOSPC)
{
	struct wqd_work_submit s;
	size_t i;

	submit_init(&s, WQD_QUEUE_SYSTEM);
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	for (i = 0; i < 4; i++)
		REQUIRE(wait_state(ids[i], WQD_STATE_DONE, 20000));
	ws_init(&s);
	ws_call(r, &s);
}

TEST_SMALL(limits__items_after_queue_destroy, 0)
{
	struct wqd_work_submit s;
	struct wqd_queue_ref q = { 0 };

	REQUIRE((q.id = mk_queue("l1")));
	ws_init(&s);
	s.queue_id = q.id;
	s.instances = 4;
	REQUIRE(!xioctl(g.fd, WQD_IOC_WORK_SUBMIT, &s));
	REQUIRE(!xioctl(g.fd, WQD_IOC_QUEUE_DESTROY, &q));
	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}

TEST_SMALL(limits__items_after_owner_fd_closed, 0)
{
	struct wqd_work_submit s;
	int fd;

	REQUIRE((fd = open(DEV, O_RDWR | O_CLOEXEC)) >= 0);
	ws_init(&s);
	s.flags |= WQD_WF_OWNED;
	s.instances = 4;
	errno = xioctl(fd, WQD_IOC_WORK_SUBMIT, &s);
	close(fd);
	REQUIRE(!errno);
	ws_init(&s);
	s.instances = 4;
	ws_call(r, &s);
}
