#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: everything `make check` runs. Stages: the tool and its unit
# tests, lint, a bounded fuzz run of the argument parsers, and for every
# kernel of kernels.sh the module build and the bats suite in a VM; then
# the harness selftest on one kernel. Every stage
# runs even when an earlier one failed, so one run shows all that is wrong.
# Ends with one line per stage and kernel and a total: each bats test
# counts once per kernel, each other stage once.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
passed=0
failed=0
summary=()

# stage NAME CMD...: run CMD as one counted stage.
stage() {
	local name=$1
	shift
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
		summary+=("$name: ok")
	else
		failed=$((failed + 1))
		summary+=("$name: FAILED")
	fi
}

# kernel KVER: build the module, then run the bats suite in a VM. Counts
# the build, each TAP result, each test the plan announced that never
# reported (or the whole suite, when it never started), and the VM itself
# when it went wrong (run.sh's status 2).
kernel() {
	local kver=$1 res out rc ok notok plan missing line
	echo "=== $kver: module"
	if ! tests/vm/module.sh "$kver"; then
		failed=$((failed + 1))
		summary+=("$kver: module build FAILED")
		return
	fi
	passed=$((passed + 1))
	echo "=== $kver: bats"
	res=$(mktemp -u "$repo/build/vm/$kver/results-check-XXXX")
	# The suite takes 10-15 min under TCG on 2 cores; run.sh's default
	# 600 s would call it a hang. A real hang still ends at 40 min.
	tests/vm/run.sh --kver "$kver" --results "$res" --timeout 2400 \
		-- bats --tap tests/bats
	rc=$?
	out=$res/output
	[ -f "$out" ] || out=/dev/null
	ok=$(grep -c '^ok ' "$out")
	notok=$(grep -c '^not ok ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$out" | head -n 1)
	missing=$((${plan:-0} - ok - notok))
	[ $missing -gt 0 ] || missing=0
	passed=$((passed + ok))
	failed=$((failed + notok + missing))
	line="$kver: module ok, bats"
	if [ -z "$plan" ]; then
		failed=$((failed + 1))
		line+=" FAILED (never started)"
	elif [ $((notok + missing)) = 0 ]; then
		line+=" ok ($ok tests)"
	else
		line+=" FAILED ($((notok + missing)) of ${plan:-?} tests)"
	fi
	if [ $rc = 2 ]; then
		failed=$((failed + 1))
		line+=", vm FAILED (see the vm: lines above)"
	elif [ $rc != 0 ] && [ -n "$plan" ] && [ $((notok + missing)) = 0 ]; then
		failed=$((failed + 1))
		line+=", but bats failed"
	fi
	summary+=("$line")
}

kernels=$(tests/vm/kernels.sh)
if [ -z "$kernels" ]; then
	failed=$((failed + 1))
	summary+=("no kernel installed: make deps")
fi
stage "tool build" make tool
stage "unit tests" make unit
stage lint tests/lint.sh
stage "fuzz (${FUZZ_SECONDS:-20} s)" tests/fuzz/run.sh "${FUZZ_SECONDS:-20}"
for kver in $kernels; do
	kernel "$kver"
done
first=$(echo "$kernels" | head -n 1)
stage "harness selftest ($first)" tests/vm/selftest.sh "$first"

echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
