/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words for the ABI's numbers: a queue's kind, an item's state, the
 * bits of a queue's flags. The module's report (report.c) prints them,
 * and wqctl prints them too, in its tables and its JSON, through libwqd
 * (tool/lib/names.c includes this file): one list, so that `cat
 * /dev/wqdemo` and wqctl can never name a thing two ways.
 *
 * Not in the uapi header: the ABI carries the numbers, and the words are
 * what two programs of this tree print, free to grow without an ABI
 * version. Hence plain C, which needs only <linux/wqdemo.h> and builds
 * in the kernel and in userspace alike. wqctl's words for the features
 * stay in names.c: the report does not print them, and a table here
 * that a side does not use would be a warning (-Wunused-const-variable)
 * in the module's W=1 build. tests/unit/test_names.c checks that libwqd
 * gives these words and that the list has one for every bit and value.
 */
#ifndef _WQD_WORDS_H
#define _WQD_WORDS_H

#include <linux/wqdemo.h>

/* enum wqd_queue_kind */
static const char * const wqd_kind_names[] = {
	[WQD_KIND_ALLOC] = "alloc",
	[WQD_KIND_LEGACY] = "legacy",
	[WQD_KIND_LEGACY_SINGLE] = "legacy_single",
	[WQD_KIND_ORDERED] = "ordered",
	[WQD_KIND_BUILTIN] = "builtin",
};

/* enum wqd_work_state */
static const char * const wqd_state_names[] = {
	[WQD_STATE_PENDING] = "pending",
	[WQD_STATE_RUNNING] = "running",
	[WQD_STATE_IDLE] = "idle",
	[WQD_STATE_DONE] = "done",
	[WQD_STATE_CANCELLED] = "cancelled",
	[WQD_STATE_OFFLINE] = "offline",
};

/* WQD_QF_*, by bit number: WQD_QF_UNBOUND is bit 0. */
static const char * const wqd_queue_flag_names[] = {
	"unbound", "highpri", "cpu_intensive", "freezable", "mem_reclaim",
	"sysfs", "power_efficient", "bh",
};

#endif /* _WQD_WORDS_H */
