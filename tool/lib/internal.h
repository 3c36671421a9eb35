/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the files of libwqd only. */
#ifndef WQD_INTERNAL_H
#define WQD_INTERNAL_H

#include <stddef.h>
#include <linux/types.h>

/*
 * The kernel NUL-terminates the strings it returns; a module with a bug
 * there must not make this program read past a field.
 */
#define WQD_TERMINATE(field)	((field)[sizeof(field) - 1] = '\0')

int wqd_ioctl(int fd, unsigned long request, void *arg);
int wqd_list_all(int fd, unsigned long request, __u64 queue_id,
		 size_t entry_size, void **entries, size_t *n);

#endif /* WQD_INTERNAL_H */
