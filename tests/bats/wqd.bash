# SPDX-License-Identifier: GPL-2.0
#
# What the wqctl-driven tests share: field getters over wqctl's JSON, and
# polling with a deadline. The VM is emulated (TCG) and slow: waits are
# generous and always bounded, so a broken driver fails instead of hanging.

# work_get ITEM FIELD: one field of `wqctl -j work show` (a jq path).
work_get() {
	wqctl -j work show "$1" | jq -r ".$2"
}

# queue_get Q FIELD: one field of `wqctl -j queue show`.
queue_get() {
	wqctl -j queue show "$1" | jq -r ".$2"
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

# Every test starts from a clean module: no item, no user queue.
wqd_setup() {
	wqctl reset
}
