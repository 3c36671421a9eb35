#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The module and its device node, before any wqctl.

load helpers
load file-asserts

teardown() {
	ensure_loaded
}

@test "the module is loaded" {
	assert_dir_exists /sys/module/wqdemo
}

@test "/dev/wqdemo is a root-only character device" {
	assert_character_exists /dev/wqdemo
	assert_file_permission 600 /dev/wqdemo
	assert_file_owner root /dev/wqdemo
	run stat -c %G /dev/wqdemo
	assert_output root
}

@test "/dev/wqdemo is a misc device (major 10), as sysfs says" {
	run cat /sys/class/misc/wqdemo/dev
	assert_success
	assert_output --regexp '^10:[0-9]+$'
	local dev=$output
	# stat prints the node's major:minor in hex.
	run stat -c '%t:%T' /dev/wqdemo
	assert_output "$(printf '%x:%x' "${dev%%:*}" "${dev##*:}")"
}

@test "rmmod removes the node and insmod brings it back" {
	run rmmod wqdemo
	assert_success
	assert_not_exists /sys/module/wqdemo
	assert_not_exists /dev/wqdemo
	run insmod "$WQD_KO"
	assert_success
	assert_character_exists /dev/wqdemo
}

@test "reading /dev/wqdemo gives a report" {
	run cat /dev/wqdemo
	assert_success
	refute_output ''
}

@test "an unknown ioctl fails with ENOTTY" {
	# Magic 0xE7, number 0x3f: inside the driver's block, never assigned.
	run wqd-ioctl 0xE73F
	assert_failure 1
	assert_output ENOTTY
}
