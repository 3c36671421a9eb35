// SPDX-License-Identifier: GPL-2.0
/* The log2 histograms: bucket bounds, bars, and the bcc-style picture. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hist.h"

static void test_bounds(void)
{
	/* Bucket 0: zero (or, for lateness, anything up to zero). */
	CHECK(hist_low(0) == 0 && hist_high(0) == 0);
	/* Bucket i: [2^(i-1), 2^i - 1]. */
	CHECK(hist_low(1) == 1 && hist_high(1) == 1);
	CHECK(hist_low(2) == 2 && hist_high(2) == 3);
	CHECK(hist_low(11) == 1024 && hist_high(11) == 2047);
	CHECK(hist_low(47) == 1ULL << 46);
	CHECK(hist_bounded(46) && !hist_bounded(47));
	CHECK(hist_high(46) == (1ULL << 46) - 1);
}

static void test_range(void)
{
	__u64 b[WQD_HIST_BUCKETS] = { 0 };
	unsigned int first = 99, last = 99;

	CHECK(!hist_range(b, &first, &last));
	CHECK(first == 99 && last == 99);
	b[5] = 1;
	CHECK(hist_range(b, &first, &last) && first == 5 && last == 5);
	b[0] = 2;
	b[47] = 3;
	CHECK(hist_range(b, &first, &last) && first == 0 && last == 47);
}

static void test_bar(void)
{
	char bar[HIST_BAR_WIDTH + 1];

	CHECK(!strcmp(hist_bar(bar, 0, 10), ""));
	CHECK(strlen(hist_bar(bar, 10, 10)) == HIST_BAR_WIDTH);
	CHECK(strlen(hist_bar(bar, 5, 10)) == HIST_BAR_WIDTH / 2);
	CHECK(strspn(bar, "*") == HIST_BAR_WIDTH / 2);
	/* Never an empty bar for a bucket with runs. */
	CHECK(!strcmp(hist_bar(bar, 1, 1000000), "*"));
	/* No overflow of count * width for huge counts. */
	hist_bar(bar, UINT64_MAX / 2, UINT64_MAX);
	CHECK(strlen(bar) == HIST_BAR_WIDTH / 2 ||
	      strlen(bar) == HIST_BAR_WIDTH / 2 - 1);
}

static char *print(const __u64 *b, bool negative)
{
	char *out = NULL;

	CAPTURE(out, hist_print(f, b, negative));
	return out;
}

static void test_print(void)
{
	__u64 b[WQD_HIST_BUCKETS] = { 0 };
	char *out;

	b[3] = 5;
	b[5] = 10;
	out = print(b, false);
	CHECK(out && !strcmp(out,
		"ns       : count    distribution\n"
		" 4 -> 7  : 5        |********************                    |\n"
		" 8 -> 15 : 0        |                                        |\n"
		"16 -> 31 : 10       |****************************************|\n"));
	free(out);

	/* Lateness: bucket 0 is everything up to 0; the last is open. */
	memset(b, 0, sizeof(b));
	b[0] = 1;
	b[1] = 2;
	out = print(b, true);
	CHECK(out && !strcmp(out,
		"  ns         : count    distribution\n"
		"-inf -> 0    : 1        |********************                    |\n"
		"   1 -> 1    : 2        |****************************************|\n"));
	free(out);

	memset(b, 0, sizeof(b));
	b[47] = 1;
	out = print(b, false);
	CHECK(out && strstr(out, "70368744177664 -> inf            : 1 "));
	free(out);

	memset(b, 0, sizeof(b));
	out = print(b, true);
	CHECK(out && !strcmp(out, "(no runs)\n"));
	free(out);
}

int main(void)
{
	test_bounds();
	test_range();
	test_bar();
	test_print();
	return check_done();
}
