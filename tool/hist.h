/* SPDX-License-Identifier: GPL-2.0 */
/* The log2 histograms of WQD_IOC_QUEUE_HIST: bucket bounds and bars. */
#ifndef WQCTL_HIST_H
#define WQCTL_HIST_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/wqd.h"

/* Stars in a full bar, as bcc's tools draw them. */
#define HIST_BAR_WIDTH	40

bool hist_range(const __u64 *buckets, unsigned int *first,
		unsigned int *last);
__u64 hist_low(unsigned int i);
bool hist_bounded(unsigned int i);
__u64 hist_high(unsigned int i);
const char *hist_bar(char buf[HIST_BAR_WIDTH + 1], __u64 count, __u64 max);
int hist_print(FILE *f, const __u64 *buckets, bool negative);

#endif /* WQCTL_HIST_H */
