#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Reliability: each test is named after a defect the module once had, and
# fails on a module that has it (on the debug kernel, where it is a
# memory error, KASAN's report fails the VM). Teardown that waits for one
# item at a time; a wait no signal ends; the system queues filled by one
# user; a CPU going offline under a pinned item; lateness bookkeeping that
# believed a queue call which queued nothing, or a timer fired early; a
# flush that waited out a period; names and limits checked after the
# allocation; a report that could be seeked; an unbounded log.

load helpers
load wqd

setup() {
	wqd_setup
}

teardown() {
	if [ -e /sys/devices/system/cpu/cpu1/online ]; then
		echo 1 >/sys/devices/system/cpu/cpu1/online
	fi
	ensure_loaded
	if [ -n "${reloaded:-}" ]; then
		wqctl reset
		rmmod wqdemo
		insmod "$WQD_KO"
	fi
}

# reload ARGS...: the module again, with these parameters; the teardown
# loads it with its defaults.
reload() {
	wqctl reset
	rmmod wqdemo
	insmod "$WQD_KO" "$@"
	reloaded=1
}

# no_items: the module lists no item, and no run of one it freed still
# holds a worker.
no_items() {
	local info
	info=$(wqctl -j info)
	[ "$(json_get "$info" nr_items) $(json_get "$info" nr_holders)" = "0 0" ]
}

# jiffy_ns: one tick, from the module's HZ.
jiffy_ns() {
	echo $((1000000000 / $(info_get hz)))
}

@test "reset racing queue create and destroy frees no queue under it" {
	run wqd-race reset -t 10 -p 4
	echo "$output" | sed 's/^/# /' >&3
	assert_success
	assert_line 'race: ok'
}

@test "limits hit by many processes at once: exactly the limit, ENOSPC past it" {
	reload max_items=48 max_queues=6 max_holders=10 max_builtin_holders=3
	run wqd-race limits -p 8
	echo "$output" | sed 's/^/# /' >&3
	assert_success
	assert_line 'race: ok'
}

@test "a mod racing the last run of a counted item adds no run past the count" {
	run wqd-race count -t 10 -p 4
	echo "$output" | sed 's/^/# /' >&3
	assert_success
	assert_line 'race: ok'
}

@test "destroy of out-of-phase long payloads takes one payload, not several" {
	# Payloads of 3 s that start 150 ms apart: a teardown that stopped and
	# waited for one item at a time let the others run on and re-arm,
	# and took three payloads or more (8.9 s measured for 30 items).
	wqctl queue create slow --max-active 256
	for i in $(seq 16); do
		wqctl work submit --queue slow --delay 0 --period 100ms --sleep 3s >/dev/null
		sleep 0.15
	done
	wait_until 20 queue_is slow running 16
	t0=$(now_ms)
	wqctl queue destroy slow
	took=$(($(now_ms) - t0))
	echo "# destroy took $took ms (one payload: 3000 ms)" >&3
	# One payload and a half: the VM is emulated and slow.
	[ "$took" -lt 4500 ]
	assert_nothing_left
}

# killed_wait CMD...: start CMD in the background once the slow items are
# running, SIGKILL it half a second later; print how long it took to die.
killed_wait() {
	"$@" &
	pid=$!
	sleep 0.5
	t0=$(now_ms)
	kill -KILL $pid
	wait $pid || true
	echo $(($(now_ms) - t0))
}

@test "a destroy waiting for long payloads ends on SIGKILL; the teardown finishes" {
	wqctl queue create long
	wqctl work submit --queue long --sleep 10s --instances 4 >/dev/null
	wait_until 20 queue_is long running 4
	took=$(killed_wait wqctl queue destroy long)
	echo "# the killed destroy ended $took ms after SIGKILL" >&3
	# An uninterruptible wait would have lasted until the payloads ended.
	[ "$took" -lt 3000 ]
	# The queue is gone at once, its items once their runs end.
	run wqctl queue show long
	assert_failure 1
	wait_until 30 no_items
	# And nothing of it is left to trip the unload.
	rmmod wqdemo
	insmod "$WQD_KO"
}

@test "an owned submit killed during long payloads dies at once" {
	wqctl work submit --owned --sleep 10s --instances 4 --queue system_long \
		>"$BATS_TEST_TMPDIR/ids" &
	pid=$!
	wait_until 20 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/ids') = 4 ]"
	wait_until 20 queue_is system_long running 4
	t0=$(now_ms)
	kill -KILL $pid
	wait $pid || true
	took=$(($(now_ms) - t0))
	echo "# the owned submit died $took ms after SIGKILL" >&3
	[ "$took" -lt 3000 ]
	wait_until 30 no_items
}

@test "a reset waiting for long payloads ends on SIGKILL" {
	wqctl queue create long2
	wqctl work submit --queue long2 --sleep 10s --instances 3 >/dev/null
	wait_until 20 queue_is long2 running 3
	took=$(killed_wait wqctl reset)
	echo "# the killed reset ended $took ms after SIGKILL" >&3
	[ "$took" -lt 3000 ]
	wait_until 30 no_items
}

@test "built-in queues cannot be monopolised: holders past the limit are refused" {
	max=$(info_get max_builtin_holders)
	assert_equal "$max" 4
	# Asleep in their handlers for an hour, on CPU 0 of system_wq.
	run wqctl work submit --queue system --cpu 0 --period 3600s --instances $((max + 1))
	assert_failure 1
	assert_output --partial 'No space left on device'
	assert_equal "$(info_get nr_holders)" 0
	run wqctl work submit --queue system --cpu 0 --period 3600s --instances "$max"
	assert_success
	mapfile -t held <<<"$output"
	assert_equal "$(queue_get system holders)" "$max"
	# One more is refused, there and for a payload; other queues still take them.
	run wqctl work submit --queue system --cpu 0 --period 3600s
	assert_failure 1
	run wqctl work submit --queue system --sleep 10ms
	assert_failure 1
	run wqctl work submit --queue system_highpri --cpu 0 --period 3600s
	assert_success
	# A plain item that holds nothing still runs at once on that CPU.
	id=$(wqctl work submit --queue system --cpu 0)
	wait_until 2 state_is "$id" done
	# A holder that ends gives its place back.
	wqctl work cancel "${held[0]}"
	run wqctl work submit --queue system --cpu 0 --period 3600s
	assert_success
}

@test "holders on all queues together are bounded by max_holders" {
	reload max_holders=5 max_builtin_holders=2
	wqctl queue create mine
	run wqctl work submit --queue mine --period 3600s --instances 6
	assert_failure 1
	wqctl work submit --queue mine --period 3600s --instances 4 >/dev/null
	run wqctl work submit --queue system --busy 1ms --count 1 --instances 2
	assert_failure 1
	# Armed an hour away, a payload holds its place from the submit on.
	run wqctl work submit --queue system --sleep 1ms --delay 3600s
	assert_success
	assert_equal "$(info_get nr_holders)" 5
	# Items that hold nothing are not counted.
	wqctl work submit --queue mine --delay 3600s >/dev/null
	wqctl work submit --queue mine --delay 0 --period 3600s >/dev/null
}

@test "stopped holders keep their slots until their runs end" {
	# A slot given back at the cancel, while the payload ran on, let a
	# loop of submit and async cancel put 40 sleepers on system's CPU 0.
	max=$(info_get max_builtin_holders)
	for i in $(seq "$max"); do
		id=$(wqctl work submit --queue system --cpu 0 --sleep 8s)
		wait_until 20 state_is "$id" running
		wqctl work cancel --async "$id"
	done
	run wqctl work submit --queue system --cpu 0 --sleep 8s
	assert_failure 1
	assert_output --partial 'No space left on device'
	assert_equal "$(queue_get system holders)" "$max"
	# Their runs end, their slots come back.
	wait_until 20 queue_is system holders 0
	run wqctl work submit --queue system --cpu 0 --sleep 1ms
	assert_success
}

@test "a drain fires a timer a mod armed on a running item" {
	# The drain fired only the timers of pending items: this one fired
	# during drain_workqueue(), the kernel warned, and the item could
	# never be cancelled again.
	wqctl queue create dm
	id=$(wqctl work submit --queue dm --delay 0 --period 1s --busy 2s)
	wait_until 20 state_is "$id" running
	wqctl work mod "$id" --delay 300ms
	wqctl queue drain dm
	assert_equal "$(work_get "$id" state)" cancelled
	wqctl queue destroy dm
	assert_nothing_left
}

@test "concurrent flushes of an item and of its queue each end at once" {
	# One flush's end once unparked the item under the other, whose
	# flush_workqueue() then waited out the whole 5 s period.
	wqctl queue create cf
	id=$(wqctl work submit --queue cf --period 5s --sleep 50ms)
	for round in 1 2 3; do
		wait_until 20 state_is "$id" idle
		t0=$(now_ms)
		wqctl work flush "$id" &
		wqctl queue flush cf
		wait $!
		took=$(($(now_ms) - t0))
		echo "# round $round: both flushes took $took ms" >&3
		[ "$took" -lt 2000 ]
	done
}

@test "a pinned item whose CPU goes offline stops, in state offline" {
	[ -e /sys/devices/system/cpu/cpu1/online ]
	d=$(wqctl work submit --cpu 1 --delay 0 --period 100ms)
	p=$(wqctl work submit --cpu 1 --period 100ms)
	a=$(wqctl work submit --cpu 1 --delay 60s)
	free=$(wqctl work submit --delay 0 --period 100ms)
	wait_until 20 runs_at_least "$d" 3
	wait_until 20 runs_at_least "$p" 3
	echo 0 >/sys/devices/system/cpu/cpu1/online
	for id in "$d" "$p" "$a"; do
		wait_until 10 state_is "$id" offline
	done
	runs=$(work_get "$d" runs)
	sleep 1
	assert_equal "$(work_get "$d" runs)" "$runs"
	# Nothing can be queued on it while it is gone.
	run wqctl work submit --cpu 1
	assert_failure 1
	run wqctl work mod "$a" --delay 1s
	assert_failure 1
	# The unpinned item goes on.
	r=$(work_get "$free" runs)
	wait_until 20 runs_at_least "$free" $((r + 3))
	echo 1 >/sys/devices/system/cpu/cpu1/online
	id=$(wqctl work submit --cpu 1)
	wait_until 20 state_is "$id" done
	assert_equal "$(work_get "$id" last_cpu)" 1
}

@test "CPU hotplug during runs: pinned items stop, the others run on" {
	[ -e /sys/devices/system/cpu/cpu1/online ]
	wqctl queue create hp --unbound
	wqctl queue create pc
	ids=()
	for q in system pc hp; do
		ids+=("$(wqctl work submit --queue $q --delay 0 --period 30ms)")
		ids+=("$(wqctl work submit --queue $q --delay 0 --period 50ms --busy 2ms)")
	done
	pinned=()
	for cpu in 0 1; do
		pinned+=("$(wqctl work submit --queue pc --cpu $cpu --delay 0 --period 20ms --sleep 5ms)")
		pinned+=("$(wqctl work submit --queue pc --cpu $cpu --period 40ms)")
	done
	for round in 1 2 3 4 5; do
		echo 0 >/sys/devices/system/cpu/cpu1/online
		sleep 0.3
		echo 1 >/sys/devices/system/cpu/cpu1/online
		sleep 0.3
	done
	for id in "${pinned[@]:2}"; do
		assert_equal "$(work_get "$id" state)" offline
	done
	# Everything else still runs: a few more runs each.
	for id in "${ids[@]}" "${pinned[@]:0:2}"; do
		r=$(work_get "$id" runs)
		wait_until 20 runs_at_least "$id" $((r + 2))
	done
	wqctl reset
	assert_nothing_left
}

@test "lateness: a flush fires an armed timer, and lateness counts from the flush" {
	# The intended start once stayed at the timer's, 10 s on: -9.6 s.
	id=$(wqctl work submit --delay 10s)
	sleep 0.2
	wqctl work flush "$id"
	assert_equal "$(work_get "$id" state)" done
	min=$(work_get "$id" lateness_ns.min)
	echo "# lateness after the flush: $min ns" >&3
	[ "$min" -ge "-$(jiffy_ns)" ]
	[ "$min" -lt 1000000000 ]
}

@test "lateness: a mod of a running item keeps its due time, and counts once" {
	# The handler ends, tries to re-arm and finds the mod's timer armed:
	# that queued nothing, and moved nothing.
	# Busy for 3 s: the mod must land in the run, on the debug kernel too.
	wqctl queue create lq
	id=$(wqctl work submit --queue lq --delay 0 --period 500ms --busy 3s)
	wait_until 20 state_is "$id" running
	run wqctl work mod "$id" --delay 5s
	assert_output --partial '(was not pending)'
	wait_until 20 runs_at_least "$id" 1
	# Submit, then mod: two queueings; the failed re-arm is not one.
	assert_equal "$(queue_get lq queued)" 2
	wait_until 20 runs_at_least "$id" 2
	wqctl work cancel "$id"
	max=$(work_get "$id" lateness_ns.max)
	echo "# largest lateness: $max ns" >&3
	# Measured from the mod's due time: the wheel's rounding of 5 s
	# (64 jiffies at HZ=250) and the VM, not the 1.8 s between the run's
	# end + 500 ms and the mod's timer.
	[ "$max" -lt 700000000 ]
}

@test "queue create --sysfs of a name in use: EEXIST, and no sysfs splat" {
	wqctl queue create dup --sysfs
	run wqctl queue create dup --sysfs
	assert_failure 1
	assert_output --partial "File exists (a queue named 'dup' exists)"
	run dmesg
	refute_output --partial 'duplicate filename'
	# Past max_queues, nothing is made either.
	reload max_queues=1
	wqctl queue create one --sysfs
	run wqctl queue create two --sysfs
	assert_failure 1
	assert_output --partial 'No space left on device'
	[ ! -e /sys/devices/virtual/workqueue/wqd_two ]
}

@test "a flush of a plain periodic item ends its period sleep" {
	# It once waited out the 5 s period the handler sleeps inside its run.
	id=$(wqctl work submit --period 5s)
	wait_until 20 state_is "$id" idle
	t0=$(now_ms)
	wqctl work flush "$id"
	took=$(($(now_ms) - t0))
	echo "# the flush took $took ms" >&3
	[ "$took" -lt 2000 ]
	# The next run comes at once, not 5 s on.
	wait_until 2 runs_at_least "$id" 2
}

@test "a queue flush ends every plain periodic item's period sleep" {
	wqctl queue create fq
	for i in 1 2 3; do
		wqctl work submit --queue fq --period 5s >/dev/null
	done
	wait_until 20 queue_is fq running 3
	t0=$(now_ms)
	wqctl queue flush fq
	took=$(($(now_ms) - t0))
	echo "# the queue flush took $took ms" >&3
	[ "$took" -lt 2000 ]
	wait_until 3 queue_is fq executed 6
}

@test "freezable queues refuse plain periodic items, which would block suspend" {
	wqctl queue create fz --freezable
	for q in fz system_freezable; do
		run wqctl work submit --queue $q --period 1s
		assert_failure 1
		assert_output --partial 'Invalid argument'
		run wqctl work submit --queue $q --delay 0 --period 1s --count 2
		assert_success
	done
}

@test "a drain is refused while a calibration runs on the queue" {
	# On a BH queue the calibration re-queues from softirq context, which
	# the drain took for foreign work: the kernel warned, and panicked here.
	flags=
	if kernel_has_bh; then
		flags=--bh
	fi
	q=$(wqctl queue create cal $flags)
	run wqd-race calibrate "$q"
	echo "$output" | sed 's/^/# /' >&3
	assert_success
	assert_line 'race: ok'
}

@test "the report cannot be seeked: no walk of every object to a far offset" {
	run perl -e 'open(my $f, "<", "/dev/wqdemo") or die "$!";
		sysseek($f, 2 ** 40, 0) and die "seeked";
		print "$!\n"'
	assert_success
	assert_output 'Illegal seek'
	# A plain read still gives the whole report.
	wqctl queue create shown
	run cat /dev/wqdemo
	assert_output --partial ' shown '
}

@test "log_runs is rate-limited: 2000 runs do not flood the log" {
	echo 1 >/sys/module/wqdemo/parameters/log_runs
	dmesg -C
	id=$(wqctl work submit --name flood --count 2000)
	wait_until 60 state_is "$id" done
	echo 0 >/sys/module/wqdemo/parameters/log_runs
	n=$(dmesg | grep -c 'work_func, flood:')
	echo "# $n of 2000 runs logged" >&3
	[ "$n" -ge 1 ]
	[ "$n" -le 100 ]
}

@test "last_pid is numbered in the reader's pid namespace" {
	id=$(wqctl work submit)
	wait_until 20 state_is "$id" done
	[ "$(work_get "$id" last_pid)" -gt 0 ]
	# A worker is not in a new namespace: it has no pid there.
	run unshare --pid --fork --mount-proc wqctl -j work show "$id"
	assert_success
	assert_equal "$(json_get "$output" last_pid)" 0
}
