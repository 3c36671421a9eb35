// SPDX-License-Identifier: GPL-2.0
/*
 * Durations. On the command line a DUR is a number with a unit, ns, us,
 * ms or s, and a bare number means ms (the unit of the seed's periods).
 * A decimal fraction is accepted ("1.5s") as long as it comes to whole
 * nanoseconds, because that is what the ABI carries.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dur.h"
#include "lib/array_size.h"

/* Smallest first: dur_format() walks up this table. */
static const struct {
	const char *name;
	__u64 ns;
} units[] = {
	{ "ns", 1 },
	{ "us", 1000 },
	{ "ms", 1000 * 1000 },
	{ "s", 1000 * 1000 * 1000 },
};

#define UNIT_MS	2

static int digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : -1;
}

/**
 * dur_parse() - a DUR to nanoseconds
 * @s: digits, an optional fraction, an optional unit; no sign, no spaces
 * @ns: out: the duration
 *
 * Return: 0, -EINVAL for anything else (or a fraction of a nanosecond),
 * -ERANGE when it does not fit a u64 of nanoseconds.
 */
int dur_parse(const char *s, __u64 *ns)
{
	__u64 whole = 0, frac = 0, scale = 1, unit, total;
	size_t u;

	if (digit(*s) < 0)
		return -EINVAL;
	for (; digit(*s) >= 0; s++) {
		if (whole > (UINT64_MAX - digit(*s)) / 10)
			return -ERANGE;
		whole = whole * 10 + digit(*s);
	}
	if (*s == '.') {
		if (digit(*++s) < 0)
			return -EINVAL;
		/*
		 * 18 digits keep @scale in a u64. Past them, a digit other
		 * than 0 is below a nanosecond whatever the unit (s is the
		 * largest, 9 digits); zeros change nothing and are skipped:
		 * "1.0000000000000000000s" is 1 s.
		 */
		for (; digit(*s) >= 0; s++) {
			if (scale == 1000000000000000000ULL) {
				if (digit(*s))
					return -EINVAL;
				continue;
			}
			frac = frac * 10 + digit(*s);
			scale *= 10;
		}
		for (; scale > 1 && frac % 10 == 0; scale /= 10)
			frac /= 10;
	}

	u = UNIT_MS;
	if (*s) {
		for (u = 0; u < ARRAY_SIZE(units); u++)
			if (!strcmp(s, units[u].name))
				break;
		if (u == ARRAY_SIZE(units))
			return -EINVAL;
	}
	unit = units[u].ns;

	/* Units and scales are powers of ten: this divides or is sub-ns. */
	if (scale > unit)
		return -EINVAL;
	if (whole > UINT64_MAX / unit)
		return -ERANGE;
	total = whole * unit;
	/* frac < scale, so this is below @unit and cannot overflow. */
	frac *= unit / scale;
	if (total > UINT64_MAX - frac)
		return -ERANGE;
	*ns = total + frac;
	return 0;
}

/* @ns in thousandths of units[u], rounded half up. */
static __u64 milli_units(__u64 ns, size_t u)
{
	__u64 step = units[u].ns / 1000;

	return ns / step + (ns % step >= (step + 1) / 2);
}

/**
 * dur_format() - a duration for humans: "1.024 s", "312 us", "15 ms"
 * @buf: where to write it
 * @ns: the duration
 *
 * The largest unit that keeps the number at 1 or more, at most three
 * decimals, no trailing zeros.
 *
 * Return: @buf.
 */
const char *dur_format(char buf[DUR_FMT_LEN], __u64 ns)
{
	__u64 q;
	size_t u = 0;
	int len;

	while (u + 1 < ARRAY_SIZE(units) && ns >= units[u + 1].ns)
		u++;
	if (!u) {
		snprintf(buf, DUR_FMT_LEN, "%llu ns", ns);
		return buf;
	}
	q = milli_units(ns, u);
	/* 999.9996 ms rounds to 1000 ms: say 1 s. */
	if (q >= 1000 * 1000 && u + 1 < ARRAY_SIZE(units))
		q = milli_units(ns, ++u);

	len = snprintf(buf, DUR_FMT_LEN, "%llu.%03llu",
		       q / 1000, q % 1000);
	while (buf[len - 1] == '0')
		len--;
	if (buf[len - 1] == '.')
		len--;
	snprintf(buf + len, DUR_FMT_LEN - len, " %s", units[u].name);
	return buf;
}

/**
 * dur_format_signed() - dur_format() of a duration that may be negative
 * @buf: where to write it
 * @ns: the duration: lateness is negative when a timer fired early
 *
 * Return: @buf.
 */
const char *dur_format_signed(char buf[DUR_FMT_LEN], __s64 ns)
{
	char abs[DUR_FMT_LEN];

	if (ns >= 0)
		return dur_format(buf, ns);
	snprintf(buf, DUR_FMT_LEN, "-%s", dur_format(abs, -(__u64)ns));
	return buf;
}

/* CLOCK_MONOTONIC now: the clock of every time the kernel reports. */
__u64 dur_now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (__u64)now.tv_sec * 1000000000 + (__u64)now.tv_nsec;
}
