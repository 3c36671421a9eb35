#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, idempotently, everything the build, the tests and the VM need:
# Debian packages, and the newest kernel image + headers of both supported
# lines (6.1 and 6.12) that the archive can install now (pick-kernels.sh),
# discovered at install time because Debian bumps the ABI number, drops
# old versions, and publishes a new version's headers before its image.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
here=$(cd "$(dirname "$0")" && pwd)

pkgs=(
	build-essential make gcc pkg-config kmod cpio xz-utils zstd rsync
	qemu-system-x86 busybox-static
	meson ninja-build libjson-c-dev clang libclang-rt-14-dev
	bats bats-support bats-assert bats-file jq
	sparse codespell linux-source-6.1
	flex bison libelf-dev dwarves bc libssl-dev
	debhelper dh-dkms dkms bash-completion lintian udev
)

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || echo "$p"
	done
}

# One kernel of each line installed (kernels.sh) is enough: the archive is
# asked only when something is missing, or when WQD_DEPS_REFRESH=1.
need=$(missing "${pkgs[@]}")
have=$("$here/kernels.sh" | wc -l)
if [ -n "$need" ] || [ "$have" -lt 2 ] || [ "${WQD_DEPS_REFRESH:-0}" = 1 ]; then
	apt-get update -q
	kernels=$("$here/pick-kernels.sh") || {
		echo "deps: no kernel to install for every supported line (above)" >&2
		exit 1
	}
	kpkgs=()
	for v in $kernels; do
		kpkgs+=("linux-image-$v" "linux-headers-$v")
	done
	# Kernel images want an initramfs and a bootloader hook on install;
	# neither matters here (the VM uses its own initramfs), so keep the
	# install going even where no bootloader exists.
	apt-get install -y -q --no-install-recommends "${pkgs[@]}" "${kpkgs[@]}"
fi

src=/usr/src/linux-source-6.1.tar.xz
ckp=/usr/src/linux-source-6.1/scripts/checkpatch.pl
if [ -f "$src" ] && [ ! -f "$ckp" ]; then
	tar -C /usr/src -xJf "$src" linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
echo "deps: ok"
