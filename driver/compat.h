/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernel lines wqdemo supports (6.1 and 6.12).
 * Every version test of the module lives here.
 */
#ifndef _WQD_COMPAT_H
#define _WQD_COMPAT_H

#include <linux/timer.h>
#include <linux/version.h>
#include <linux/workqueue.h>

/* BH workqueues (WQ_BH, system_bh_wq) arrived in 6.9. */
#if KERNEL_VERSION(6, 9, 0) <= LINUX_VERSION_CODE
#define WQD_HAVE_BH		1
#define WQD_WQ_BH		WQ_BH
#define wqd_system_bh_wq()	system_bh_wq
#else
#define WQD_HAVE_BH		0
#define WQD_WQ_BH		0
#define wqd_system_bh_wq()	NULL
#endif

/*
 * timer_shutdown_sync() arrived in 6.2 (Debian's 6.1 has it backported):
 * before it, del_timer_sync() does, as nothing re-arms a timer we stop.
 */
#if KERNEL_VERSION(6, 2, 0) <= LINUX_VERSION_CODE
#define wqd_timer_shutdown_sync(t)	timer_shutdown_sync(t)
#else
#define wqd_timer_shutdown_sync(t)	del_timer_sync(t)
#endif

#endif /* _WQD_COMPAT_H */
