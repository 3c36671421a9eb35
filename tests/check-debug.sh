#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-debug.sh: the debug-kernel part of `make check` alone (`make
# check-debug`): the kernel, built once and then cached, the module, and
# two VMs, the bats suite and the fault-injection walks (debug.bash). The
# counting and the summary are tally.bash's.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
. tests/tally.bash
. tests/debug.bash

stage "tool build" make tool
debug_build_start
if debug_build_wait && debug_vms_start; then
	debug_vms_wait
fi
tally_end
