// SPDX-License-Identifier: GPL-2.0
/*
 * Output for humans: the colour decision, and tables that stay aligned
 * with the longest names and the largest numbers, with colour or not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fmt.h"

static void test_color_wanted(void)
{
	/* A terminal, and nobody said no. */
	CHECK(fmt_color_wanted(true, NULL, "xterm-256color"));
	CHECK(fmt_color_wanted(true, NULL, NULL));
	/* Not a terminal: a pipe, a file. */
	CHECK(!fmt_color_wanted(false, NULL, "xterm"));
	/* NO_COLOR set, to anything, even nothing. */
	CHECK(!fmt_color_wanted(true, "1", "xterm"));
	CHECK(!fmt_color_wanted(true, "", "xterm"));
	CHECK(!fmt_color_wanted(true, "0", "xterm"));
	CHECK(!fmt_color_wanted(false, "1", "xterm"));
	/* A terminal that cannot. */
	CHECK(!fmt_color_wanted(true, NULL, "dumb"));
}

/* @s without its escape sequences, in place. */
static char *plain(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (*r == '\033') {
			while (*r && *r != 'm')
				r++;
			if (*r)
				r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/*
 * Every row has a cell starting at each column the header starts, after
 * at least two spaces, and nothing trails a line.
 */
static bool aligned(char *out, size_t cols)
{
	size_t starts[32], n = 0, i, len, rows = 0;
	char *line, *save = NULL;
	bool ok = true;

	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), rows++) {
		len = strlen(line);
		if (line[len - 1] == ' ')
			ok = false;
		if (!rows) {
			for (i = 0; i < len && n < 32; i++)
				if (line[i] != ' ' && (!i || line[i - 1] == ' '))
					starts[n++] = i;
			if (n != cols)
				ok = false;
			continue;
		}
		for (i = 1; i < n; i++)
			if (starts[i] >= len || line[starts[i]] == ' ' ||
			    line[starts[i] - 1] != ' ' ||
			    line[starts[i] - 2] != ' ')
				ok = false;
		if (!ok) {
			fprintf(stderr, "misaligned: '%s'\n", line);
			return false;
		}
	}
	return ok && rows > 1;
}

static const struct wqd_queue_info queues[] = {
	{ .id = 1, .name = "system", .kind = WQD_KIND_BUILTIN },
	{ .id = 6, .name = "system_power_efficient", .kind = WQD_KIND_BUILTIN,
	  .flags = WQD_QF_POWER_EFFICIENT },
	{ .id = UINT32_MAX, .name = "abcdefghijklmnopqrs",
	  .kind = WQD_KIND_LEGACY_SINGLE, .flags = WQD_QF_ALL,
	  .max_active = 512, .items = UINT32_MAX, .queued = UINT64_MAX,
	  .executed = UINT64_MAX, .cancelled = UINT64_MAX,
	  .running = UINT32_MAX, .max_running = UINT32_MAX },
};

static const struct wqd_work_info items[] = {
	{ .id = 1, .queue_id = 1, .state = WQD_STATE_PENDING, .cpu = WQD_CPU_ANY,
	  .last_cpu = WQD_CPU_ANY },
	{ .id = UINT32_MAX, .name = "a-label-of-thirty-one-characters",
	  .queue_id = UINT32_MAX, .flags = WQD_WF_DELAYED,
	  .state = WQD_STATE_CANCELLED, .runs = UINT32_MAX,
	  .count = UINT32_MAX, .period_ns = UINT64_MAX, .cpu = 4095,
	  .last_cpu = 4095, .lateness = { .avg = INT64_MIN },
	  .runtime = { .avg = INT64_MAX } },
	{ .id = 42, .name = "tick", .queue_id = 99, .state = WQD_STATE_RUNNING,
	  .runs = 3, .period_ns = 1024000000, .cpu = WQD_CPU_ANY,
	  .last_cpu = 0, .lateness = { .avg = 312000 },
	  .runtime = { .avg = 1000 } },
};

static const struct wqd_info info = { .nr_queues = 1 };

static void test_tables(bool color)
{
	char *out = NULL;

	fmt_color = color;
	CAPTURE(out, fmt_queues(f, queues, 3));
	CHECK(!color || strstr(out, "\033[1mID\033[0m"));
	CHECK(aligned(plain(out), 11));
	free(out);

	CAPTURE(out, fmt_works(f, items, 3, queues, 3));
	CHECK(!color || strstr(out, "\033[31mcancelled\033[0m"));
	CHECK(color || !strchr(out, '\033'));
	CHECK(strstr(out, "1.024 s") && strstr(out, "312 us"));
	CHECK(aligned(plain(out), 11));
	free(out);

	/* The table after the totals. */
	CAPTURE(out, fmt_stats(f, &info, queues, 3));
	CHECK(aligned(plain(strstr(out, "\n\n") + 2), 8));
	free(out);
	fmt_color = false;
}

static void test_work_state(void)
{
	char *out = NULL;

	fmt_color = true;
	CAPTURE(out, fmt_work(f, &items[2], "system", 0));
	CHECK(strstr(out, "state:           \033[1;32mrunning\033[0m\n"));
	free(out);
	fmt_color = false;
	CAPTURE(out, fmt_work(f, &items[2], "system", 0));
	CHECK(strstr(out, "state:           running\n"));
	CHECK(!strchr(out, '\033'));
	free(out);
}

int main(void)
{
	test_color_wanted();
	test_tables(false);
	test_tables(true);
	test_work_state();
	return check_done();
}
