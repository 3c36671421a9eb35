#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# WQD_IOC_CALIBRATE, the benchmark's bare handler (driver/calibrate.c), and
# the benchmark itself in its smoke size (tests/bench/wqd-bench.c).

load helpers
load wqd

teardown() {
	wqctl reset
}

# calibrate RUNS [QUEUE]: "done N elapsed_ns NS", or the errno's name
calibrate() {
	wqd-bench --calibrate "$1" ${2:+--queue "$2"}
}

@test "calibrate runs its bare handler exactly RUNS times, none of it counted" {
	local executed queued n
	executed=$(queue_get system executed)
	queued=$(queue_get system queued)
	for n in 1 2 1000 100000; do
		run calibrate "$n"
		assert_success
		[[ $output =~ ^done\ ([0-9]+)\ elapsed_ns\ ([0-9]+)$ ]]
		assert_equal "${BASH_REMATCH[1]}" "$n"
		# Under a second per thousand runs even here. A short chain may
		# read 0 where the clocksource ticks with the jiffy (the debug
		# kernel's, under TCG); 100,000 runs outlast any tick.
		[ "${BASH_REMATCH[2]}" -lt $((n * 1000000 + 1000000000)) ]
		if [ "$n" -ge 100000 ]; then
			[ "${BASH_REMATCH[2]}" -gt 0 ]
		fi
	done
	# No wqdemo bookkeeping: the queue's counters did not move.
	assert_equal "$(queue_get system executed)" "$executed"
	assert_equal "$(queue_get system queued)" "$queued"
}

@test "calibrate on a user queue, and on each built-in queue" {
	local id q
	id=$(wqctl queue create cal --unbound)
	# elapsed_ns may be 0 for such short chains (see above).
	run calibrate 500 "$id"
	assert_success
	assert_output --regexp '^done 500 elapsed_ns [0-9]+$'
	for q in 1 2 3 4 5 6; do
		run calibrate 10 "$q"
		assert_success
		assert_output --regexp '^done 10 elapsed_ns [0-9]+$'
	done
}

@test "calibrate refuses bad input with its errno" {
	run calibrate 0
	assert_failure 1
	assert_output EINVAL
	run calibrate 10000001		# WQD_CALIBRATE_MAX_RUNS + 1
	assert_failure 1
	assert_output EINVAL
	run calibrate 10 9999
	assert_failure 1
	assert_output ENOENT
	run calibrate 10 0
	assert_output ENOENT
	id=$(wqctl queue create gone)
	wqctl queue destroy gone
	run calibrate 10 "$id"
	assert_output ENOENT
	# A change: read-only fds are refused (WQD_IOC_CALIBRATE, 32 bytes).
	run wqd-ioctl -r "$(printf '0x%x' $(((3 << 30) | (32 << 16) | (0xE7 << 8) | 0x03)))"
	assert_failure 1
	assert_output EBADF
}

# in_calibrate PID: PID is blocked in the WQD_IOC_CALIBRATE ioctl: x86-64's
# ioctl is syscall 16, and its second argument is the command.
in_calibrate() {
	local nr fd cmd
	read -r nr fd cmd _ <"/proc/$1/syscall" || return 1
	[ "$nr $cmd" = "16 $(ioc 3 3 32)" ]
}

@test "a killed calibrate stops its chain at once" {
	local id pid t0
	id=$(wqctl queue create cal)
	wqd-bench --calibrate 10000000 --queue "$id" &
	pid=$!
	# Killed before the ioctl began, it would pass whatever the chain does.
	wait_until 20 in_calibrate "$pid"
	t0=$SECONDS
	kill -KILL "$pid"
	wait "$pid" || true
	# Ten million runs take many seconds even natively.
	[ $((SECONDS - t0)) -le 2 ]
	wqctl queue destroy cal
	assert_equal "$(info_get nr_queues)" 0
}

@test "the benchmark's smoke run works and writes its JSON" {
	run wqd-bench --smoke --json "$BATS_TEST_TMPDIR/bench.json"
	assert_success
	assert_line --regexp '^0 errors, [0-9]+ s$'
	assert_line --partial 'null ioctl (info)'
	assert_line --partial 'bookkeeping per run'
	assert_line --partial 'submit floor (null ioctl + bare submit)'
	run jq -r '.errors, .smoke, (.figures | length), .raw.memory.items' \
		"$BATS_TEST_TMPDIR/bench.json"
	assert_success
	assert_equal "${lines[0]}" 0
	assert_equal "${lines[1]}" true
	[ "${lines[2]}" -ge 20 ]
	assert_equal "${lines[3]}" 1000
	# The submit floor is the null ioctl plus bare submits that took time.
	run jq -e '.raw.control[0] | .submit_floor_ns > .null_ns and .submit_to_floor > 0' \
		"$BATS_TEST_TMPDIR/bench.json"
	assert_success
	# Nothing left behind.
	assert_nothing_left
}
