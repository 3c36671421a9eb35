# SPDX-License-Identifier: GPL-2.0
#
# What the wqctl-driven tests share: field getters over wqctl's JSON, and
# polling with a deadline. The VM is emulated (TCG) and slow: waits are
# generous and always bounded, so a broken driver fails instead of hanging.

# json_get JSON KEY[.SUBKEY]: a scalar (number, string, bool, null) of a
# JSON object, read with bash's own regex. Here jq takes a second just to
# start (the VM is emulated), and tests read hundreds of fields.
json_get() {
	local val='(-?[0-9]+|"[^"]*"|true|false|null)'
	local re="\"${2%%.*}\": *$val"
	[[ $2 != *.* ]] || re="\"${2%%.*}\": *\\{[^}]*\"${2#*.}\": *$val"
	[[ $1 =~ $re ]] || return 1
	val=${BASH_REMATCH[1]}
	val=${val#\"}
	echo "${val%\"}"
}

# work_get ITEM FIELD: one field of `wqctl -j work show`.
work_get() {
	json_get "$(wqctl -j work show "$1")" "$2"
}

# queue_get Q FIELD: one field of `wqctl -j queue show`.
queue_get() {
	json_get "$(wqctl -j queue show "$1")" "$2"
}

# info_get FIELD: one field of `wqctl -j info`.
info_get() {
	json_get "$(wqctl -j info)" "$1"
}

# assert_nothing_left: no item and no user queue is listed.
assert_nothing_left() {
	local info
	info=$(wqctl -j info)
	assert_equal "items $(json_get "$info" nr_items), queues $(json_get "$info" nr_queues)" \
		"items 0, queues 0"
}

# queue_is Q FIELD VALUE
queue_is() {
	[ "$(queue_get "$1" "$2")" = "$3" ]
}

# wait_until SECONDS CMD...: poll CMD every 50 ms until it succeeds; fail
# (status 1) when SECONDS pass first.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.05
	done
}

# state_is ITEM STATE
state_is() {
	[ "$(work_get "$1" state)" = "$2" ]
}

# runs_at_least ITEM N
runs_at_least() {
	[ "$(work_get "$1" runs)" -ge "$2" ]
}

# now_ms: CLOCK_MONOTONIC-ish wall time in milliseconds, for durations.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# ioc DIR NR SIZE...: the ioctl numbers, space-separated, of each triple
# in wqdemo's block (DIR: 0 none, 1 write, 2 read, 3 both), as
# <asm-generic/ioctl.h> builds them.
ioc() {
	local nums=() num
	while [ $# -ge 3 ]; do
		printf -v num '0x%x' $((($1 << 30) | ($3 << 16) | (0xE7 << 8) | $2))
		nums+=("$num")
		shift 3
	done
	echo "${nums[*]}"
}

# kernel_has_bh: the running kernel has BH workqueues (WQ_BH, system_bh_wq),
# which came with Linux 6.9. Known from its version, never from the
# module's own feature bit: a module that lost BH where the kernel has it
# must fail the BH tests, not skip them.
kernel_has_bh() {
	local v major minor
	v=$(uname -r)
	major=${v%%.*}
	v=${v#*.}
	minor=${v%%[!0-9]*}
	((major > 6 || (major == 6 && minor >= 9)))
}

# Every test starts from a clean module: no item, no user queue.
wqd_setup() {
	trace_test_lines
	wqctl reset
}
