#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, idempotently, everything the build, the tests and the VM need:
# Debian packages, and the newest kernel image + headers of both supported
# lines (6.1 and 6.12), discovered at install time because Debian bumps
# the ABI number and drops old versions from the archive.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

pkgs=(
	build-essential make gcc pkg-config kmod cpio xz-utils zstd rsync
	qemu-system-x86 busybox-static
	meson ninja-build libjson-c-dev clang libclang-rt-14-dev
	bats bats-support bats-assert bats-file jq
	sparse codespell linux-source-6.1
	flex bison libelf-dev dwarves bc libssl-dev
	linux-image-amd64 linux-headers-amd64
)

# Newest 6.12 version for which Debian ships both a signed image and headers.
newest_612() {
	apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
		sed -n 's/^linux-headers-\(6\.12\.[0-9]*+deb12-amd64\) .*/\1/p' |
		sort -V | while read -r v; do
			apt-cache show "linux-image-$v" >/dev/null 2>&1 && echo "$v"
		done | tail -n 1
}

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || echo "$p"
	done
}

need=$(missing "${pkgs[@]}")
have612=$(ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 2>/dev/null | tail -n 1 || true)
if [ -n "$need" ] || [ -z "$have612" ] || [ "${WQD_DEPS_REFRESH:-0}" = 1 ]; then
	apt-get update -q
	v612=$(newest_612)
	[ -n "$v612" ] || { echo "deps: no 6.12 kernel found in the archive" >&2; exit 1; }
	# Kernel images want an initramfs and a bootloader hook on install;
	# neither matters here (the VM uses its own initramfs), so keep the
	# install going even where no bootloader exists.
	apt-get install -y -q --no-install-recommends "${pkgs[@]}" \
		"linux-image-$v612" "linux-headers-$v612"
fi

src=/usr/src/linux-source-6.1.tar.xz
ckp=/usr/src/linux-source-6.1/scripts/checkpatch.pl
if [ -f "$src" ] && [ ! -f "$ckp" ]; then
	tar -C /usr/src -xJf "$src" linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
echo "deps: ok"
