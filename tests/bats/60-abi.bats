#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The negative ABI suite (tests/abi/wqd-negative.c): every error path of
# every ioctl, one case each, the exact errno, sentinels to show what the
# kernel wrote and what it did not. It reloads the module with small
# limits for the ENOSPC cases and puts the default load back.

load helpers
load wqd

# If it died half-way through a reload, load the module as the VM does.
teardown() {
	if [ ! -d /sys/module/wqdemo ] ||
		[ "$(</sys/module/wqdemo/parameters/max_queues)" != 64 ]; then
		rmmod wqdemo 2>/dev/null || true
		insmod "$WQD_KO"
	fi
}

@test "wqd-negative: every bad call refused with its errno, nothing leaked" {
	# The table is in the TAP output when the test fails.
	run wqd-negative
	assert_success
	assert_line --regexp '^[0-9]+ passed, 0 failed$'
	refute_line --regexp ' FAIL( |$)'
	# It tried well over 60 cases, and skipped none (WQD_KO is set).
	[[ ${lines[-1]} =~ ^([0-9]+)\ passed ]]
	[ "${BASH_REMATCH[1]}" -ge 60 ]
	refute_line --regexp '^[0-9]+ skipped$'
}

@test "wqd-negative left the module loaded with its defaults" {
	assert_equal "$(cat /sys/module/wqdemo/parameters/max_queues)" 64
	assert_equal "$(stat -c %a /dev/wqdemo)" 600
	run wqctl -j info
	assert_success
	assert_equal "$(json_get "$output" max_items)" 262144
	assert_equal "$(json_get "$output" nr_queues)" 0
}
