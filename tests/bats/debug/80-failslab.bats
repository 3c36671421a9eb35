#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failures, on the debug kernel only (make check-debug; this
# folder is not part of `bats tests/bats`). For each path (queue create,
# work submit of 3 instances, 3 bare submits, event stream open),
# wqd-failnth fails the call's 1st allocation, then its 2nd, and so on,
# with the kernel's per-task fail-nth, until the call succeeds without
# reaching the fault; then again in sticky mode, where the N-th and
# every later allocation of the call fail. Each failure must give ENOMEM
# and leave nothing behind: the helper compares the module's totals, its
# lists and the fd table around the call, and wqctl must see the same
# totals, queues and items after the walk. At the end kmemleak must find
# nothing.
#
# Each walk's tally goes to the TAP output as a comment:
#   # failslab: PATH: N fault points: E failed the call, A absorbed
# ("absorbed": the allocation failed but the call did without it, as
# kmemleak and debugobjects do for their own bookkeeping, or the xarray
# by retrying).

load ../helpers
load ../wqd

fs=/sys/kernel/debug/failslab
fpa=/sys/kernel/debug/fail_page_alloc
# A call that makes more allocations than this is a runaway loop.
max_points=3000

# The fault injection this file needs: the debug kernel's.
have_failslab() {
	[ -e /proc/self/fail-nth ] || return 1
	[ -d $fs ]
}

setup_file() {
	have_failslab || return 0
	# Sleeping allocations too: GFP_KERNEL is what the module uses. Faults
	# are logged one line each (rate-limited), without a stack trace:
	# hundreds of them would flood the console.
	echo N >$fs/ignore-gfp-wait
	echo 1 >$fs/verbose
	# Sticky walks: every allocation of a task with make-it-fail set fails
	# once its fail-nth has counted down. No other task sets it. The task
	# filter goes first: probability 100 without it fails every task.
	echo Y >$fs/task-filter
	echo 1 >$fs/interval
	echo -1 >$fs/times
	echo 100 >$fs/probability
	# The page allocator's fault points, off but for the walk that wants
	# them: a slab that grows would add one now and then, at random.
	[ ! -d $fpa ] || echo 11 >$fpa/min-order
}

teardown_file() {
	[ -d $fs ] || return 0
	# The kernel's defaults, probability first (as above).
	echo 0 >$fs/probability
	echo N >$fs/task-filter
	echo 1 >$fs/times
	echo 2 >$fs/verbose
	echo Y >$fs/ignore-gfp-wait
	[ ! -d $fpa ] || { echo Y >$fpa/ignore-gfp-wait; echo 1 >$fpa/min-order; }
}

setup() {
	have_failslab ||
		skip "needs CONFIG_FAULT_INJECTION and CONFIG_FAILSLAB (the debug kernel)"
	wqd_setup
}

# The module's totals as wqctl sees them.
wqctl_totals() {
	local info
	info=$(wqctl -j info) || return 1
	echo "queues $(json_get "$info" nr_queues) items $(json_get "$info" nr_items)"
}

# ... and its queues and items.
wqctl_view() {
	wqctl_totals || return 1
	wqctl -j queue list | grep -o '"name": *"[^"]*"' | tr '\n' ' '
	echo
	wqctl -j work list | grep -o '"id": *[0-9]*' | tr '\n' ' '
	echo
}

# fault_walk [-s] LABEL ARGS...: wqd-failnth [-s] N ARGS for N = 1, 2, ...
# until the call succeeds without reaching its N-th fault point. Fails on
# a helper that finds the state changed, an errno other than ENOMEM, a
# call that fails without a fault, or wqctl seeing anything new. The
# helper compares the module's totals, lists and fds around each call;
# wqctl, slow to start here (TCG, KASAN), looks once, after the walk.
fault_walk() {
	local sticky= label n=0 failed=0 absorbed=0 out want
	if [ "$1" = -s ]; then
		sticky=-s
		shift
	fi
	label="$1${sticky:+ (sticky)}"
	shift
	want=$(wqctl_view)
	while :; do
		n=$((n + 1))
		if [ $n -gt $max_points ]; then
			echo "$label: more than $max_points fault points"
			return 1
		fi
		out=$(wqd-failnth $sticky "$n" "$@") || {
			echo "$label: fault point $n: ${out:-the helper failed}"
			return 1
		}
		case $out in
		"OK miss clean") break ;;
		"OK hit clean")
			absorbed=$((absorbed + 1))
			continue
			;;
		"ENOMEM hit clean") failed=$((failed + 1)) ;;
		*)
			echo "$label: fault point $n: unexpected: $out"
			return 1
			;;
		esac
	done
	if [ "$(wqctl_view)" != "$want" ]; then
		echo "$label: wqctl sees a change after the walk:"
		diff <(echo "$want") <(wqctl_view)
		return 1
	fi
	n=$((n - 1))
	echo "# failslab: $label: $n fault points: $failed failed the call, $absorbed absorbed" >&3
	# A call with no fault point at all would prove nothing.
	[ $failed -gt 0 ] || { echo "$label: no fault point failed the call"; return 1; }
}

@test "queue create (alloc_workqueue) cleans up after every failed allocation" {
	fault_walk "create alloc" create fsq 0 0 0
	fault_walk -s "create alloc" create fsq 0 0 0
}

@test "queue create of an unbound, sysfs, mem_reclaim queue cleans up after each" {
	# WQ_UNBOUND | WQ_SYSFS | WQ_MEM_RECLAIM: attrs, a device, a rescuer.
	fault_walk "create unbound,sysfs,mem_reclaim" create fsq 0 0x31 0
	fault_walk -s "create unbound,sysfs,mem_reclaim" create fsq 0 0x31 0
	# Neither the sysfs directory nor the rescuer thread survives.
	[ ! -e /sys/devices/virtual/workqueue/wqd_fsq ]
	run pgrep -x wqd_fsq
	assert_failure
}

@test "queue create of an ordered queue cleans up after every failed allocation" {
	fault_walk "create ordered" create fsq 3 0 0
	fault_walk -s "create ordered" create fsq 3 0 0
}

@test "work submit --instances 3 cleans up after every failed allocation" {
	q=$(wqctl queue create fsub)
	fault_walk "submit x3" submit "$q" 3
	fault_walk -s "submit x3" submit "$q" 3
	assert_equal "$(queue_get fsub items)" 0
}

@test "bare submits (calibrate) free every bare item after each failed allocation" {
	# Items an hour away on the queue: kmemleak would see one left behind,
	# debugobjects one freed with its timer still armed.
	q=$(wqctl queue create fbare)
	fault_walk "bare submits x3" bare "$q" 3
	fault_walk -s "bare submits x3" bare "$q" 3
	wqctl queue destroy fbare
}

@test "events open cleans up after every failed allocation" {
	before=$(wqd-failnth readers)
	fault_walk "events ring 16" events 16
	fault_walk -s "events ring 16" events 16
	fault_walk "events default ring" events 0
	fault_walk -s "events default ring" events 0
	# A reader left listed would take a slot until the module goes.
	assert_equal "$(wqd-failnth readers)" "$before"
}

@test "events open with a default ring survives its page allocation failing" {
	# The default ring (256 KiB) is kvzalloc'd: the page allocator, not a
	# slab, then vmalloc when that fails. Page allocations count as fault
	# points too for this walk, but for order 0 (page tables and the like).
	[ -d $fpa ] || skip "needs CONFIG_FAIL_PAGE_ALLOC"
	echo N >$fpa/ignore-gfp-wait
	echo 1 >$fpa/min-order
	before=$(wqd-failnth readers)
	fault_walk "events default ring, pages too" events 0
	fault_walk -s "events default ring, pages too" events 0
	echo Y >$fpa/ignore-gfp-wait
	echo 11 >$fpa/min-order
	assert_equal "$(wqd-failnth readers)" "$before"
}

@test "a submit past max_items is refused before its first allocation" {
	# The limit once came after the items were made: 65,536 of them, for
	# a submit that could only fail. Its first fault point is not reached.
	wqctl reset
	rmmod wqdemo
	insmod "$WQD_KO" max_items=3
	q=$(wqctl queue create flim)
	wqctl work submit --queue flim --delay 60s --instances 3 >/dev/null
	run wqd-failnth 1 submit "$q" 3
	rmmod wqdemo
	insmod "$WQD_KO"
	assert_output "ENOSPC miss clean"
}

@test "kmemleak finds no leak after the fault walks" {
	kml=/sys/kernel/debug/kmemleak
	[ -e $kml ] || skip "no kmemleak"
	wqctl reset
	# Objects are reported once older than 5 s, and unchanged since the
	# scan before.
	echo scan >$kml
	sleep 5
	echo scan >$kml
	run cat $kml
	assert_output ""
}
