#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh [--key]: build the debug kernel (KASAN, lockdep, ODEBUG,
# kmemleak, failslab...) that `run.sh --debug-kernel` boots, and print the
# path of its build tree: <tree>/arch/x86/boot/bzImage is the kernel, and
# `make -C <tree> M=...` builds modules against it. --key prints only the
# cache key.
#
# The source is Debian's linux-source-6.1 (make deps), extracted once into
# build/debug-kernel/src-<package version>. The config is `make tinyconfig`
# + kernel/configs/kvm_guest.config + tests/vm/debug.config, and every line
# of debug.config must end up in the .config as written: the script fails
# naming any option Kconfig dropped. The tree is built out of the source
# (O=) in build/debug-kernel/<key>, <key> being the package version and
# the sha256 of the fragment's options (not its comments): it is rebuilt
# only when either changes; trees and sources of other keys are deleted
# once a new one is built.
#
# Build output goes to <tree>/build.log (the last lines are shown when it
# fails); messages, including the build time, go to stderr. A clean build
# took 13 to 18 minutes on this project's 2 cores (other VMs running);
# one with the tree cached, a fraction of a second.
set -euo pipefail

# All of it in braces: bash then reads the whole script before running it,
# and an edit made during a 10-minute build can't derail the running copy.
{
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
frag=$here/debug.config
top=$repo/build/debug-kernel

msg() { echo "debug-kernel: $*" >&2; }
die() { msg "$*"; exit 1; }

pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
	die "linux-source-6.1 is not installed (make deps)"
[ -f "$tarball" ] || die "$tarball is missing (make deps)"
# The fragment's options, not its comments: a comment edit keeps the tree.
key=$pkgver-$(sed -n '/^CONFIG_/p; /^# CONFIG_[A-Za-z0-9_]* is not set$/p' "$frag" |
	sha256sum | cut -c 1-12)
if [ "${1:-}" = --key ]; then
	echo "$key"
	exit 0
fi
src=$top/src-$pkgver
out=$top/$key

mkdir -p "$top"
# One build at a time: a second caller waits, then finds the tree built.
exec 9>"$top/.lock"
flock 9

if [ -f "$out/.wqd-built" ]; then
	echo "$out"
	exit 0
fi

start=$(date +%s)
if [ ! -f "$src/.wqd-extracted" ]; then
	msg "extracting $tarball into $src"
	rm -rf "$src"
	mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xJf "$tarball"
	touch "$src/.wqd-extracted"
fi

# 6.1 keeps kvm_guest.config in kernel/configs/; look in arch/x86/configs/
# too, for trees that have it there.
kvm=
for f in "$src/arch/x86/configs/kvm_guest.config" "$src/kernel/configs/kvm_guest.config"; do
	[ -f "$f" ] && kvm=$f && break
done
[ -n "$kvm" ] || die "no kvm_guest.config in $src"

# Each key builds from scratch: a tree moved to a new key's path rebuilds
# all of it anyway (objtool, and the .cmd files, hold absolute paths).
mkdir -p "$out"
log=$out/build.log
kmake() { make -C "$src" O="$out" "$@" >>"$log" 2>&1; }
: >"$log"
msg "configuring $out (tinyconfig + kvm_guest.config + debug.config)"
kmake tinyconfig || die "make tinyconfig failed, see $log"
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$kvm" "$frag" \
	>>"$log" 2>&1 || die "merge_config.sh failed, see $log"
kmake olddefconfig || die "make olddefconfig failed, see $log"

# Every line of the fragment, as asked: "CONFIG_X=v" must be in .config
# as is; "# CONFIG_X is not set" means not =y/=m (absent is fine).
dropped=0
while read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF -- "$line" "$out/.config" && continue
		opt=${line%%=*}
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		grep -qE "^$opt=" "$out/.config" || continue
		;;
	*) continue ;;
	esac
	got=$(grep -E "^$opt=|^# $opt is not set" "$out/.config" || echo "absent")
	msg "debug.config asks for '$line', the .config has '$got'"
	dropped=$((dropped + 1))
done <"$frag"
[ $dropped = 0 ] ||
	die "$dropped option(s) of $frag did not take (a missing dependency?): fix the fragment"

msg "building bzImage and modules in $out (-j$(nproc)), log: $log"
if ! kmake -j"$(nproc)" bzImage modules; then
	tail -n 30 "$log" >&2
	die "the kernel build failed, see $log"
fi
touch "$out/.wqd-built"
msg "built in $(($(date +%s) - start)) s: $out"

# Trees and sources of other keys only take room now.
for d in "$top"/*; do
	[ -d "$d" ] || continue
	case $d in
	"$out" | "$src") ;;
	*)
		msg "removing the stale $d"
		rm -rf "$d"
		;;
	esac
done
echo "$out"
exit 0
}
