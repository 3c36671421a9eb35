#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# pick-kernels.sh against a stand-in apt-cache (./apt-cache) that models
# the states Debian's archive passes through: a point release's headers
# published before its image, an image without headers, several point
# releases, and a line with nothing at all.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

setup() {
	PATH="$BATS_TEST_DIRNAME:$PATH"
	export FAKE_ARCHIVE=$BATS_TEST_TMPDIR/archive
	pick=$BATS_TEST_DIRNAME/../vm/pick-kernels.sh
}

# stderr_has TEXT: what pick-kernels.sh said includes TEXT.
stderr_has() {
	[[ "$stderr" == *"$1"* ]] || fail "stderr lacks: $1"$'\n'"stderr: $stderr"
}

# archive NAME CANDIDATE...: the packages the archive knows.
archive() {
	printf '%s %s\n' "$@" >"$FAKE_ARCHIVE"
}

# Both lines with two complete point releases each.
both_lines() {
	archive \
		linux-image-6.1.0-56-amd64 6.1.170-1 linux-headers-6.1.0-56-amd64 6.1.170-1 \
		linux-image-6.1.0-57-amd64 6.1.176-1 linux-headers-6.1.0-57-amd64 6.1.176-1 \
		linux-image-6.12.115+deb12-amd64 6.12.115-1 linux-headers-6.12.115+deb12-amd64 6.12.115-1 \
		linux-image-6.12.117+deb12-amd64 6.12.117-1 linux-headers-6.12.117+deb12-amd64 6.12.117-1 \
		linux-image-6.12.117+deb12-amd64-unsigned 6.12.117-1 \
		linux-image-6.12.117+deb12-amd64-dbg 6.12.117-1
}

@test "the newest complete point release of each line, oldest line first" {
	both_lines
	run --separate-stderr "$pick"
	assert_success
	assert_equal "$output" "$(printf '6.1.0-57-amd64\n6.12.117+deb12-amd64')"
	assert_equal "$stderr" "$(printf 'deps: 6.1: 6.1.0-57-amd64\ndeps: 6.12: 6.12.117+deb12-amd64')"
}

@test "headers published before the image: the previous release, and why" {
	both_lines
	printf '%s %s\n' linux-headers-6.12.118+deb12-amd64 6.12.118-1 \
		linux-image-6.12.118+deb12-amd64 '(none)' \
		linux-image-6.12.118+deb12-amd64-unsigned 6.12.118-1 >>"$FAKE_ARCHIVE"
	run --separate-stderr "$pick"
	assert_success
	assert_equal "$output" "$(printf '6.1.0-57-amd64\n6.12.117+deb12-amd64')"
	stderr_has "deps: 6.12: 6.12.117+deb12-amd64 (6.12.118: headers only, image not yet published)"
}

@test "an image without headers is passed over too" {
	both_lines
	echo "linux-image-6.1.0-58-amd64 6.1.180-1" >>"$FAKE_ARCHIVE"
	run --separate-stderr "$pick"
	assert_success
	assert_equal "${lines[0]}" 6.1.0-57-amd64
	stderr_has "deps: 6.1: 6.1.0-57-amd64 (6.1.0-58: image only, headers not published)"
}

@test "point releases compare as versions, not as strings" {
	archive \
		linux-image-6.12.9+deb12-amd64 6.12.9-1 linux-headers-6.12.9+deb12-amd64 6.12.9-1 \
		linux-image-6.12.10+deb12-amd64 6.12.10-1 linux-headers-6.12.10+deb12-amd64 6.12.10-1 \
		linux-image-6.1.0-9-amd64 6.1.30-1 linux-headers-6.1.0-9-amd64 6.1.30-1 \
		linux-image-6.1.0-10-amd64 6.1.38-1 linux-headers-6.1.0-10-amd64 6.1.38-1
	run --separate-stderr "$pick"
	assert_success
	assert_equal "$output" "$(printf '6.1.0-10-amd64\n6.12.10+deb12-amd64')"
}

@test "several newer releases incomplete: each is named" {
	both_lines
	printf '%s %s\n' linux-headers-6.12.118+deb12-amd64 6.12.118-1 \
		linux-headers-6.12.119+deb12-amd64 6.12.119-1 \
		linux-image-6.12.119+deb12-amd64 '(none)' >>"$FAKE_ARCHIVE"
	run --separate-stderr "$pick"
	assert_success
	assert_equal "${lines[1]}" 6.12.117+deb12-amd64
	stderr_has "6.12.117+deb12-amd64 (6.12.119: headers only, image not yet published; 6.12.118: headers only, image not yet published)"
}

@test "no version of a line is complete: fail, naming what is missing" {
	archive \
		linux-image-6.1.0-57-amd64 6.1.176-1 linux-headers-6.1.0-57-amd64 6.1.176-1 \
		linux-headers-6.12.118+deb12-amd64 6.12.118-1 \
		linux-image-6.12.117+deb12-amd64 6.12.117-1
	run --separate-stderr "$pick"
	assert_failure 1
	stderr_has "deps: 6.12: no version has both linux-image and linux-headers to install (6.12.118: headers only, image not yet published; 6.12.117: image only, headers not published)"
}

@test "a line the archive does not have at all: fail, and say where to look" {
	archive linux-image-6.1.0-57-amd64 6.1.176-1 linux-headers-6.1.0-57-amd64 6.1.176-1
	run --separate-stderr "$pick"
	assert_failure 1
	assert_equal "$output" 6.1.0-57-amd64
	stderr_has "deps: 6.12: the archive has no linux-image or linux-headers package of the 6.12 line"
}

@test "an empty archive: both lines fail" {
	: >"$FAKE_ARCHIVE"
	run --separate-stderr "$pick"
	assert_failure 1
	assert_equal "$output" ""
	stderr_has "deps: 6.1: the archive has no"
	stderr_has "deps: 6.12: the archive has no"
}
