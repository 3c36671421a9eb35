#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Lifetimes: objects outlive the fd that made them, owned items die with
# theirs, unload with live objects is clean, and read() reports them all.

load helpers
load file-asserts
load wqd

setup() {
	wqd_setup
}

@test "items and queues outlive the wqctl that made them" {
	wqctl queue create keep
	id=$(wqctl work submit --queue keep --delay 0 --period 100ms)
	wait_until 20 runs_at_least "$id" 2
	assert_equal "$(work_get "$id" queue)" keep
	assert_equal "$(work_get "$id" owned)" false
}

@test "owned items die with their fd; the others survive it" {
	other=$(wqctl work submit --period 100ms --name survivor)
	wqctl work submit --owned --period 100ms --instances 2 --name mine \
		>"$BATS_TEST_TMPDIR/ids" &
	pid=$!
	wait_until 20 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/ids') = 2 ]"
	mapfile -t ids <"$BATS_TEST_TMPDIR/ids"
	for id in "${ids[@]}"; do
		assert_equal "$(work_get "$id" owned)" true
		wait_until 20 runs_at_least "$id" 1
	done
	kill -INT $pid
	wait $pid
	for id in "${ids[@]}"; do
		run wqctl work show "$id"
		assert_failure 1
	done
	assert_equal "$(work_get "$other" state)" idle
	r=$(work_get "$other" runs)
	wait_until 20 runs_at_least "$other" $((r + 1))
}

@test "SIGTERM ends an owned submit the same way" {
	wqctl work submit --owned --delay 60s >"$BATS_TEST_TMPDIR/id" &
	pid=$!
	wait_until 20 test -s "$BATS_TEST_TMPDIR/id"
	id=$(cat "$BATS_TEST_TMPDIR/id")
	assert_equal "$(work_get "$id" state)" pending
	kill -TERM $pid
	wait $pid
	run wqctl work show "$id"
	assert_failure 1
	assert_equal "$(info_get nr_items)" 0
}

@test "cat /dev/wqdemo shows every queue and item" {
	wqctl queue create shown --ordered
	id=$(wqctl work submit --queue shown --name seen --delay 60s)
	run cat /dev/wqdemo
	assert_success
	assert_output --partial "HZ"
	assert_line --regexp "^ +1 system +builtin"
	assert_line --regexp "^ +[0-9]+ shown +ordered"
	assert_line --regexp "^ +$id seen +[0-9]+ delayed +pending"
}

@test "read() resumes correctly across many small reads" {
	wqctl work submit --delay 60s --instances 300 >/dev/null
	whole=$(cat /dev/wqdemo | md5sum)
	pieces=$(dd if=/dev/wqdemo bs=7 status=none | md5sum)
	assert_equal "$pieces" "$whole"
	assert_equal "$(grep -c ' pending ' /dev/wqdemo)" 300
}

@test "log_runs prints a seed-style line per run" {
	echo 1 >/sys/module/wqdemo/parameters/log_runs
	id=$(wqctl work submit --name a --period 50ms --count 3)
	wait_until 20 state_is "$id" done
	echo 0 >/sys/module/wqdemo/parameters/log_runs
	run dmesg
	assert_line --partial "wqdemo: work_func, a:0 cpu="
	assert_line --partial "wqdemo: work_func, a:2 cpu="
}

@test "unload with live items and queues is clean" {
	wqctl queue create u1 --legacy
	wqctl queue create u2 --unbound --max-active 4
	wqctl work submit --queue u1 --period 20ms >/dev/null
	wqctl work submit --queue u2 --delay 0 --period 20ms --instances 10 >/dev/null
	wqctl work submit --queue u2 --sleep 500ms --period 10ms >/dev/null
	wqctl work submit --period 10ms --delay 0 >/dev/null
	wqctl work submit --delay 60s --instances 100 >/dev/null
	sleep 0.5
	run rmmod wqdemo
	assert_success
	assert_file_not_exists /dev/wqdemo
	insmod "$WQD_KO"
	assert_nothing_left
}

# holds_device PID: PID's standard input is /dev/wqdemo.
holds_device() {
	[ "$(readlink "/proc/$1/fd/0")" = /dev/wqdemo ]
}

@test "unload is refused while a file is open" {
	# bats owns fd 3: hold the device open from another process instead.
	sleep 60 </dev/wqdemo &
	pid=$!
	# Its shell opens the device after the fork: without this wait, rmmod
	# may come first, and the refusal is not what the test then sees.
	wait_until 20 holds_device $pid
	run rmmod wqdemo
	assert_failure
	kill $pid
	wait $pid || true
	assert_dir_exists /sys/module/wqdemo
}

@test "reset cancels every item and destroys every user queue" {
	wqctl queue create r1
	wqctl work submit --queue r1 --period 10ms >/dev/null
	wqctl work submit --delay 60s --instances 20 >/dev/null
	run wqctl reset
	assert_success
	assert_nothing_left
	# The lists say the same as the counters.
	assert_equal "$(wqctl -j work list)" "[]"
	run wqctl -j queue list
	assert_success
	assert_output --partial '"builtin":true'
	refute_output --partial '"builtin":false'
}
