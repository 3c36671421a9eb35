#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The negative ABI suite (tests/abi/, wqd-negative): every error path of
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

# The cases in wqd-negative's table (wqd-negative -l): a case added or
# removed there changes this number too, so that none goes missing unseen.
CASES=397

@test "wqd-negative: every bad call refused with its errno, nothing leaked" {
	# The table holds every case it should.
	run wqd-negative -l
	assert_success
	assert_equal "${#lines[@]}" "$CASES"
	# The table is in the TAP output when the test fails.
	run wqd-negative
	assert_success
	refute_line --regexp ' FAIL( |$)'
	# Each one of them ran and passed; none skipped (WQD_KO is set).
	refute_line --regexp '^[0-9]+ skipped$'
	assert_equal "${lines[-1]}" "$CASES passed, 0 failed"
}

@test "wqd-negative left the module loaded with its defaults" {
	assert_equal "$(cat /sys/module/wqdemo/parameters/max_queues)" 64
	assert_equal "$(stat -c %a /dev/wqdemo)" 600
	run wqctl -j info
	assert_success
	assert_equal "$(json_get "$output" max_items)" 262144
	assert_equal "$(json_get "$output" nr_queues)" 0
}
