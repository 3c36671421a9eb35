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
	assert_line /usr/local/bin/wqctl
	assert_line /usr/local/include/linux/wqdemo.h
	assert_line /usr/local/share/bash-completion/completions/wqctl
	for page in wqctl wqctl-info wqctl-queue wqctl-work wqctl-stats \
		wqctl-events wqctl-watch wqctl-reset wqctl-demo; do
		assert_line "/usr/local/share/man/man8/$page.8"
	done
	assert_equal "${#lines[@]}" 14
	assert_equal "$(modinfo -F version "$d/lib/modules/$kver/updates/wqdemo.ko")" "$version"
	assert_equal "$("$d/usr/local/bin/wqctl" --version)" "wqctl $version"
	cmp driver/60-wqdemo.rules "$d/etc/udev/rules.d/60-wqdemo.rules"
	# Into a DESTDIR, nothing of the live system's: no group, no depmod.
	run getent group wqdemo
	assert_failure 2
	[ ! -e "$d/lib/modules/$kver/modules.dep" ]
}

# meson keeps its prefix in its build folder: one install's must not
# stick to the next.
@test "make install PREFIX=/usr after one under /usr/local puts all of it under /usr" {
	make -s install DESTDIR="$BATS_TEST_TMPDIR/first" KVER="$kver"
	run make -s install DESTDIR="$d" PREFIX=/usr KVER="$kver"
	assert_success
	run installed
	assert_line /usr/bin/wqctl
	assert_line /usr/share/man/man8/wqctl.8
	refute_line --partial /usr/local/
	make -s install DESTDIR="$BATS_TEST_TMPDIR/again" KVER="$kver"
}

@test "make uninstall DESTDIR=... takes out all that make install put in" {
	make -s install DESTDIR="$d" PREFIX=/usr/local KVER="$kver"
	run make -s uninstall DESTDIR="$d" KVER="$kver"
	assert_success
	run installed
	assert_output ""
}

# uninstall works from the names alone: not from meson's install log
# (another install since, into elsewhere, rewrote it), nor from build/
# (a fresh clone has none), nor from KVER (the install was for a kernel
# since replaced); and a relative DESTDIR is one folder, not two.
@test "make uninstall needs no build, no install log and no KVER of the install's" {
	local w=$BATS_TEST_TMPDIR/w
	make -s install DESTDIR="$d" PREFIX=/usr/local KVER="$kver"
	make -s install DESTDIR="$BATS_TEST_TMPDIR/elsewhere" KVER="$kver"
	mkdir -p "$d/lib/modules/6.1.0-0-amd64/updates"
	cp "$d/lib/modules/$kver/updates/wqdemo.ko" "$d/lib/modules/6.1.0-0-amd64/updates/"
	mkdir "$w"
	git ls-files -z | rsync -a --from0 --files-from=- ./ "$w/"
	cd "$w"
	run make -s uninstall DESTDIR=../root KVER=6.12.0-0-amd64
	assert_success
	[ ! -e build ]
	run installed
	assert_output ""
}

@test "a relative DESTDIR holds the whole install" {
	mkdir "$BATS_TEST_TMPDIR/rel"
	run make -s install DESTDIR="${BATS_TEST_TMPDIR#"$repo"/}/rel" KVER="$kver"
	# The tmpdir may not be below the repo: then the path is absolute,
	# and the test says nothing. It is below it in check.sh's runs.
	assert_success
	d=$BATS_TEST_TMPDIR/rel
	run installed
	assert_line /usr/local/bin/wqctl
	assert_line "/lib/modules/$kver/updates/wqdemo.ko"
	[ ! -e build/tool/"${BATS_TEST_TMPDIR#"$repo"/}" ]
}

@test "debian/rules builds only when debian/changelog names VERSION's version" {
	local w=$BATS_TEST_TMPDIR/w
	mkdir "$w"
	cp -r debian VERSION "$w/"
	cd "$w"
	run make -n -f debian/rules binary
	assert_success
	# A Debian suffix on the same version: a stable update, a backport.
	sed -i "1s/($version)/($version+deb12u1)/" debian/changelog
	run make -n -f debian/rules binary
	assert_success
	echo 9.9.9 >VERSION
	run make -n -f debian/rules binary
	assert_failure
	assert_output --partial "debian/changelog says $version+deb12u1, VERSION says 9.9.9"
}
