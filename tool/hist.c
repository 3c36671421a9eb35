// SPDX-License-Identifier: GPL-2.0
/*
 * The log2 histograms of WQD_IOC_QUEUE_HIST, drawn the way bcc's
 * funclatency draws them: one line per bucket from the lowest non-empty
 * one to the highest, its bounds in ns, its count, and a bar scaled to
 * the fullest bucket.
 *
 * Bucket 0 holds zero, or for lateness zero and below (a timer may fire
 * early); bucket i holds [2^(i-1), 2^i - 1]; the last one has no upper
 * bound, the kernel counts everything beyond it there.
 */
#include <stdint.h>
#include <string.h>

#include "hist.h"

/**
 * hist_range() - the buckets worth showing
 * @buckets: WQD_HIST_BUCKETS counts
 * @first: out: the lowest non-empty bucket
 * @last: out: the highest non-empty bucket
 *
 * Return: false when every bucket is empty (@first and @last unset).
 */
bool hist_range(const __u64 *buckets, unsigned int *first,
		unsigned int *last)
{
	unsigned int i;
	bool any = false;

	for (i = 0; i < WQD_HIST_BUCKETS; i++) {
		if (!buckets[i])
			continue;
		if (!any)
			*first = i;
		*last = i;
		any = true;
	}
	return any;
}

/* The smallest value of bucket @i (bucket 0: 0, or anything below). */
__u64 hist_low(unsigned int i)
{
	return i ? 1ULL << (i - 1) : 0;
}

/* Whether bucket @i has an upper bound: all but the last. */
bool hist_bounded(unsigned int i)
{
	return i < WQD_HIST_BUCKETS - 1;
}

/* The largest value of bucket @i, when hist_bounded(). */
__u64 hist_high(unsigned int i)
{
	return i ? (1ULL << i) - 1 : 0;
}

/**
 * hist_bar() - a bucket's bar
 * @buf: where to write it
 * @count: the bucket's count
 * @max: the fullest bucket's count
 *
 * Scaled down to HIST_BAR_WIDTH; a bucket that is not empty gets at least
 * one star, so that no run disappears from the picture.
 *
 * Return: @buf, NUL-terminated, without padding.
 */
const char *hist_bar(char buf[HIST_BAR_WIDTH + 1], __u64 count, __u64 max)
{
	__u64 stars = 0;

	/* In double: count * width would overflow for huge counts. */
	if (count && max)
		stars = count >= max ? HIST_BAR_WIDTH :
			(__u64)((double)count * HIST_BAR_WIDTH / (double)max);
	if (count && !stars)
		stars = 1;
	memset(buf, '*', stars);
	buf[stars] = '\0';
	return buf;
}

/* A bound as text: "-inf" and "inf" for the open ends. */
static const char *bound(char buf[24], unsigned int i, bool high,
			 bool negative)
{
	if (high && !hist_bounded(i))
		return "inf";
	if (!high && !i && negative)
		return "-inf";
	snprintf(buf, 24, "%llu", high ? hist_high(i) : hist_low(i));
	return buf;
}

/**
 * hist_print() - one histogram, bcc style
 * @f: where to
 * @buckets: WQD_HIST_BUCKETS counts
 * @negative: bucket 0 holds values below zero too (lateness)
 *
 * Prints "(no runs)" for an empty histogram.
 *
 * Return: 0.
 */
int hist_print(FILE *f, const __u64 *buckets, bool negative)
{
	char lo[24], hi[24], bar[HIST_BAR_WIDTH + 1];
	unsigned int first, last, i;
	size_t len, width = 2;
	__u64 max = 0;

	if (!hist_range(buckets, &first, &last)) {
		fputs("(no runs)\n", f);
		return 0;
	}
	for (i = first; i <= last; i++) {
		if (buckets[i] > max)
			max = buckets[i];
		len = strlen(bound(lo, i, false, negative));
		if (len > width)
			width = len;
		len = strlen(bound(hi, i, true, negative));
		if (len > width)
			width = len;
	}
	fprintf(f, "%*s%*s : count    distribution\n", (int)width, "ns",
		(int)width + 4, "");
	for (i = first; i <= last; i++)
		fprintf(f, "%*s -> %-*s : %-8llu |%-*s|\n",
			(int)width, bound(lo, i, false, negative),
			(int)width, bound(hi, i, true, negative), buckets[i],
			HIST_BAR_WIDTH, hist_bar(bar, buckets[i], max));
	return 0;
}
