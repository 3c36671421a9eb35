/* SPDX-License-Identifier: GPL-2.0 */
/* The JSON writer: every JSON document wqctl prints is built here. */
#ifndef WQCTL_JSON_H
#define WQCTL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/wqd.h"

struct json_object;
struct watch_view;
struct demo_summary;

struct json_object *jsonw_queue(const struct wqd_queue_info *queue);
struct json_object *jsonw_queues(const struct wqd_queue_info *queues, size_t n);
struct json_object *jsonw_work(const struct wqd_work_info *item,
			       const char *queue);
struct json_object *jsonw_works(const struct wqd_work_info *items, size_t n,
				const struct wqd_queue_info *queues,
				size_t nr_queues);
struct json_object *jsonw_info(const struct wqd_info *info);
struct json_object *jsonw_stats(const struct wqd_info *info,
				const struct wqd_queue_info *queues, size_t n,
				const struct wqd_hist *hist);
struct json_object *jsonw_event(const struct wqd_event *ev, const char *label);
struct json_object *jsonw_watch(const struct watch_view *v);
struct json_object *jsonw_demo_summary(const struct demo_summary *s);
struct json_object *jsonw_id(__u64 id);
struct json_object *jsonw_ids(const __u64 *ids, size_t n);
struct json_object *jsonw_empty(void);
struct json_object *jsonw_result(__u64 id, const char *key, bool value);
int jsonw_emit(struct json_object *doc);
void jsonw_error(const char *msg);

#endif /* WQCTL_JSON_H */
