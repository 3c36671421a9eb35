// SPDX-License-Identifier: GPL-2.0
/* "work submit": its command line into struct wqd_work_submit. */
#include <string.h>

#include "args.h"
#include "check.h"
#include "err.h"

static void test_defaults(void)
{
	char *argv[] = { "submit", NULL };
	struct submit_args a;

	CHECK(submit_parse(1, argv, &a) == 0);
	CHECK(!strcmp(a.queue, "system"));
	CHECK(a.name == NULL);
	CHECK(a.req.flags == 0);
	CHECK(a.req.count == 1);
	CHECK(a.req.period_ns == 0);
	CHECK(a.req.delay_ns == 0);
	CHECK(a.req.cpu == WQD_CPU_ANY);
	CHECK(a.req.instances == 1);
	CHECK(a.req.queue_id == 0 && a.req.ids_ptr == 0);
	CHECK(a.req.name[0] == '\0');
}

static void test_count_defaults(void)
{
	struct submit_args a;

	/* A period repeats until cancelled unless --count says otherwise. */
	CHECK(PARSE(submit_parse, &a, "--period", "1s") == 0);
	CHECK(a.req.count == 0 && a.req.period_ns == 1000000000ULL);
	CHECK(PARSE(submit_parse, &a, "--period", "1s", "--count", "5") == 0);
	CHECK(a.req.count == 5);
	CHECK(PARSE(submit_parse, &a, "--count", "5", "--period", "1000") == 0);
	CHECK(a.req.count == 5 && a.req.period_ns == 1000000000ULL);
	/* Without a period, --count runs back to back. */
	CHECK(PARSE(submit_parse, &a, "--count", "3") == 0);
	CHECK(a.req.count == 3 && a.req.period_ns == 0);
}

static void test_delay_makes_delayed(void)
{
	struct submit_args a;

	CHECK(PARSE(submit_parse, &a, "--delay", "0") == 0);
	CHECK(a.req.flags == WQD_WF_DELAYED && a.req.delay_ns == 0);
	CHECK(a.req.count == 1);
	CHECK(PARSE(submit_parse, &a, "--delay", "1000") == 0);
	CHECK(a.req.flags & WQD_WF_DELAYED);
	CHECK(a.req.delay_ns == 1000000000ULL);
	CHECK(PARSE(submit_parse, &a, "--period", "1s") == 0);
	CHECK(!(a.req.flags & WQD_WF_DELAYED));
}

static void test_hist(void)
{
	struct submit_args a;

	CHECK(PARSE(submit_parse, &a, "--hist") == 0);
	CHECK(a.req.flags == WQD_WF_HIST && a.req.count == 1);
	CHECK(PARSE(submit_parse, &a, "--hist", "--delay", "0",
		    "--period", "20ms", "--count", "7") == 0);
	CHECK(a.req.flags == (WQD_WF_HIST | WQD_WF_DELAYED));
	CHECK(a.req.count == 7 && a.req.period_ns == 20000000);
	/* Not without asking: the kernel's histograms cost 768 bytes. */
	CHECK(PARSE(submit_parse, &a, "--delay", "0") == 0);
	CHECK(!(a.req.flags & WQD_WF_HIST));
	CHECK(PARSE(submit_parse, &a, "--hist", "x") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--hist=1") == EXIT_USAGE);
}

static void test_everything(void)
{
	struct submit_args a;

	CHECK(PARSE(submit_parse, &a, "--queue", "q1", "--name", "tick",
		    "--cpu", "2", "--busy", "5ms", "--sleep", "1ms", "--owned",
		    "--instances", "3", "--delay", "10us", "--period", "1.024s",
		    "--count", "7", "--hist") == 0);
	CHECK(!strcmp(a.queue, "q1"));
	CHECK(!strcmp(a.name, "tick"));
	CHECK(a.req.cpu == 2);
	CHECK(a.req.busy_ns == 5000000);
	CHECK(a.req.sleep_ns == 1000000);
	CHECK(a.req.flags == (WQD_WF_OWNED | WQD_WF_DELAYED | WQD_WF_HIST));
	CHECK(!(a.req.flags & ~WQD_WF_ALL));
	CHECK(a.req.instances == 3);
	CHECK(a.req.delay_ns == 10000);
	CHECK(a.req.period_ns == 1024000000);
	CHECK(a.req.count == 7);
}

static void test_usage_errors(void)
{
	struct submit_args a;

	CHECK(PARSE(submit_parse, &a, "--count", "0") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--period", "0") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--instances", "0") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--delay", "-1") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--period", "1x") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--count", "-1") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--count", "4294967296") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--cpu", "4294967295") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--bogus") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "-x") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "extra") == EXIT_USAGE);
	CHECK(PARSE(submit_parse, &a, "--period") == EXIT_USAGE);
}

int main(void)
{
	test_defaults();
	test_count_defaults();
	test_delay_makes_delayed();
	test_hist();
	test_everything();
	test_usage_errors();
	return check_done();
}
