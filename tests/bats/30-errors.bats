#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Every refusal the contract names: the errno (as strerror in wqctl's
# message), exit status 1 for a refusal and 2 for a usage error, and that
# nothing was made or lost on the way.

load helpers
load wqd

setup() {
	wqd_setup
}

# The limit test loads the module with small limits: put the defaults back.
teardown() {
	if [ "$(</sys/module/wqdemo/parameters/max_queues)" != 64 ]; then
		rmmod wqdemo
		insmod "$WQD_KO"
	fi
}

# refused STATUS TEXT CMD...: CMD fails with STATUS and says TEXT.
refused() {
	local status=$1 text=$2
	shift 2
	run "$@"
	assert_failure "$status"
	assert_output --partial "$text"
}

@test "unknown ids and names: ENOENT" {
	refused 1 "No such file or directory" wqctl queue show nosuch
	refused 1 "No such file or directory" wqctl queue show 999
	refused 1 "No such file or directory" wqctl work show 424242
	refused 1 "No such file or directory" wqctl work cancel 424242
	refused 1 "No such file or directory" wqctl work submit --queue nosuch
	# ... with a hint that says which.
	refused 1 "No such file or directory (no such queue)" wqctl queue show nosuch
	refused 1 "No such file or directory (no such queue)" wqctl queue destroy 999
	refused 1 "No such file or directory (no such item)" wqctl work show 424242
}

@test "a duplicate queue name: EEXIST" {
	wqctl queue create dup
	refused 1 "File exists" wqctl queue create dup
	refused 1 "File exists" wqctl queue create system
	refused 1 "File exists (a queue named 'dup' exists)" wqctl queue create dup
	assert_equal "$(info_get nr_queues)" 1
}

@test "built-in queues cannot be destroyed, flushed or drained: EPERM" {
	refused 1 "Operation not permitted" wqctl queue destroy system
	refused 1 "Operation not permitted" wqctl queue flush system_unbound
	refused 1 "Operation not permitted" wqctl queue drain 1
	refused 1 "(built-in queues cannot be destroyed)" wqctl queue destroy system
	refused 1 "(built-in queues cannot be flushed)" wqctl queue flush system
	assert_equal "$(queue_get system name)" system
}

@test "bad names: EINVAL or ENAMETOOLONG" {
	refused 1 "File name too long" wqctl queue create abcdefghijklmnopqrst
	refused 1 "Invalid argument" wqctl queue create 'bad name'
	refused 1 "Invalid argument" wqctl work submit --name 'a/b'
	run wqctl queue create abcdefghijklmnopqrs
	assert_success
}

@test "out-of-range arguments: EINVAL" {
	refused 1 "Invalid argument" wqctl work submit --cpu 4096
	refused 1 "Invalid argument" wqctl work submit --busy 3600s
	refused 1 "Invalid argument" wqctl work submit --sleep 11s
	refused 1 "Invalid argument" wqctl work submit --delay 7200s
	refused 1 "Invalid argument" wqctl queue create big --max-active 513
	refused 1 "Invalid argument" wqctl queue create os --ordered --sysfs
	refused 1 "Invalid argument" wqctl queue create lg --legacy --unbound
	assert_nothing_left
}

@test "BH queues: offered from 6.9 on, EOPNOTSUPP before" {
	# By the kernel's version: the module must offer what the kernel has.
	if kernel_has_bh; then
		assert_equal "$(wqctl -j info | jq '.features | index("bh") != null')" true
		run wqctl queue create soft --bh
		assert_success
		# A BH handler runs in softirq context and must not sleep.
		refused 1 "Invalid argument" wqctl work submit --queue soft --sleep 1ms
		refused 1 "Invalid argument" wqctl work submit --queue system_bh --period 1s
		id=$(wqctl work submit --queue soft --busy 100us)
		wait_until 20 state_is "$id" done
		assert_equal "$(work_get "$id" last_pid)" 0
	else
		assert_equal "$(wqctl -j info | jq '.features | index("bh") != null')" false
		refused 1 "Operation not supported" wqctl queue create soft --bh
	fi
}

@test "the queue limit: ENOSPC" {
	rmmod wqdemo
	insmod "$WQD_KO" max_queues=2 max_items=3
	wqctl queue create l1
	wqctl queue create l2
	refused 1 "No space left on device (limit reached: see wqctl info)" wqctl queue create l3
	wqctl work submit --delay 60s --instances 2 >/dev/null
	refused 1 "No space left on device" wqctl work submit --delay 60s --instances 2
	# All or nothing: the refused submit made no item.
	assert_equal "$(info_get nr_items)" 2
}

@test "usage errors exit 2 with a hint" {
	refused 2 "--help" wqctl work submit --bogus
	refused 2 "--help" wqctl nosuchobject
	refused 2 "--help" wqctl work submit --delay 5parsecs
	refused 2 "--help" wqctl queue create
	refused 2 "Try 'wqctl work submit --help'" wqctl work submit --bogus
	refused 2 "'w' is ambiguous: work, watch" wqctl w
}

@test "help at every level, without the device" {
	for cmd in "queue list" "queue create" "queue show" "queue flush" \
		   "queue drain" "queue destroy" "work list" "work submit" \
		   "work show" "work cancel" "work flush" "work mod" info stats \
		   events watch reset demo; do
		# shellcheck disable=SC2086 # one or two words
		run wqctl -D /nonexistent $cmd --help
		assert_success
		assert_line --index 0 --partial "Usage: wqctl $cmd"
		assert_line --regexp '^Examples?:$'
	done
	run wqctl -D /nonexistent work submit -h
	assert_success
	assert_output --partial "--instances N"
}

@test "errors are JSON in JSON mode" {
	run wqctl -j queue show nosuch
	assert_failure 1
	jq -e '.error | length > 0' <<<"$output"
}

@test "a read-only fd may query but not change: EBADF" {
	wqctl queue create ro
	# WQD_IOC_INFO; WQD_IOC_RESET, _QUEUE_CREATE and _QUEUE_DESTROY.
	# shellcheck disable=SC2046 # one word per number
	run wqd-ioctl -r $(ioc 2 0x01 112 0 0x02 0 3 0x10 56 1 0x11 16)
	assert_failure 1
	assert_output $'OK\nEBADF\nEBADF\nEBADF'
	# Nothing changed: the queue is still there.
	assert_equal "$(queue_get ro name)" ro
}

@test "a struct smaller than the ABI's first version: EINVAL" {
	run wqd-ioctl "$(ioc 2 0x01 8)"		# WQD_IOC_INFO, 8 bytes
	assert_output EINVAL
}
