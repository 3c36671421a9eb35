/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARRAY_SIZE, the kernel's name for it. Here, below libwqd and wqctl
 * both, so that there is one of it: libwqd's tables of words count with
 * it as much as wqctl's tables do.
 */
#ifndef LIBWQD_ARRAY_SIZE_H
#define LIBWQD_ARRAY_SIZE_H

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* LIBWQD_ARRAY_SIZE_H */
