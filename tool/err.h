/* SPDX-License-Identifier: GPL-2.0 */
/* Reporting failures, the two ways wqctl exits non-zero. */
#ifndef WQCTL_ERR_H
#define WQCTL_ERR_H

/* Exit statuses, from the contract. */
#define EXIT_FAILED	1	/* the kernel refused, or the operation failed */
#define EXIT_USAGE	2	/* the command line is wrong */

int wqctl_err(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int wqctl_err_hint(int err, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int wqctl_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif /* WQCTL_ERR_H */
