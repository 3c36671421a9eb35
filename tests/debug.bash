# SPDX-License-Identifier: GPL-2.0
#
# debug.bash: the debug-kernel stages that check.sh and check-debug.sh
# share (sourced after tally.bash). The kernel (tests/vm/debug-kernel.sh:
# KASAN, lockdep, ODEBUG, kmemleak, failslab) is built once, then cached;
# then two VMs side by side, which between them run the whole bats suite
# (tests/bats/*.bats) and the fault-injection walks (tests/bats/debug/).
# Each VM ends with a kmemleak scan, counted as a stage of its own, and
# fails on any KASAN, lockdep, ODEBUG or other report in the kernel log.
#
# WQD_DEBUG_TIMEOUT: seconds each VM may take (default 2400).

# debug_build_start: build the kernel in the background, at the lowest
# priority: started while other VMs run, it takes only the time they
# leave idle (their tests sleep a lot), not theirs.
debug_build_start() {
	debug_key=$(tests/vm/debug-kernel.sh --key)
	debug_log=$repo/build/debug-kernel.log
	mkdir -p "$repo/build"
	echo "=== debug kernel ($debug_key): building in the background, log: $debug_log"
	debug_t=$SECONDS
	setsid nice -n 19 tests/vm/debug-kernel.sh >"$debug_log" 2>&1 &
	debug_pid=$!
	# Ended with the VMs if the run is interrupted (tally.bash).
	vm_pid[debug-build]=$debug_pid
}

# debug_build_wait: the build's stage; fails when the kernel is not there.
debug_build_wait() {
	local name="debug kernel ($debug_key)" rc
	echo "=== $name"
	wait "$debug_pid"
	rc=$?
	unset "vm_pid[debug-build]"
	if [ $rc = 0 ]; then
		passed=$((passed + 1))
		summary+=("$name: ok ($((SECONDS - debug_t)) s)")
	else
		cat "$debug_log"
		failed=$((failed + 1))
		summary+=("$name: FAILED ($((SECONDS - debug_t)) s)")
		return 1
	fi
}

# debug_vms_start: the module for the debug kernel, then both VMs.
debug_vms_start() {
	local timeout=${WQD_DEBUG_TIMEOUT:-2400}

	stage "debug: module build" tests/vm/module.sh "debug-$debug_key" \
		"$(tests/vm/debug-kernel.sh)" || return 1
	# The suite in two halves of about the same time, the fault walks
	# with the second: everything runs, in half the time. Here a test
	# costs some 5 s before it starts (bats starts a dozen processes for
	# each), so the halves are balanced by count as well as by length.
	# No --timing: its two date processes cost a second a test here; the
	# normal kernels' timings, about a third of these, do to balance by.
	vm_start debug-1 --debug-kernel --timeout "$timeout" -- \
		bats --tap tests/bats/[1-5]?-*.bats
	vm_start debug-2 --debug-kernel --timeout "$timeout" -- \
		bats --tap tests/bats/00-*.bats tests/bats/[6-9]?-*.bats tests/bats/debug
}

# debug_vms_wait: tally both VMs, kmemleak's verdicts and the fault walks.
debug_vms_wait() {
	local name res line

	for name in debug-1 debug-2; do
		[ -n "${vm_pid[$name]:-}" ] || continue
		vm_wait "$name"
		res=${vm_res[$name]}
		if [ -s "$res/kmemleak" ]; then
			failed=$((failed + 1))
			summary+=("$name: kmemleak FAILED: $(grep -c '^unreferenced object' "$res/kmemleak") leak(s), see $res/kmemleak")
		elif [ -f "$res/kmemleak" ]; then
			passed=$((passed + 1))
			summary+=("$name: kmemleak ok")
		else
			failed=$((failed + 1))
			summary+=("$name: kmemleak FAILED (no scan)")
		fi
		while read -r line; do
			summary+=("    ${line#\# }")
		done < <(grep -s '^# failslab: ' "$res/output")
	done
}
