/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_REPORT_H
#define _WQD_REPORT_H

#include <linux/seq_file.h>

/* The plain-text report that read() on /dev/wqdemo returns. */
extern const struct seq_operations wqd_report_ops;

#endif /* _WQD_REPORT_H */
