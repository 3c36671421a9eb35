/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libwqd: a thin layer over the /dev/wqdemo ioctls. All ioctl code lives
 * here; the commands above it see plain functions that return 0 or -errno.
 * Ids and times are __u64 like the struct fields they come from and go
 * to (on 64-bit that is unsigned long long, not uint64_t's unsigned long).
 *
 * Its names are libwqd_*, as libbpf's are libbpf_*: wqd_* is the ABI's
 * (<linux/wqdemo.h>) and the driver's, and libwqd_queue_create() is not
 * the driver's wqd_queue_create().
 */
#ifndef LIBWQD_H
#define LIBWQD_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/wqdemo.h>

#define LIBWQD_DEFAULT_DEVICE	"/dev/wqdemo"

/* device.c: the device and the module */
int libwqd_open(const char *path, bool write);
int libwqd_version(int fd, struct wqd_version *v);
int libwqd_info(int fd, struct wqd_info *info);
int libwqd_reset(int fd);
int libwqd_set_name(char dst[WQD_NAME_LEN], const char *src);

/* queue.c */
int libwqd_queue_create(int fd, struct wqd_queue_create *create);
int libwqd_queue_destroy(int fd, __u64 id);
int libwqd_queue_flush(int fd, __u64 id);
int libwqd_queue_drain(int fd, __u64 id);
int libwqd_queue_info(int fd, __u64 id, struct wqd_queue_info *info);
int libwqd_queue_list(int fd, struct wqd_queue_info **queues, size_t *n);
int libwqd_queue_hist(int fd, __u64 id, struct wqd_hist *hist);
int libwqd_item_hist(int fd, __u64 id, struct wqd_hist *hist);

/* work.c */
int libwqd_work_submit(int fd, struct wqd_work_submit *submit, __u64 *ids);
int libwqd_work_cancel(int fd, __u64 id, bool async, bool *pending);
int libwqd_work_flush(int fd, __u64 id, bool *waited);
int libwqd_work_mod(int fd, __u64 id, __u64 delay_ns, bool *pending);
int libwqd_work_info(int fd, __u64 id, struct wqd_work_info *info);
int libwqd_work_list(int fd, __u64 queue_id, struct wqd_work_info **items,
		     size_t *n);

/* events.c: event streams */
int libwqd_events_open(int fd, __u64 queue_id, __u64 item_id, __u32 flags,
		       __u32 ring_size, int *events_fd);
int libwqd_events_read(int events_fd, struct wqd_event *buf, size_t max,
		       size_t *n);

/* resolve.c: how a user names queues and items */
int libwqd_parse_u64(const char *s, __u64 *v);
int libwqd_parse_ref(const char *s, __u64 *id);
int libwqd_queue_find(const struct wqd_queue_info *queues, size_t n,
		      const char *name, __u64 *id);
int libwqd_work_find(const struct wqd_work_info *items, size_t n,
		     const char *label, __u64 *id);
const char *libwqd_queue_name(const struct wqd_queue_info *queues, size_t n,
			      __u64 id);
int libwqd_queue_resolve(int fd, const char *ref, __u64 *id);
int libwqd_work_resolve(int fd, const char *ref, __u64 *id);

/* names.c: words for the ABI's numbers */
const char *libwqd_state_name(__u32 state);
const char *libwqd_kind_name(__u32 kind);
const char *libwqd_queue_flag_name(unsigned int bit);
const char *libwqd_feature_name(unsigned int bit);

#endif /* LIBWQD_H */
