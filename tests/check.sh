#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: everything `make check` runs. Stages: the tool and its unit
# tests, the host's own tests (tests/host: the kernel picking, the
# Makefile's order, the counting and the bats suite's shape), lint, a
# bounded fuzz run of the argument parsers; the module build and the bats
# suite in a VM for every kernel of kernels.sh, which must list one of
# each line (6.1 and 6.12); the Debian packages, built and then
# installed in a VM per kernel; the debug kernel's VMs (debug.bash); the
# harness selftest and `make bench` in its smoke size on one kernel. The
# counting and the summary are tally.bash's.
#
# The machines this runs on have two cores, and a VM spends most of its
# time in one emulated CPU, starting processes or asleep in a test: so
# the VMs run two at a time, and the debug kernel builds at the lowest
# priority from the start, in the time the others leave idle. Each VM's
# output is kept apart and printed once it is done.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
. tests/tally.bash
. tests/debug.bash

kernels=$(tests/vm/kernels.sh)
require_kernel_lines "$kernels"
first=$(echo "$kernels" | head -n 1)

stage "tool build" make tool
debug_build_start
stage "unit tests" make unit
stage "host tests" bats --tap tests/host
stage lint tests/lint.sh
stage "fuzz (${FUZZ_SECONDS:-20} s)" tests/fuzz/run.sh "${FUZZ_SECONDS:-20}"

for kver in $kernels; do
	stage "$kver: module" tests/vm/module.sh "$kver" || continue
	# About 8 min under TCG; a real hang ends at 40.
	vm_start "$kver" --kver "$kver" --timeout 2400 -- bats --tap --timing tests/bats
done
for kver in $kernels; do
	[ -z "${vm_pid[$kver]:-}" ] || vm_wait "$kver"
done

# The Debian packages, built and linted once, then installed, used and
# purged in a VM per kernel (tests/bats/packages). Those VMs compile and
# time nothing: they run beside the debug kernel's build.
if stage "packages: make deb, lintian" make deb; then
	for kver in $kernels; do
		vm_start "packages-$kver" --kver "$kver" --no-load --timeout 1200 -- \
			bats --tap --timing tests/bats/packages
	done
fi
debug_build_wait
built=$?
for kver in $kernels; do
	[ -z "${vm_pid[packages-$kver]:-}" ] || vm_wait "packages-$kver"
done

[ $built != 0 ] || debug_vms_start
# Short, and mostly waiting: beside the debug VMs.
stage "harness selftest ($first)" tests/vm/selftest.sh "$first"
stage "bench smoke ($first)" tests/bench/run.sh --smoke "$first"
debug_vms_wait

tally_end
