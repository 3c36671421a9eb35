#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Installing without packages (make install / make uninstall, into a
# DESTDIR, as another distribution's packager would), and the version's
# one place: VERSION, which debian/rules holds debian/changelog to.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

repo=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
version=$(cat "$repo/VERSION")

setup_file() {
	kver=$("$repo/tests/vm/kernels.sh" | head -n 1)
	export kver
}

setup() {
	d=$BATS_TEST_TMPDIR/root
	cd "$repo"
}

# Every file below the DESTDIR, one a line, as a path in the target system.
installed() {
	(cd "$d" && find . -type f -printf '/%P\n' | sort)
}

@test "make install DESTDIR=... puts the module, wqctl, its pages, completion, header and rule there, and only there" {
	run make -s install DESTDIR="$d" PREFIX=/usr/local KVER="$kver"
	assert_success
	run installed
	assert_line "/lib/modules/$kver/updates/wqdemo.ko"
	assert_line /etc/udev/rules.d/60-wqdemo.rules
	assert_line /usr/local/sbin/wqctl
	assert_line /usr/local/include/linux/wqdemo.h
	assert_line /usr/local/share/bash-completion/completions/wqctl
	for page in wqctl wqctl-info wqctl-queue wqctl-work wqctl-stats \
		wqctl-events wqctl-watch wqctl-reset wqctl-demo; do
		assert_line "/usr/local/share/man/man8/$page.8"
	done
	assert_equal "${#lines[@]}" 14
	assert_equal "$(modinfo -F version "$d/lib/modules/$kver/updates/wqdemo.ko")" "$version"
	assert_equal "$("$d/usr/local/sbin/wqctl" --version)" "wqctl $version"
	cmp driver/60-wqdemo.rules "$d/etc/udev/rules.d/60-wqdemo.rules"
	# Into a DESTDIR, nothing of the live system's: no group, no depmod.
	run getent group wqdemo
	assert_failure 2
	[ ! -e "$d/lib/modules/$kver/modules.dep" ]
}

@test "make uninstall DESTDIR=... takes out all that make install put in" {
	make -s install DESTDIR="$d" PREFIX=/usr/local KVER="$kver"
	run make -s uninstall DESTDIR="$d" KVER="$kver"
	assert_success
	run installed
	assert_output ""
}

@test "debian/rules builds only when debian/changelog names VERSION's version" {
	local w=$BATS_TEST_TMPDIR/w
	mkdir "$w"
	cp -r debian VERSION "$w/"
	cd "$w"
	run make -n -f debian/rules binary
	assert_success
	echo 9.9.9 >VERSION
	run make -n -f debian/rules binary
	assert_failure
	assert_output --partial "debian/changelog says $version, VERSION says 9.9.9"
}
