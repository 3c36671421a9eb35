#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Concurrency: wqd-stress (tests/stress/stress.c) drives the module
# from several processes at once with random valid operations while
# items run, then checks that the counters add up, that reset brings the
# objects and slabs back to the baseline; then the module must unload.

load helpers

# Bounded: 30 s of operations, well within the VM's time.
STRESS_SECONDS=${WQD_STRESS_SECONDS:-30}

teardown() {
	ensure_loaded
}

@test "stress: random operations from 4 processes, then the counters add up" {
	run wqd-stress -t "$STRESS_SECONDS" -p 4
	assert_success
	assert_line --regexp '^stress: ok '
	# How much it did and what it checked, in the TAP output even when it
	# passes.
	grep -E '^stress: ok |^  (total|runs followed) |^  ok   (each listed|every ordered|slab) ' \
		<<<"$output" | sed 's/^/# /' >&3
	refute_line --regexp '^  FAIL '
	# No check was left out: each one it makes says ok or FAIL.
	refute_line --regexp '^  skip '
	assert_line --regexp '^  ok   slab wqd_item: '
	assert_line --regexp '^  ok   slab wqd_queue: '
	assert_line --regexp '^  ok   every ordered queue checked: [1-9][0-9]* made, '
	# It did something of every kind.
	refute_line --regexp '^  [a-z /]+ +0 +[0-9]+$'
	# And the module unloads cleanly after it, then loads again.
	run rmmod wqdemo
	assert_success
	run insmod "$WQD_KO"
	assert_success
}

# A drain that begins while the items of its queue are being taken away,
# by the close of their owner file or by a reset: those items are out of
# the registry but not yet stopped, and the drain must not miss them (a
# timer of one firing during drain_workqueue() makes the kernel warn,
# and the VM panic). Last in this file: a panic ends the VM.
@test "stress: a drain racing with the removal of its queue's items" {
	run wqd-stress -t 0 -r 20
	assert_success
	assert_line --regexp '^stress: ok '
	refute_line --regexp '^  FAIL '
}
