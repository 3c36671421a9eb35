#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# initramfs.sh KVER: build build/vm/KVER/initramfs.cpio.gz, the VM's
# initramfs: busybox-static, tests/vm/init as /init, and the modules that
# 9p over virtio needs, since Debian builds them as modules. The VM's real
# root is the host's / over 9p, so nothing else goes in here.
#
# initramfs.sh --builtin NAME: the same in build/vm/NAME/, without modules,
# for a kernel with 9p and virtio built in (debug-kernel.sh's).
set -euo pipefail

builtin=0
if [ "${1:-}" = --builtin ]; then
	builtin=1
	shift
fi
kver=${1:?usage: initramfs.sh [--builtin] KVER}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/build/vm/$kver/initramfs.cpio.gz
busybox=/bin/busybox

# Insmod order, dependencies first; modprobe repeats shared dependencies
# and names built-in ones ("builtin virtio_pci"), so keep first insmods.
mods=
if [ $builtin = 0 ]; then
	mods=$(modprobe -S "$kver" --show-depends -a virtio_pci 9pnet_virtio 9p |
		awk '$1 == "insmod" && !seen[$2]++ { print $2 }')
fi

# Rebuild only when an input is newer than the image.
if [ -f "$out" ] && [ -z "$(find "$here/initramfs.sh" "$here/init" "$busybox" $mods -newer "$out")" ]; then
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/bin" "$tmp/root/modules" "$tmp/root/proc" "$tmp/root/sys" \
	"$tmp/root/dev" "$tmp/root/newroot"
cp "$busybox" "$tmp/root/bin/busybox"
install -m 755 "$here/init" "$tmp/root/init"

# Numbered names give /init the insmod order by glob. busybox insmod can't
# read compressed modules (6.12's are .ko.xz), so decompress them here.
n=10
for m in $mods; do
	dst=$tmp/root/modules/$n-$(basename "${m%.xz}")
	dst=${dst%.zst}
	case $m in
	*.xz) xz -dc "$m" >"$dst" ;;
	*.zst) zstd -qdc "$m" >"$dst" ;;
	*) cp "$m" "$dst" ;;
	esac
	n=$((n + 1))
done

# Written next to the image and renamed over it: a VM started at the same
# time (check.sh runs several) reads either the old image or the new one.
mkdir -p "$(dirname "$out")"
(cd "$tmp/root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.$$"
mv "$out.$$" "$out"
