// SPDX-License-Identifier: GPL-2.0
/* The device itself: opening it, and the module-wide ioctls. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"
#include "wqd.h"

/**
 * libwqd_ioctl() - ioctl() with the libwqd return convention
 * @fd: the device
 * @request: WQD_IOC_*
 * @arg: its argument
 *
 * Return: 0, or -errno.
 */
int libwqd_ioctl(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) < 0 ? -errno : 0;
}

/**
 * libwqd_open() - open the device and check that it speaks our ABI
 * @path: the device node, LIBWQD_DEFAULT_DEVICE unless the user says
 * @write: open it for writing: every change needs that, queries don't
 *
 * Return: the fd, or -errno; -EPROTO when the module's ABI version
 * is not the one this program was built against.
 */
int libwqd_open(const char *path, bool write)
{
	struct wqd_version version;
	int fd, ret;

	fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = libwqd_version(fd, &version);
	if (!ret && version.abi_version != WQD_ABI_VERSION)
		ret = -EPROTO;
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}

int libwqd_version(int fd, struct wqd_version *v)
{
	memset(v, 0, sizeof(*v));
	return libwqd_ioctl(fd, WQD_IOC_VERSION, v);
}

int libwqd_info(int fd, struct wqd_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	ret = libwqd_ioctl(fd, WQD_IOC_INFO, info);
	LIBWQD_TERMINATE(info->module_version);
	return ret;
}

int libwqd_reset(int fd)
{
	return libwqd_ioctl(fd, WQD_IOC_RESET, NULL);
}

/**
 * libwqd_set_name() - copy a queue name or an item label into an ABI struct
 * @dst: the struct's name field, zero-filled so that no stack garbage
 *	reaches the kernel
 * @src: the name
 *
 * The kernel checks the characters and the shorter queue-name limit; this
 * only refuses what cannot even be passed.
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int libwqd_set_name(char dst[WQD_NAME_LEN], const char *src)
{
	size_t len = strlen(src);

	if (len >= WQD_NAME_LEN)
		return -ENAMETOOLONG;
	memset(dst, 0, WQD_NAME_LEN);
	memcpy(dst, src, len);
	return 0;
}
