#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages (make deb, in build/deb/) on a real kernel, as a
# user gets them: dpkg -i, DKMS builds the module in the guest, modprobe
# loads it, the packaged udev rule gives the node to group wqdemo, a
# member uses wqctl and an outsider can't; a purge while the module is
# still loaded keeps the group, and a second install, on a kernel without
# headers, then purges to the system as it was. Run with the module not
# loaded (run.sh --no-load), in order: each test goes on from the state
# the one before left.
#
# The guest's / is read-only: the packages go into an overlay over it,
# with a tmpfs on top ($PKG/upper), and everything runs chrooted there.
# After the purge, every file the upper layer holds is either the same as
# the one below or dpkg's and the tools' own bookkeeping: anything else is
# what the packages left behind.

load ../helpers

REPO=$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)
VERSION=$(cat "$REPO/VERSION")
PKG=/tmp/pkgroot
ROOT=$PKG/root

# in_root CMD...: CMD in the overlay root, with the system's PATH, not
# the harness's (whose build/tool/wqctl the lower root holds too).
# udevadm refuses to act in a chroot (and the whole guest is one) unless
# told not to check.
in_root() {
	SYSTEMD_IGNORE_CHROOT=1 PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$ROOT" "$@"
}

# as USER CMDLINE: CMDLINE in USER's login shell, with USER's groups and
# PATH (which has no sbin), in the overlay root.
as() {
	in_root su --login "$1" --command "$2"
}

# Where DKMS puts the module for the running kernel: compressed as the
# kernel's own modules are, which 6.12's are and 6.1's are not.
dkms_ko() {
	local kver
	kver=$(uname -r)
	echo "/lib/modules/$kver/updates/dkms/wqdemo.ko$([[ $kver != 6.1.* ]] && echo .xz)"
}

# The files of the upper layer that differ from the read-only root below:
# new, changed, or deleted (overlayfs's whiteouts, character devices).
changed_files() {
	local f
	(cd "$PKG/upper" && find . \( -type f -o -type l -o -type c \) -printf '%P\n') |
		sort | while read -r f; do
			cmp -s "$PKG/upper/$f" "/$f" || echo "/$f"
		done
}

setup_file() {
	local c

	modprobe overlay
	mkdir -p "$PKG/upper" "$PKG/work" "$ROOT"
	mount -t overlay overlay \
		-o "lowerdir=/,upperdir=$PKG/upper,workdir=$PKG/work" "$ROOT"
	for d in proc sys dev; do
		mount --rbind "/$d" "$ROOT/$d"
	done
	mount -t tmpfs tmpfs "$ROOT/tmp"
	mount -t tmpfs tmpfs "$ROOT/run"
	mkdir "$ROOT/tmp/deb"
	cp "$REPO"/build/deb/*.deb "$ROOT/tmp/deb/"
	# Speed under TCG only; none of it is what the tests are about. The
	# guest stands for a machine with the running kernel alone: DKMS would
	# also build for the newest kernel in /boot, a second two minutes.
	for c in "$ROOT"/boot/config-*; do
		[ "$c" = "$ROOT/boot/config-$(uname -r)" ] || rm "$c"
	done
	# depmod would read all of Debian's modules, twice (install and
	# purge), a minute each: the module tree holds wqdemo alone here, and
	# wqdemo needs no other module.
	mount -t tmpfs tmpfs "$ROOT/lib/modules/$(uname -r)/kernel"
	# man-db's index, rebuilt on each install and purge.
	rm -f "$ROOT/var/lib/man-db/auto-update"
	changed_files >"$PKG/before"
}

teardown_file() {
	pkill -x systemd-udevd || true
	[ ! -d /sys/module/wqdemo ] || rmmod wqdemo
	umount -R "$ROOT" || true
}

# The guest's root is the host's: nothing of wqdemo's may be in it
# before the packages are, or a test below could pass on what the host
# left (a group postinst need not make, a rule that hides the package's).
@test "the guest starts with nothing of wqdemo's installed" {
	local kver
	kver=$(uname -r)
	[ ! -e /dev/wqdemo ]
	[ ! -d /sys/module/wqdemo ]
	run in_root getent group wqdemo
	assert_failure 2
	run in_root dpkg-query -W wqdemo-dkms wqctl wqdemo-dev
	assert_failure
	run in_root sh -c "ls -d /etc/udev/rules.d/*wqdemo* /lib/udev/rules.d/*wqdemo* \
		/usr/src/wqdemo-* /var/lib/dkms/wqdemo /var/lib/wqdemo-dkms \
		/usr/bin/wqctl /usr/local/bin/wqctl /usr/local/sbin/wqctl 2>/dev/null;
		find /lib/modules/$kver -name 'wqdemo.ko*'"
	assert_output ""
}

@test "dpkg -i installs the packages, and DKMS builds the module for the running kernel" {
	local kver
	kver=$(uname -r)
	# The globs are the overlay root's.
	run in_root sh -c 'dpkg -i /tmp/deb/wqdemo-dkms_*.deb /tmp/deb/wqctl_*.deb \
		/tmp/deb/wqdemo-dev_*.deb'
	assert_success
	assert_output --partial "Building initial module for $kver"
	for p in wqdemo-dkms wqctl wqdemo-dev; do
		assert_equal "$(in_root dpkg-query -W -f='${Status} ${Version}' "$p")" \
			"install ok installed $VERSION"
	done
	run in_root dkms status -m wqdemo -k "$kver"
	assert_success
	assert_line "wqdemo/$VERSION, $kver, x86_64: installed"
	# DKMS's, the only one, and signed with DKMS's key (Secure Boot).
	assert_equal "$(in_root find "/lib/modules/$kver" -name 'wqdemo.ko*')" "$(dkms_ko)"
	assert_equal "$(in_root modinfo -F signer wqdemo)" "DKMS module signing key"
	# A system group, for the rule.
	run in_root getent group wqdemo
	assert_success
	(( $(cut -d: -f3 <<<"$output") < 1000 ))
	# Installed is not loaded: nothing loads it at boot, or now.
	[ ! -d /sys/module/wqdemo ]
	run in_root dpkg -L wqdemo-dkms wqctl wqdemo-dev
	refute_output --partial modules-load
	assert_line /usr/include/linux/wqdemo.h
	assert_line /usr/share/man/man8/wqctl-work.8.gz
	assert_line /usr/share/bash-completion/completions/wqctl
}

@test "modprobe wqdemo loads the module DKMS built, of VERSION's version" {
	run in_root modprobe wqdemo
	assert_success
	assert_equal "$(cat /sys/module/wqdemo/version)" "$VERSION"
	# From DKMS's place: the harness's own build is not in /lib/modules.
	run in_root modprobe --show-depends wqdemo
	assert_success
	assert_equal "${output% }" "insmod $(dkms_ko)"
	assert_equal "$(in_root /usr/bin/wqctl --version)" "wqctl $VERSION"
}

@test "the packaged udev rule gives /dev/wqdemo to group wqdemo, mode 0660" {
	local rule=/lib/udev/rules.d/60-wqdemo.rules
	# As the module makes it, before udev: root's alone.
	assert_equal "$(stat -c '%U %G %a' /dev/wqdemo)" "root root 600"
	assert_equal "$(in_root dpkg -S "$rule")" "wqdemo-dkms: $rule"
	in_root /lib/systemd/systemd-udevd --daemon
	in_root udevadm trigger --action=add --sysname-match=wqdemo
	in_root udevadm settle --timeout=60
	assert_equal "$(in_root stat -c '%U %G %a' /dev/wqdemo)" "root wqdemo 660"
}

@test "a member of group wqdemo submits and lists work with the packaged wqctl" {
	in_root useradd --create-home --groups wqdemo wqd-member
	run as wqd-member 'wqctl work submit --queue system --delay 60s --name by-member'
	assert_success
	assert_output --regexp '^[0-9]+$'
	local id=$output
	run as wqd-member 'wqctl -j work list'
	assert_success
	assert_equal "$(jq -r --argjson id "$id" '.[] | select(.id == $id) | .name' <<<"$output")" \
		by-member
	run as wqd-member "wqctl work cancel $id"
	assert_success
}

@test "a user outside group wqdemo is refused" {
	in_root useradd --create-home wqd-outsider
	run as wqd-outsider 'wqctl work list'
	assert_failure 1
	assert_output "wqctl: /dev/wqdemo: Permission denied (run as root, or as a member of group wqdemo)"
	run as wqd-outsider 'wqctl work submit --queue system --delay 60s'
	assert_failure 1
	assert_output --partial "Permission denied"
}

@test "a purge while the module is loaded removes its files but keeps the group, and says so" {
	pkill -x systemd-udevd
	in_root userdel --remove wqd-member
	in_root userdel --remove wqd-outsider
	run in_root dpkg --purge wqctl wqdemo-dev wqdemo-dkms
	assert_success
	assert_output --partial "wqdemo-dkms: group wqdemo kept: the module is still loaded; after 'rmmod wqdemo', 'groupdel wqdemo' removes it"
	run in_root dpkg-query -W wqdemo-dkms wqctl wqdemo-dev
	assert_failure
	run in_root modinfo wqdemo
	assert_failure
	[ ! -e "$ROOT/usr/src/wqdemo-$VERSION" ]
	[ ! -e "$ROOT/var/lib/dkms/wqdemo" ]
	[ ! -e "$ROOT/lib/udev/rules.d/60-wqdemo.rules" ]
	[ ! -e "$ROOT/usr/bin/wqctl" ]
	run in_root getent group wqdemo
	assert_success
	# What the message says.
	rmmod wqdemo
	in_root groupdel wqdemo
}

@test "installed where the kernel has no headers, then purged: nothing is left behind" {
	local kver
	kver=$(uname -r)
	# What a machine without linux-headers-$kver has: DKMS skips the build
	# and the install goes on.
	mount -t tmpfs tmpfs "$ROOT/usr/src/linux-headers-$kver"
	run in_root sh -c 'dpkg -i /tmp/deb/wqdemo-dkms_*.deb /tmp/deb/wqctl_*.deb \
		/tmp/deb/wqdemo-dev_*.deb'
	umount "$ROOT/usr/src/linux-headers-$kver"
	assert_success
	assert_output --partial "Module build for kernel $kver was skipped since the"
	run in_root getent group wqdemo
	assert_success
	run in_root dpkg --purge wqctl wqdemo-dev wqdemo-dkms
	assert_success
	refute_output --partial "group wqdemo kept"
	run in_root getent group wqdemo
	assert_failure 2
	[ ! -e "$ROOT/usr/src/wqdemo-$VERSION" ]
	[ ! -e "$ROOT/var/lib/dkms/wqdemo" ]
	# What the run changed is dpkg's, debconf's, DKMS's signing key, the
	# log, the lock files, the shadow tools' backups and depmod's index of
	# the module tree, which holds nothing of wqdemo's (the test before).
	changed_files >"$PKG/after"
	run grep -vxE -f /dev/stdin <(comm -13 "$PKG/before" "$PKG/after") <<'EOF'
/var/lib/dpkg/.*
/var/log/dpkg\.log
/var/cache/debconf/.*
/var/lib/dkms/mok\.(key|pub)
/etc/\.pwd\.lock
/etc/(passwd|group|shadow|gshadow|subuid|subgid)-
/usr/lib/modules/[^/]+/modules\.[a-z.]+
EOF
	assert_output ""
	run grep -l wqdemo "$ROOT/var/lib/dpkg/status" "$ROOT/etc/group" "$ROOT/etc/gshadow"
	assert_failure 1
}
