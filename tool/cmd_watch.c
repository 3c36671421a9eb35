// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl watch": the queues and the items, again every interval, with
 * how many runs per second each did since the last refresh. On a
 * terminal it redraws the screen in place, as top does, until q or
 * Ctrl-C; into a pipe or a file it prints one plain block per refresh,
 * and with -j one JSON document per refresh, a line each.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "objects.h"
#include "opts.h"
#include "stop.h"
#include "watch.h"

/* Home the cursor and clear the screen: the terminal's "clear". */
#define CLEAR_SCREEN	"\033[H\033[2J"

/* Lines of a screen that are not item rows (fmt_watch()'s). */
#define SCREEN_FIXED_LINES	7

enum { OPT_INTERVAL = 256, OPT_COUNT };

static const struct cmd_opt watch_opts[] = {
	{ "interval", "DUR", OPT_INTERVAL, 0,
	  "time between two refreshes (default: 1 s)" },
	{ "count", "N", OPT_COUNT, 0, "stop after N refreshes" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help watch_help = {
	.summary = "The queues and the items with their runs per second, refreshed every\n"
		   "DUR until q, Ctrl-C or N refreshes: in place on a terminal, as top\n"
		   "does; into a pipe, a block per refresh.\n",
	.opts = watch_opts,
	.example = "wqctl watch --interval 500ms\n",
};

/**
 * struct snapshot - every queue and item at one moment
 * @time_ns: the moment, CLOCK_MONOTONIC
 * @queues: from libwqd_queue_list()
 * @nr_queues: their number
 * @items: from libwqd_work_list()
 * @nr_items: their number
 */
struct snapshot {
	__u64 time_ns;
	struct wqd_queue_info *queues;
	size_t nr_queues;
	struct wqd_work_info *items;
	size_t nr_items;
};

static void snapshot_free(struct snapshot *s)
{
	free(s->queues);
	free(s->items);
	s->queues = NULL;
	s->items = NULL;
}

static int snapshot_take(int fd, struct snapshot *s)
{
	int err;

	s->time_ns = dur_now_ns();
	err = libwqd_queue_list(fd, &s->queues, &s->nr_queues);
	if (err)
		return wqctl_err(err, "queue list");
	err = libwqd_work_list(fd, 0, &s->items, &s->nr_items);
	if (err)
		return wqctl_err(err, "work list");
	return 0;
}

/* On a terminal: as many item rows as fit under the queues. */
static size_t fitting_items(size_t nr_queues)
{
	struct winsize ws;
	size_t fixed = SCREEN_FIXED_LINES + nr_queues;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) || !ws.ws_row)
		return 0;
	return ws.ws_row > fixed + 1 ? ws.ws_row - fixed : 1;
}

/**
 * show() - one refresh
 * @cur: this snapshot
 * @prev: the one before, NULL for the first refresh (no rates yet)
 * @interval_ns: the interval, for the header
 * @tty: redraw a terminal in place
 *
 * Return: 0, or EXIT_FAILED after reporting.
 */
static int show(const struct snapshot *cur, const struct snapshot *prev,
		__u64 interval_ns, bool tty)
{
	struct watch_view v = {
		.time_ns = cur->time_ns,
		.interval_ns = interval_ns,
		.queues = cur->queues,
		.nr_queues = cur->nr_queues,
		.items = cur->items,
		.nr_items = cur->nr_items,
	};
	double *queue_rates = NULL, *item_rates = NULL;
	int ret = 1, err;

	if (prev) {
		queue_rates = calloc(cur->nr_queues + 1, sizeof(double));
		item_rates = calloc(cur->nr_items + 1, sizeof(double));
		if (!queue_rates || !item_rates) {
			wqctl_err(-ENOMEM, "watch");
			goto out;
		}
		watch_queue_rates(queue_rates, cur->queues, cur->nr_queues,
				  prev->queues, prev->nr_queues,
				  cur->time_ns - prev->time_ns);
		watch_item_rates(item_rates, cur->items, cur->nr_items,
				 prev->items, prev->nr_items,
				 cur->time_ns - prev->time_ns);
		v.queue_rates = queue_rates;
		v.item_rates = item_rates;
	}
	if (wqctl_opts.json) {
		err = jsonw_emit(jsonw_watch(&v));
	} else {
		if (tty) {
			v.max_items = fitting_items(cur->nr_queues);
			fputs(CLEAR_SCREEN, stdout);
		} else if (prev) {
			putchar('\n');
		}
		err = fmt_watch(stdout, &v);
	}
	ret = cmd_output(err);
out:
	free(queue_rates);
	free(item_rates);
	return ret;
}

/*
 * Wait for the next refresh, watching the keyboard for q when @keys is
 * a terminal. Return: 0 to refresh, 1 to stop, -1 after reporting a
 * failure.
 */
static int wait_next(int sfd, int *keys, __u64 deadline_ns)
{
	char c;
	int w;

	for (;;) {
		w = stop_wait(sfd, *keys, deadline_ns);
		if (w < 0) {
			wqctl_err(w, "poll");
			return -1;
		}
		if (w == STOP_SIGNAL)
			return 1;
		if (w == STOP_TIMEOUT)
			return 0;
		if (read(*keys, &c, 1) != 1)
			*keys = -1;	/* end of input: stop watching it */
		else if (c == 'q' || c == 'Q')
			return 1;
	}
}

/* Watch the keys on a terminal: unbuffered, unechoed; @saved: to undo. */
static int keys_open(struct termios *saved)
{
	struct termios raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, saved))
		return -1;
	raw = *saved;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw))
		return -1;
	return STDIN_FILENO;
}

/**
 * watch_parse() - the command line of "watch"
 * @argc: its arguments, argv[0] being "watch"
 * @argv: its arguments
 * @a: out: interval and count
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int watch_parse(int argc, char **argv, struct watch_args *a)
{
	int c, err;

	a->interval_ns = 1000000000;
	a->count = 0;
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, watch_opts)) != -1) {
		if (c == OPT_INTERVAL)
			err = cmd_dur("--interval", optarg, &a->interval_ns);
		else if (c == OPT_COUNT)
			err = cmd_u32("--count", optarg, &a->count);
		else
			err = cmd_bad_option(c, argv);
		if (err)
			return err;
	}
	if (!a->interval_ns)
		return wqctl_usage("watch: --interval must be more than 0");
	return cmd_args(argc, argv, 0, "");
}

int watch_main(int argc, char **argv)
{
	struct snapshot snaps[2] = { { 0 }, { 0 } }, *cur;
	int ret = 1, fd, sfd, keys = -1, err;
	__u64 interval_ns, deadline;
	struct watch_args a;
	struct termios saved;
	bool tty, raw = false;
	__u32 count, n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	err = watch_parse(argc, argv, &a);
	if (err)
		return err;
	interval_ns = a.interval_ns;
	count = a.count;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	sfd = stop_fd();
	if (sfd < 0) {
		wqctl_err(sfd, "signalfd");
		goto out;
	}
	tty = !wqctl_opts.json && isatty(STDOUT_FILENO);
	if (tty)
		keys = keys_open(&saved);
	raw = keys >= 0;

	deadline = dur_now_ns();
	for (n = 0; !count || n < count; n++) {
		/* Two snapshots: this one, and the one before for the rates. */
		cur = &snaps[n % 2];
		snapshot_free(cur);
		if (snapshot_take(fd, cur) ||
		    show(cur, n ? &snaps[(n + 1) % 2] : NULL, interval_ns, tty))
			goto out;
		if (ferror(stdout) || (count && n + 1 == count))
			break;
		/* Keep to the beat; after a stall, start a new one. */
		deadline += interval_ns;
		if (deadline < dur_now_ns())
			deadline = dur_now_ns() + interval_ns;
		err = wait_next(sfd, &keys, deadline);
		if (err < 0)
			goto out;
		if (err)
			break;
	}
	ret = 0;
out:
	if (raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	if (sfd >= 0)
		close(sfd);
	close(fd);
	return ret;
}
