// SPDX-License-Identifier: GPL-2.0
/*
 * The command lines of the commands with options, apart from the device:
 * defaults, each option, and the usage errors ("work submit" has its own
 * test, test_submit.c).
 */
#include <string.h>

#include "args.h"
#include "check.h"
#include "err.h"

static void test_events(void)
{
	struct events_args a;

	CHECK(PARSE(events_parse, &a, NULL) == 0);
	CHECK(!a.queue && !a.item && a.count == 0 && a.ring == 0);
	/* --follow and --count go together: the count stops the follow. */
	CHECK(PARSE(events_parse, &a, "--follow", "--count", "3") == 0);
	CHECK(a.count == 3);
	CHECK(PARSE(events_parse, &a, "--count", "3", "--follow") == 0);
	CHECK(a.count == 3);
	CHECK(PARSE(events_parse, &a, "-f", "--count", "2") == 0);
	CHECK(a.count == 2);
	CHECK(PARSE(events_parse, &a, "--follow") == 0);
	CHECK(a.count == 0);
	CHECK(PARSE(events_parse, &a, "--queue", "q", "--item", "tick",
		    "--ring", "16") == 0);
	CHECK(!strcmp(a.queue, "q") && !strcmp(a.item, "tick") &&
	      a.ring == 16);
	CHECK(PARSE(events_parse, &a, "--count", "x") == EXIT_USAGE);
	CHECK(PARSE(events_parse, &a, "--count") == EXIT_USAGE);
	CHECK(PARSE(events_parse, &a, "extra") == EXIT_USAGE);
	CHECK(PARSE(events_parse, &a, "--bogus") == EXIT_USAGE);
}

static void test_queue_create(void)
{
	struct queue_create_args a;

	CHECK(PARSE(queue_create_parse, &a, "q1") == 0);
	CHECK(!strcmp(a.name, "q1") && a.req.kind == WQD_KIND_ALLOC &&
	      !a.req.flags && !a.req.max_active);
	CHECK(PARSE(queue_create_parse, &a, "--legacy", "q1") == 0);
	CHECK(a.req.kind == WQD_KIND_LEGACY);
	CHECK(PARSE(queue_create_parse, &a, "q1", "--legacy-single") == 0);
	CHECK(a.req.kind == WQD_KIND_LEGACY_SINGLE);
	CHECK(PARSE(queue_create_parse, &a, "--ordered", "q1") == 0);
	CHECK(a.req.kind == WQD_KIND_ORDERED);
	CHECK(PARSE(queue_create_parse, &a, "q1", "--unbound", "--highpri",
		    "--cpu-intensive", "--freezable", "--mem-reclaim",
		    "--sysfs", "--power-efficient", "--bh",
		    "--max-active", "4") == 0);
	CHECK(a.req.flags == WQD_QF_ALL && a.req.max_active == 4);
	CHECK(PARSE(queue_create_parse, &a, "--legacy", "--ordered", "q") ==
	      EXIT_USAGE);
	CHECK(PARSE(queue_create_parse, &a, "--unbound") == EXIT_USAGE);
	CHECK(PARSE(queue_create_parse, &a, "a", "b") == EXIT_USAGE);
	CHECK(PARSE(queue_create_parse, &a, "q", "--max-active", "-1") ==
	      EXIT_USAGE);
}

static void test_work(void)
{
	struct work_args a;

	CHECK(PARSE(work_list_parse, &a, NULL) == 0 && !a.queue);
	CHECK(PARSE(work_list_parse, &a, "--queue", "q") == 0 &&
	      !strcmp(a.queue, "q"));
	CHECK(PARSE(work_list_parse, &a, "q") == EXIT_USAGE);

	CHECK(PARSE(work_cancel_parse, &a, "7") == 0);
	CHECK(!strcmp(a.item, "7") && !a.async);
	CHECK(PARSE(work_cancel_parse, &a, "--async", "tick") == 0);
	CHECK(!strcmp(a.item, "tick") && a.async);
	CHECK(PARSE(work_cancel_parse, &a, NULL) == EXIT_USAGE);
	CHECK(PARSE(work_cancel_parse, &a, "1", "2") == EXIT_USAGE);

	CHECK(PARSE(work_mod_parse, &a, "tick", "--delay", "1.5s") == 0);
	CHECK(!strcmp(a.item, "tick") && a.delay_ns == 1500000000ULL);
	CHECK(PARSE(work_mod_parse, &a, "--delay", "0", "7") == 0);
	CHECK(a.delay_ns == 0);
	CHECK(PARSE(work_mod_parse, &a, "tick") == EXIT_USAGE);
	CHECK(PARSE(work_mod_parse, &a, "--delay", "1s") == EXIT_USAGE);
	CHECK(PARSE(work_mod_parse, &a, "t", "--delay", "1x") == EXIT_USAGE);
}

static void test_stats_watch_demo(void)
{
	struct stats_args s;
	struct watch_args w;
	__u64 ns;

	CHECK(PARSE(stats_parse, &s, NULL) == 0 && !s.hist && !s.queue);
	CHECK(!s.item);
	CHECK(PARSE(stats_parse, &s, "--hist", "--queue", "q") == 0);
	CHECK(s.hist && !strcmp(s.queue, "q") && !s.item);
	CHECK(PARSE(stats_parse, &s, "x") == EXIT_USAGE);
	/* --item: an item's histograms, in either order with --hist. */
	CHECK(PARSE(stats_parse, &s, "--hist", "--item", "tick") == 0);
	CHECK(s.hist && !strcmp(s.item, "tick") && !s.queue);
	CHECK(PARSE(stats_parse, &s, "--item", "7", "--hist") == 0);
	CHECK(s.hist && !strcmp(s.item, "7"));
	CHECK(PARSE(stats_parse, &s, "--it", "7", "--hi") == 0);
	CHECK(s.hist && !strcmp(s.item, "7"));
	/* It needs --hist, and it does not go with --queue. */
	CHECK(PARSE(stats_parse, &s, "--item", "7") == EXIT_USAGE);
	CHECK(PARSE(stats_parse, &s, "--hist", "--item", "7", "--queue",
		    "q") == EXIT_USAGE);
	CHECK(PARSE(stats_parse, &s, "--queue", "q", "--item", "7") ==
	      EXIT_USAGE);
	CHECK(PARSE(stats_parse, &s, "--hist", "--item") == EXIT_USAGE);

	CHECK(PARSE(watch_parse, &w, NULL) == 0);
	CHECK(w.interval_ns == 1000000000ULL && w.count == 0);
	CHECK(PARSE(watch_parse, &w, "--interval", "500ms", "--count", "3") == 0);
	CHECK(w.interval_ns == 500000000ULL && w.count == 3);
	CHECK(PARSE(watch_parse, &w, "--interval", "0") == EXIT_USAGE);

	CHECK(PARSE(demo_parse, &ns, NULL) == 0 && ns == 12000000000ULL);
	CHECK(PARSE(demo_parse, &ns, "--duration", "5s") == 0 &&
	      ns == 5000000000ULL);
	CHECK(PARSE(demo_parse, &ns, "--duration") == EXIT_USAGE);
}

int main(void)
{
	test_events();
	test_queue_create();
	test_work();
	test_stats_watch_demo();
	return check_done();
}
