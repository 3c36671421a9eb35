// SPDX-License-Identifier: GPL-2.0
/* DUR parsing and duration formatting. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "dur.h"

static int parse(const char *s, __u64 want)
{
	__u64 ns = 12345;
	int ret = dur_parse(s, &ns);

	if (ret)
		return ret;
	return ns == want ? 0 : -EDOM;
}

/* A failing parse must leave the output alone. */
static int parse_err(const char *s)
{
	__u64 ns = 12345;
	int ret = dur_parse(s, &ns);

	return ns == 12345 ? ret : -EDOM;
}

static void test_units(void)
{
	CHECK(parse("9ns", 9) == 0);
	CHECK(parse("7us", 7000) == 0);
	CHECK(parse("15ms", 15000000) == 0);
	CHECK(parse("5s", 5000000000ULL) == 0);
	CHECK(parse("0s", 0) == 0);
	CHECK(parse("0", 0) == 0);
}

static void test_bare_is_ms(void)
{
	CHECK(parse("1000", 1000000000ULL) == 0);
	CHECK(parse("1", 1000000) == 0);
}

static void test_fractions(void)
{
	CHECK(parse("1.5s", 1500000000ULL) == 0);
	CHECK(parse("1.024s", 1024000000ULL) == 0);
	CHECK(parse("0.5", 500000) == 0);
	CHECK(parse("2.500us", 2500) == 0);
	CHECK(parse("0.000001ms", 1) == 0);
	CHECK(parse("3.0ns", 3) == 0);
	/* Less than a nanosecond is not a duration the ABI can carry. */
	CHECK(parse_err("1.5ns") == -EINVAL);
	CHECK(parse_err("0.0000001ms") == -EINVAL);
	CHECK(parse_err("1.0000000000000000001s") == -EINVAL);
}

/* Past 18 fraction digits, zeros are zeros; anything else is sub-ns. */
static void test_long_fractions(void)
{
	CHECK(parse("1.0000000000000000000s", 1000000000ULL) == 0);
	CHECK(parse("1.000000000000000000000000000000s", 1000000000ULL) == 0);
	CHECK(parse("0.5000000000000000000000s", 500000000ULL) == 0);
	CHECK(parse("1.024000000000000000000s", 1024000000ULL) == 0);
	CHECK(parse("2.0000000000000000000ms", 2000000ULL) == 0);
	CHECK(parse("7.00000000000000000000ns", 7) == 0);
	CHECK(parse("0.0000000000000000000", 0) == 0);
	CHECK(parse("18446744073.7095516150000000000s", UINT64_MAX) == 0);
	CHECK(parse_err("1.00000000000000000001s") == -EINVAL);
	CHECK(parse_err("1.0000000000000000000000000001s") == -EINVAL);
	CHECK(parse_err("18446744073.7095516160000000000s") == -ERANGE);
}

static void test_junk(void)
{
	CHECK(parse_err("") == -EINVAL);
	CHECK(parse_err("-1") == -EINVAL);
	CHECK(parse_err("-1s") == -EINVAL);
	CHECK(parse_err("+1") == -EINVAL);
	CHECK(parse_err(" 1") == -EINVAL);
	CHECK(parse_err("1 ms") == -EINVAL);
	CHECK(parse_err("10xs") == -EINVAL);
	CHECK(parse_err("10m") == -EINVAL);
	CHECK(parse_err("10S") == -EINVAL);
	CHECK(parse_err("ms") == -EINVAL);
	CHECK(parse_err("1e3") == -EINVAL);
	CHECK(parse_err("1.") == -EINVAL);
	CHECK(parse_err(".5") == -EINVAL);
	CHECK(parse_err("1.2.3") == -EINVAL);
	CHECK(parse_err("0x10") == -EINVAL);
	CHECK(parse_err("5sec") == -EINVAL);
}

static void test_overflow(void)
{
	CHECK(parse("18446744073709551615ns", UINT64_MAX) == 0);
	CHECK(parse_err("18446744073709551616ns") == -ERANGE);
	CHECK(parse("18446744073s", 18446744073000000000ULL) == 0);
	CHECK(parse_err("18446744074s") == -ERANGE);
	CHECK(parse("18446744073.709551615s", UINT64_MAX) == 0);
	CHECK(parse_err("18446744073.709551616s") == -ERANGE);
	CHECK(parse_err("18446744073709552") == -ERANGE);
	CHECK(parse_err("99999999999999999999999999") == -ERANGE);
}

static int format(__u64 ns, const char *want)
{
	char buf[DUR_FMT_LEN];

	dur_format(buf, ns);
	if (strcmp(buf, want)) {
		fprintf(stderr, "dur_format(%llu): '%s', want '%s'\n",
			(unsigned long long)ns, buf, want);
		return 1;
	}
	return 0;
}

static void test_format(void)
{
	CHECK(!format(0, "0 ns"));
	CHECK(!format(999, "999 ns"));
	CHECK(!format(1000, "1 us"));
	CHECK(!format(1500, "1.5 us"));
	CHECK(!format(312000, "312 us"));
	CHECK(!format(15000000, "15 ms"));
	CHECK(!format(1234567, "1.235 ms"));
	CHECK(!format(1024000000, "1.024 s"));
	CHECK(!format(3600000000000ULL, "3600 s"));
	/* Rounding up to the next unit says so in that unit. */
	CHECK(!format(999999600, "1 s"));
	CHECK(!format(999999, "999.999 us"));
	CHECK(!format(UINT64_MAX, "18446744073.71 s"));
}

static void test_format_signed(void)
{
	char buf[DUR_FMT_LEN];

	CHECK(!strcmp(dur_format_signed(buf, 1500), "1.5 us"));
	CHECK(!strcmp(dur_format_signed(buf, 0), "0 ns"));
	CHECK(!strcmp(dur_format_signed(buf, -4000000), "-4 ms"));
	CHECK(!strcmp(dur_format_signed(buf, -12), "-12 ns"));
	CHECK(!strcmp(dur_format_signed(buf, INT64_MIN), "-9223372036.855 s"));
}

int main(void)
{
	test_units();
	test_bare_is_ms();
	test_fractions();
	test_long_fractions();
	test_junk();
	test_overflow();
	test_format();
	test_format_signed();
	return check_done();
}
