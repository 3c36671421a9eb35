// SPDX-License-Identifier: GPL-2.0
/*
 * The human lines of "events" and "demo": one per record, in the seed's
 * "work_func, a:3" words, checked character for character.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fmt.h"

/* A run of item 7, run 3, at 812.345678901 s: 24.1 ms late, 3 us long. */
static const struct wqd_event run = {
	.type = WQD_EV_RUN,
	.item_id = 7,
	.queue_id = 1,
	.cpu = 1,
	.pid = 42,
	.run = 3,
	.due_ns = 812345678901ULL - 24100000,
	.start_ns = 812345678901ULL,
	.end_ns = 812345678901ULL + 3000,
};

static bool event_is(const struct wqd_event *ev, const char *label,
		     const char *want)
{
	char *out = NULL;
	bool same;

	CAPTURE(out, fmt_event(f, ev, label));
	same = out && !strcmp(out, want);
	if (!same)
		fprintf(stderr, "got '%s', want '%s'\n", out, want);
	free(out);
	return same;
}

static void test_run(void)
{
	struct wqd_event ev = run;

	CHECK(event_is(&ev, "a",
		       "  812.345678 cpu1 work_func, a:3 late 24.1 ms run 3 us\n"));
	/* No label: the id, as the module's log_runs says it. */
	CHECK(event_is(&ev, "",
		       "  812.345678 cpu1 work_func, #7:3 late 24.1 ms run 3 us\n"));
	CHECK(event_is(&ev, NULL,
		       "  812.345678 cpu1 work_func, #7:3 late 24.1 ms run 3 us\n"));

	ev.flags = WQD_EVF_DELAYED | WQD_EVF_LAST;
	CHECK(event_is(&ev, "b",
		       "  812.345678 cpu1 dly_work_func, b:3 late 24.1 ms run 3 us (last)\n"));
	ev.flags = WQD_EVF_CANCELLED | WQD_EVF_LAST;
	CHECK(event_is(&ev, "b",
		       "  812.345678 cpu1 work_func, b:3 late 24.1 ms run 3 us (cancelled)\n"));

	/* A timer that fired early: negative lateness. */
	ev = run;
	ev.due_ns = ev.start_ns + 1500000;
	ev.end_ns = ev.start_ns;
	CHECK(event_is(&ev, "a",
		       "  812.345678 cpu1 work_func, a:3 late -1.5 ms run 0 ns\n"));

	/* Seconds keep their six decimals, with leading zeros. */
	ev = run;
	ev.start_ns = 5000001000ULL;
	ev.due_ns = ev.start_ns;
	ev.end_ns = ev.start_ns;
	CHECK(event_is(&ev, "a",
		       "    5.000001 cpu1 work_func, a:3 late 0 ns run 0 ns\n"));
}

static void test_dropped(void)
{
	struct wqd_event ev = { .type = WQD_EV_DROPPED, .dropped = 17 };

	CHECK(event_is(&ev, NULL, "-- lost 17 events --\n"));
}

static bool demo_is(__u64 elapsed, const struct wqd_event *ev,
		    const char *label, const char *text, const char *want)
{
	char *out = NULL;
	bool same;

	CAPTURE(out, fmt_demo_line(f, elapsed, ev, label, text));
	same = out && !strcmp(out, want);
	if (!same)
		fprintf(stderr, "got '%s', want '%s'\n", out, want);
	free(out);
	return same;
}

/* The seed's log: "[11335.084279] dly_work_func, b:1", with the CPU. */
static void test_demo_lines(void)
{
	struct wqd_event ev = run;

	ev.flags = WQD_EVF_DELAYED;
	ev.run = 1;
	CHECK(demo_is(1024183000, &ev, "b", NULL,
		      "[    1.024183] cpu1 dly_work_func, b:1\n"));
	ev.flags = 0;
	ev.run = 0;
	ev.cpu = 0;
	CHECK(demo_is(412000, &ev, "a", NULL,
		      "[    0.000412] cpu0 work_func, a:0\n"));
	CHECK(demo_is(0, NULL, NULL, "init work",
		      "[    0.000000] init work\n"));
	CHECK(demo_is(12001234567ULL, NULL, NULL, "cancel work",
		      "[   12.001234] cancel work\n"));
}

int main(void)
{
	test_run();
	test_dropped();
	test_demo_lines();
	return check_done();
}
