/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest harness that says where a check failed: every test file
 * is one program, CHECK() counts failures, main() returns check_done().
 */
#ifndef WQD_CHECK_H
#define WQD_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: failed: %s\n",		\
				__FILE__, __LINE__, #cond);		\
			check_failures++;				\
		}							\
	} while (0)

static inline int check_done(void)
{
	return check_failures ? 1 : 0;
}

#endif /* WQD_CHECK_H */
