/* SPDX-License-Identifier: GPL-2.0 */
/* Durations: DUR on the command line, and durations for humans. */
#ifndef WQCTL_DUR_H
#define WQCTL_DUR_H

#include <linux/types.h>

/* Room for any dur_format() result: the longest is "18446744073.709 s". */
#define DUR_FMT_LEN	32

int dur_parse(const char *s, __u64 *ns);
const char *dur_format(char buf[DUR_FMT_LEN], __u64 ns);
const char *dur_format_signed(char buf[DUR_FMT_LEN], __s64 ns);
__u64 dur_now_ns(void);

#endif /* WQCTL_DUR_H */
