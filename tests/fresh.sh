#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fresh.sh [COMMAND]: run the README's first command as a new user would,
# on a machine that has nothing installed. A Debian 12 root is made with
# debootstrap (in build/fresh/root, made anew each time), with the
# package sources of this machine and nothing else but git and make (what
# the README asks a user to have); the project is cloned into it from
# this checkout's HEAD, and COMMAND (default: make demo) runs there in a
# chroot, as root. The output is kept in build/fresh/log.
#
# Slow (the packages, both kernels and a VM boot: 10-20 minutes), so not
# part of `make check`; `make fresh-check` runs it. Run it whenever
# tests/vm/deps.sh, the Makefile or the VM harness change.
#
# Exit status: COMMAND's; 2 when the root could not be made.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-make demo}
out=$repo/build/fresh
root=$out/root
log=$out/log

[ "$(id -u)" = 0 ] || { echo "fresh: run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null ||
	{ echo "fresh: cannot install debootstrap" >&2; exit 2; }

# The first Debian archive this machine's apt uses, from its deb822 or
# one-line sources: debootstrap needs one to start from.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }')
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' \
	/etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { echo "fresh: no bookworm archive in this machine's apt sources" >&2; exit 2; }

mounts=(proc sys dev dev/pts)
umount_all() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		mountpoint -q "$root/${mounts[i]}" && umount -l "$root/${mounts[i]}"
	done
	return 0
}
trap umount_all EXIT

umount_all
rm -rf --one-file-system "$root"
mkdir -p "$root"
echo "fresh: debootstrap bookworm into $root"
if ! debootstrap --include=git,make,ca-certificates bookworm "$root" "$mirror" \
	>"$out/debootstrap.log" 2>&1; then
	tail -n 20 "$out/debootstrap.log" >&2
	echo "fresh: debootstrap failed ($out/debootstrap.log)" >&2
	exit 2
fi
# The same package sources as this machine (a Debian 12 install has the
# security suite, where the 6.12 kernels are), and its resolver.
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
cp /etc/resolv.conf "$root/etc/resolv.conf"

git clone -q "$repo" "$root/root/wqdemo" || exit 2

mount -t proc proc "$root/proc" && mount -t sysfs sysfs "$root/sys" &&
	mount --bind /dev "$root/dev" && mount --bind /dev/pts "$root/dev/pts" ||
	{ echo "fresh: cannot mount the root's proc, sys and dev" >&2; exit 2; }

echo "fresh: $(git -C "$repo" log -1 --format='%h %s'): $cmd"
# A new login shell's environment, not this one's.
env -i HOME=/root TERM="${TERM:-dumb}" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	chroot "$root" /bin/bash -lc "cd /root/wqdemo && $cmd" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
echo "fresh: '$cmd' exited with $rc (log: $log)"
exit "$rc"
