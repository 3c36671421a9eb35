/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command lines of the commands with options, parsed apart from any
 * device I/O, so that tests and the fuzzer reach them. Each parser sets
 * the defaults, reads the options from the command's table, and checks
 * what the command line alone can tell.
 *
 * Return, each: 0, or EXIT_USAGE after reporting.
 */
#ifndef WQCTL_ARGS_H
#define WQCTL_ARGS_H

#include <stdbool.h>

#include "lib/wqd.h"
#include "table.h"

/**
 * struct queue_create_args - "queue create NAME ..."
 * @req: kind, flags and max_active; the name is @name's, once it is
 *	known to fit
 * @name: NAME
 */
struct queue_create_args {
	struct wqd_queue_create req;
	const char *name;
};

/**
 * struct submit_args - "work submit" as the user asked for it
 * @req: the request, all but queue_id, name and ids_ptr: those need the
 *	device or can fail in ways that are not usage errors
 * @queue: Q, "system" unless --queue
 * @name: --name, NULL without it
 */
struct submit_args {
	struct wqd_work_submit req;
	const char *queue;
	const char *name;
};

/**
 * struct work_args - "work list", "work cancel", "work mod"
 * @queue: list: --queue Q, NULL for all
 * @item: cancel, mod: ITEM
 * @async: cancel: --async
 * @delay_ns: mod: --delay
 */
struct work_args {
	const char *queue;
	const char *item;
	bool async;
	__u64 delay_ns;
};

/**
 * struct events_args - "events"
 * @queue: --queue, NULL for all
 * @item: --item, NULL for all
 * @count: --count: stop after this many runs, 0 never
 * @ring: --ring: records the kernel keeps for us, 0 for its default
 */
struct events_args {
	const char *queue;
	const char *item;
	__u32 count;
	__u32 ring;
};

/**
 * struct stats_args - "stats"
 * @queue: --queue, NULL for all
 * @item: --item: this item's histograms instead of queues' (only with
 *	@hist, never with @queue); NULL without
 * @hist: --hist
 */
struct stats_args {
	const char *queue;
	const char *item;
	bool hist;
};

/**
 * struct watch_args - "watch"
 * @interval_ns: --interval, 1 s unless given
 * @count: --count: refreshes, 0 for no end
 */
struct watch_args {
	__u64 interval_ns;
	__u32 count;
};

int queue_create_parse(int argc, char **argv, struct queue_create_args *a);
int submit_parse(int argc, char **argv, struct submit_args *args);
int work_list_parse(int argc, char **argv, struct work_args *a);
int work_cancel_parse(int argc, char **argv, struct work_args *a);
int work_mod_parse(int argc, char **argv, struct work_args *a);
int events_parse(int argc, char **argv, struct events_args *a);
int stats_parse(int argc, char **argv, struct stats_args *a);
int watch_parse(int argc, char **argv, struct watch_args *a);
int demo_parse(int argc, char **argv, __u64 *duration_ns);

/* "work submit"'s table, in submit.c with its parser. */
extern const struct cmd_help submit_help;

#endif /* WQCTL_ARGS_H */
