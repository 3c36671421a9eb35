// SPDX-License-Identifier: GPL-2.0
/*
 * Failure messages: "<what>: <strerror> (<hint>)", strerror always there
 * (scripts and tests match it), and a hint a person can act on.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "err.h"

static bool message_is(int err, enum wqctl_on on, const char *name,
		       const char *want)
{
	char buf[512];

	wqctl_message(buf, sizeof(buf), err, on, name);
	if (strcmp(buf, want)) {
		fprintf(stderr, "got  '%s'\nwant '%s'\n", buf, want);
		return false;
	}
	return true;
}

static void test_device(void)
{
	CHECK(message_is(-ENOENT, ON_DEVICE, "/dev/wqdemo",
		"/dev/wqdemo: No such file or directory (is the wqdemo module loaded?)"));
	CHECK(message_is(-ENODEV, ON_DEVICE, "/dev/wqdemo",
		"/dev/wqdemo: No such device (is the wqdemo module loaded?)"));
	CHECK(message_is(-EACCES, ON_DEVICE, "/dev/wqdemo",
		"/dev/wqdemo: Permission denied (run as root, or as a member of group wqdemo)"));
	CHECK(message_is(-EPERM, ON_DEVICE, "/dev/wqdemo",
		"/dev/wqdemo: Operation not permitted (run as root, or as a member of group wqdemo)"));
	CHECK(message_is(-EPROTO, ON_DEVICE, "/dev/wqdemo",
		"/dev/wqdemo: Protocol error (the module speaks another ABI version than this wqctl)"));
	CHECK(message_is(-ENOTTY, ON_DEVICE, "/dev/null",
		"/dev/null: Inappropriate ioctl for device (is this the wqdemo device?)"));
}

static void test_queues(void)
{
	CHECK(message_is(-ENOENT, ON_QUEUE, "foo",
		"queue 'foo': No such file or directory (no such queue)"));
	CHECK(message_is(-EEXIST, ON_QUEUE_CREATE, "x",
		"queue 'x': File exists (a queue named 'x' exists)"));
	CHECK(message_is(-ENAMETOOLONG, ON_QUEUE_CREATE, "abcdefghijklmnopqrst",
		"queue 'abcdefghijklmnopqrst': File name too long (a queue name has at most 19 characters)"));
	CHECK(message_is(-ENOSPC, ON_QUEUE_CREATE, "l3",
		"queue 'l3': No space left on device (limit reached: see wqctl info)"));
	CHECK(message_is(-EPERM, ON_QUEUE_DESTROY, "system",
		"queue 'system': Operation not permitted (built-in queues cannot be destroyed)"));
	CHECK(message_is(-EPERM, ON_QUEUE_FLUSH, "system",
		"queue 'system': Operation not permitted (built-in queues cannot be flushed)"));
	CHECK(message_is(-EPERM, ON_QUEUE_DRAIN, "1",
		"queue '1': Operation not permitted (built-in queues cannot be drained)"));
	CHECK(message_is(-ENOENT, ON_QUEUE_DESTROY, "999",
		"queue '999': No such file or directory (no such queue)"));
	CHECK(message_is(-EBUSY, ON_QUEUE_DESTROY, "q",
		"queue 'q': Device or resource busy (queue is draining)"));
	CHECK(message_is(-EOPNOTSUPP, ON_QUEUE_CREATE, "soft",
		"queue 'soft': Operation not supported (this kernel lacks it: --bh needs Linux 6.9)"));
	CHECK(message_is(-EEXIST, ON_DEMO_QUEUE, "demo",
		"queue 'demo': File exists (left by a demo that was killed? 'wqctl queue destroy demo' removes it)"));
}

static void test_items(void)
{
	CHECK(message_is(-ENOENT, ON_ITEM, "424242",
		"item '424242': No such file or directory (no such item)"));
	CHECK(message_is(-ENOTUNIQ, ON_ITEM, "dup",
		"item 'dup': Name not unique on network (more than one item has this label: use the id)"));
	CHECK(message_is(-EBUSY, ON_ITEM_MOD, "t",
		"item 't': Device or resource busy (queue is draining)"));
	/* stats --hist --item: an item that keeps no histograms. */
	CHECK(message_is(-EINVAL, ON_ITEM_HIST, "7",
		"item '7': Invalid argument (submitted without --hist)"));
	CHECK(message_is(-ENOENT, ON_ITEM_HIST, "tick",
		"item 'tick': No such file or directory (no such item)"));
	CHECK(message_is(-ENOTUNIQ, ON_ITEM_HIST, "dup",
		"item 'dup': Name not unique on network (more than one item has this label: use the id)"));
	/* The hint is the histograms' only: other item commands lack it. */
	CHECK(message_is(-EINVAL, ON_ITEM, "7", "item '7': Invalid argument"));
	CHECK(message_is(-ENOENT, ON_SUBMIT, "999",
		"submit to queue '999': No such file or directory (no such queue)"));
	CHECK(message_is(-ENOSPC, ON_SUBMIT, "system",
		"submit to queue 'system': No space left on device (limit reached: see wqctl info)"));
	CHECK(message_is(-EBUSY, ON_SUBMIT, "q",
		"submit to queue 'q': Device or resource busy (queue is draining)"));
	CHECK(message_is(-ENAMETOOLONG, ON_LABEL, "x",
		"label 'x': File name too long (a label has at most 31 characters)"));
	CHECK(message_is(-EINVAL, ON_SUBMIT, "system",
		"submit to queue 'system': Invalid argument (check --cpu (online?), --name (letters, digits, _ - .) and the limits in wqctl info)"));
	CHECK(message_is(-EBADF, ON_SUBMIT, "system",
		"submit to queue 'system': Bad file descriptor (run as root, or as a member of group wqdemo)"));
}

static void test_others(void)
{
	CHECK(message_is(-EINVAL, ON_EVENTS, NULL,
		"event stream: Invalid argument (--ring takes a power of two up to 65536)"));
	CHECK(message_is(-ENOSPC, ON_EVENTS, NULL,
		"event stream: No space left on device (too many event streams are open)"));
	/* No hint: strerror alone, and no empty parentheses. */
	CHECK(message_is(-EIO, ON_NONE, "output", "output: Input/output error"));
	CHECK(message_is(-ENOMEM, ON_QUEUE, "q",
		"queue 'q': Cannot allocate memory"));
}

/* Whatever the context, strerror is in the message. */
static void test_strerror_always(void)
{
	static const int errs[] = {
		EPERM, ENOENT, EIO, EBADF, ENOMEM, EACCES, EFAULT, EBUSY,
		EEXIST, ENODEV, EINVAL, ENOSPC, ENOTTY, ENAMETOOLONG,
		EOPNOTSUPP, EPROTO, ENOTUNIQ, ENXIO,
	};
	char buf[512];
	int on, i;

	for (on = ON_NONE; on <= ON_DEMO_QUEUE; on++) {
		for (i = 0; i < (int)(sizeof(errs) / sizeof(errs[0])); i++) {
			wqctl_message(buf, sizeof(buf), -errs[i], on, "x");
			CHECK(strstr(buf, strerror(errs[i])));
			CHECK(!strstr(buf, "()"));
		}
	}
}

int main(void)
{
	test_device();
	test_queues();
	test_items();
	test_others();
	test_strerror_always();
	return check_done();
}
