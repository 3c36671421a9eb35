#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# module.sh KVER [KDIR]: build wqdemo.ko for kernel KVER into
# build/kmod/KVER/driver/wqdemo.ko, with W=1 and every warning an error.
# KDIR is the kernel's build tree, /lib/modules/KVER/build by default;
# for a kernel built here (debug-kernel.sh), KVER is just the name of its
# output folder and KDIR the tree. WQD_LENIENT=1 (make install's) builds
# as a user's machine must: no W=1 and no warning an error, since Kbuild
# itself warns when the compiler is not the one that built the kernel.
#
# Each kernel builds in its own copy of driver/ and uapi/: kbuild writes
# its objects next to the sources and `make clean` deletes every .ko below
# M=, so one shared tree would let kernels clobber each other. The copy
# keeps the driver/ + uapi/ layout, and VERSION beside them, because
# driver/Kbuild reads $(src)/../VERSION and includes
# $(src)/../uapi.
set -euo pipefail

kver=${1:?usage: module.sh KVER [KDIR]}
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/build/kmod/$kver
kdir=${2:-/lib/modules/$kver/build}

[ -d "$kdir" ] || { echo "module: no headers for $kver ($kdir)" >&2; exit 1; }
[ -d "$repo/driver" ] || { echo "module: $repo/driver is missing" >&2; exit 1; }
mkdir -p "$out"

# One build at a time per kernel: two makes in one tree break each other.
exec 9>"$out.lock"
flock 9

# rsync keeps mtimes, so make rebuilds only what changed; --delete drops
# sources deleted from the repo, while the excludes keep kbuild's outputs
# (excluded files are never deleted) for the incremental build.
rsync -a --delete \
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='.*.cmd' --exclude='.*.d' --exclude='Module.symvers' \
	--exclude='modules.order' --exclude='.tmp_*' \
	"$repo/driver" "$repo/uapi" "$repo/VERSION" "$out/"

# KCFLAGS=-Werror turns compiler warnings into errors; modpost's warnings
# (missing MODULE_DESCRIPTION, section mismatches) are not compiler
# warnings, so fail on any "warning:" line in the output as well.
# -Wframe-larger-than: a kernel stack is 16 KiB, and an ioctl's frame is
# on it under the whole syscall path; the largest of ours is under 400
# bytes, so a struct moved onto the stack (a 784-byte one was) fails the
# build. Not on a kernel built here: KASAN's redzones grow every frame.
kcflags=-Werror
[ -n "${2:-}" ] || kcflags+=" -Wframe-larger-than=512"
w=W=1
[ "${WQD_LENIENT:-0}" = 0 ] || { kcflags=; w=; }
log=$out/build.log
if ! make -C "$kdir" M="$out/driver" $w KCFLAGS="$kcflags" modules 2>&1 | tee "$log"; then
	echo "module: build for $kver failed" >&2
	exit 1
fi
if [ "${WQD_LENIENT:-0}" = 0 ] && grep -q 'warning:' "$log"; then
	echo "module: build for $kver has warnings" >&2
	exit 1
fi
