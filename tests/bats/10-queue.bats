#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Queues: creation by each kernel call, flags, the built-ins, flush, drain
# and destroy, and what ordering and max_active do to concurrency.

load helpers
load file-asserts
load wqd

setup() {
	wqd_setup
}

@test "the built-in system queues are listed under fixed ids" {
	run wqctl -j queue list
	assert_success
	# system_bh exists exactly where the kernel has BH workqueues, and
	# the module's info says so.
	bh=false
	if kernel_has_bh; then
		bh=true
	fi
	info=$(wqctl -j info)
	run jq -r --argjson info "$info" '
		(.[0] | "\(.id) \(.name) \(.builtin) \(.kind)"),
		(.[] | select(.name == "system_unbound") | .id),
		(.[] | select(.name == "system_highpri") | .flags[0]),
		([.[] | select(.name == "system_bh") | .id] | join(",")),
		($info.features | index("bh") != null)' <<<"$output"
	assert_success
	want=$'1 system true builtin\n4\nhighpri'
	if [ $bh = true ]; then
		want+=$'\n7'
	else
		want+=$'\n'
	fi
	assert_output "$want"$'\n'"$bh"
}

@test "queue create prints only the new id, and show reports what was asked" {
	run wqctl queue create q1 --unbound --highpri --max-active 3
	assert_success
	assert_output --regexp '^[0-9]+$'
	id=$output
	run wqctl -j queue show q1
	assert_success
	assert_equal "$(json_get "$output" id)" "$id"
	assert_equal "$(json_get "$output" kind)" alloc
	assert_equal "$(json_get "$output" builtin)" false
	assert_equal "$(json_get "$output" max_active)" 3
	assert_equal "$(jq -c '.flags | sort' <<<"$output")" '["highpri","unbound"]'
	# A queue is addressed by id as well as by name.
	assert_equal "$(queue_get "$id" name)" q1
}

@test "each creation call gives its kind" {
	wqctl queue create lq --legacy
	wqctl queue create sq --legacy-single
	wqctl queue create oq --ordered
	wqctl queue create aq
	assert_equal "$(queue_get lq kind)" legacy
	assert_equal "$(queue_get sq kind)" legacy_single
	assert_equal "$(queue_get oq kind)" ordered
	assert_equal "$(queue_get aq kind)" alloc
}

@test "--sysfs exposes the queue under /sys/devices/virtual/workqueue" {
	wqctl queue create vis --unbound --sysfs
	assert_dir_exists /sys/devices/virtual/workqueue/wqd_vis
	wqctl queue destroy vis
	assert_dir_not_exists /sys/devices/virtual/workqueue/wqd_vis
}

@test "an ordered queue never runs two items at once" {
	wqctl queue create ord --ordered
	wqctl work submit --queue ord --sleep 200ms --instances 4 >/dev/null
	wait_until 30 queue_is ord executed 4
	assert_equal "$(queue_get ord max_running)" 1
	assert_equal "$(queue_get ord running)" 0
}

@test "an unbound queue with max_active 2 runs exactly two at once under load" {
	wqctl queue create two --unbound --max-active 2
	wqctl work submit --queue two --sleep 500ms --instances 6 >/dev/null
	wait_until 30 queue_is two executed 6
	assert_equal "$(queue_get two max_running)" 2
}

@test "without a cap, the same load runs more than two at once" {
	wqctl queue create many --unbound
	wqctl work submit --queue many --sleep 1s --instances 6 >/dev/null
	wait_until 30 queue_is many executed 6
	[ "$(queue_get many max_running)" -gt 2 ]
}

@test "queue flush waits for the work already queued" {
	wqctl queue create fq
	id=$(wqctl work submit --queue fq --sleep 1s)
	t0=$(now_ms)
	run wqctl queue flush fq
	assert_success
	t1=$(now_ms)
	# The 1 s sleep was under way: flush took most of it (slack for TCG).
	[ $((t1 - t0)) -ge 500 ]
	assert_equal "$(work_get "$id" state)" done
	assert_equal "$(work_get "$id" runs)" 1
}

@test "queue drain stops periodic items and leaves the queue empty" {
	wqctl queue create dq
	p=$(wqctl work submit --queue dq --period 100ms)
	d=$(wqctl work submit --queue dq --delay 0 --period 100ms)
	wait_until 20 runs_at_least "$p" 2
	wait_until 20 runs_at_least "$d" 2
	run wqctl queue drain dq
	assert_success
	assert_equal "$(work_get "$p" state)" cancelled
	assert_equal "$(work_get "$d" state)" cancelled
	assert_equal "$(queue_get dq running)" 0
	runs=$(work_get "$p" runs)
	sleep 0.5
	assert_equal "$(work_get "$p" runs)" "$runs"
	# The queue takes new work once the drain is over.
	id=$(wqctl work submit --queue dq)
	wait_until 20 state_is "$id" done
}

@test "destroying a queue with live periodic items cancels and frees them" {
	wqctl queue create live
	a=$(wqctl work submit --queue live --period 50ms)
	b=$(wqctl work submit --queue live --delay 0 --period 50ms)
	c=$(wqctl work submit --queue live --sleep 300ms --period 10ms)
	wait_until 20 runs_at_least "$a" 2
	run wqctl queue destroy live
	assert_success
	for id in "$a" "$b" "$c"; do
		run wqctl work show "$id"
		assert_failure 1
	done
	run wqctl queue show live
	assert_failure 1
	assert_equal "$(info_get nr_items)" 0
}

@test "the name of a destroyed queue can be used again" {
	wqctl queue create again
	wqctl queue destroy again
	run wqctl queue create again
	assert_success
}
