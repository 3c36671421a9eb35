/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the files of libwqd only. */
#ifndef LIBWQD_INTERNAL_H
#define LIBWQD_INTERNAL_H

#include <stddef.h>
#include <linux/types.h>

/*
 * The kernel NUL-terminates the strings it returns; a module with a bug
 * there must not make this program read past a field.
 */
#define LIBWQD_TERMINATE(field)	((field)[sizeof(field) - 1] = '\0')

int libwqd_ioctl(int fd, unsigned long request, void *arg);
int libwqd_list_all(int fd, unsigned long request, __u64 queue_id,
		    size_t entry_size, void **entries, size_t *n);

#endif /* LIBWQD_INTERNAL_H */
