#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernels to test, one a line, oldest first: the newest installed
# kernel of each supported Debian line (6.1 and 6.12), and only those that
# have both modules and headers, since a kernel we cannot build for or boot
# is no use. Debian bumps ABI numbers over time, so never hard-code them.
#
# --default: only the kernel that `make` builds for and boots when given
# no KVER: the running kernel if its headers are installed, else the
# first of the list.

newest() {
	local d k
	for d in /lib/modules/$1; do
		k=${d##*/}
		[ -d "/usr/src/linux-headers-$k" ] && [ -f "/boot/vmlinuz-$k" ] && echo "$k"
	done | sort -V | tail -n 1
}

list() {
	{
		newest '6.1.*-amd64'
		newest '6.12.*+deb12-amd64'
	} | sort -V
}

if [ "${1:-}" = --default ]; then
	if [ -d "/lib/modules/$(uname -r)/build" ]; then
		uname -r
	else
		list | head -n 1
	fi
else
	list
fi
