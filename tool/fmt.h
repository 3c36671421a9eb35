/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output for humans: aligned tables for lists, "key: value" for one, a
 * line per record for the streams (events, demo).
 */
#ifndef WQCTL_FMT_H
#define WQCTL_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/wqd.h"

struct demo_summary;
struct watch_view;

/* Colour on: set by main() from fmt_color_wanted(), off by default. */
extern bool fmt_color;
bool fmt_color_wanted(bool tty, const char *no_color, const char *term);

int fmt_info(FILE *f, const struct wqd_info *info);
int fmt_stats(FILE *f, const struct wqd_info *info,
	      const struct wqd_queue_info *queues, size_t n);
int fmt_queue(FILE *f, const struct wqd_queue_info *queue);
int fmt_queues(FILE *f, const struct wqd_queue_info *queues, size_t n);
int fmt_work(FILE *f, const struct wqd_work_info *item, const char *queue,
	     __u64 now_ns);
int fmt_works(FILE *f, const struct wqd_work_info *items, size_t n,
	      const struct wqd_queue_info *queues, size_t nr_queues);
int fmt_event(FILE *f, const struct wqd_event *ev, const char *label);
int fmt_demo_line(FILE *f, __u64 elapsed_ns, const struct wqd_event *ev,
		  const char *label, const char *text);
int fmt_demo_summary(FILE *f, const struct demo_summary *s);
int fmt_watch(FILE *f, const struct watch_view *v);

#endif /* WQCTL_FMT_H */
