#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftest.sh [KVER]: prove that run.sh fails when it must. A harness that
# lets a panic, a hang or a kernel warning pass would make every green run
# meaningless. Each case boots a VM without the module (so this tests the
# harness, not the driver) and checks run.sh's exit status: 1 when the
# command failed, 2 when the kernel or the VM misbehaved, 0 when all is
# well. One line per case; exits 1 if run.sh got any case wrong.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kver=${1:-$("$here/kernels.sh" | head -n 1)}
logs=$repo/build/vm/$kver
mkdir -p "$logs"
missed=0
n=0

# expect STATUS NAME TIMEOUT CMD: run CMD in the VM, want run.sh's STATUS.
expect() {
	local want=$1 name=$2 timeout=$3 got
	shift 3
	n=$((n + 1))
	"$here/run.sh" --kver "$kver" --no-load --timeout "$timeout" -- "$@" \
		>"$logs/selftest-$n.log" 2>&1
	got=$?
	if [ "$got" = "$want" ]; then
		echo "selftest: $name: ok (exit $got)"
	else
		echo "selftest: $name: MISSED (exit $got, want $want), log:"
		tail -n 20 "$logs/selftest-$n.log" | sed 's/^/    /'
		missed=1
	fi
}

expect 1 "a failing bats test fails the run" 120 bats --tap tests/vm/selftest
expect 2 "a kernel crash is caught" 120 \
	'echo 1 >/proc/sys/kernel/sysrq; echo c >/proc/sysrq-trigger'
expect 2 "a hung guest is caught" 20 sleep 1000
expect 2 "a WARNING in dmesg is caught" 120 'echo "WARNING: selftest" >/dev/kmsg'
expect 2 "a process left running is caught" 120 'sleep 1000 &'
expect 0 "a passing command passes" 120 true

# A kernel that crashes in its own boot (here: no init to run) is booted
# once more, and a second crash fails the run.
n=$((n + 1))
"$here/run.sh" --kver "$kver" --no-load --timeout 120 --append rdinit=/nonexistent \
	-- true >"$logs/selftest-$n.log" 2>&1
got=$?
again=$(grep -c 'booting it again' "$logs/selftest-$n.log")
if [ "$got" = 2 ] && [ "$again" = 1 ]; then
	echo "selftest: a crash in the kernel's own boot is retried once: ok (exit 2)"
else
	echo "selftest: a crash in the kernel's own boot is retried once: MISSED" \
		"(exit $got, want 2; $again retries, want 1), log:"
	tail -n 20 "$logs/selftest-$n.log" | sed 's/^/    /'
	missed=1
fi
exit $missed
