/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernel lines wqdemo supports (6.1 and 6.12).
 * Every version test of the module lives here.
 */
#ifndef _WQD_COMPAT_H
#define _WQD_COMPAT_H

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
 * Not a difference: timer_shutdown_sync() is mainline 6.2, and Debian's
 * 6.1 has it backported, so events.c calls it on both lines as it is.
 */

#endif /* _WQD_COMPAT_H */
