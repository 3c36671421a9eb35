#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [--smoke] [--timeout SECS] [KVER]: the benchmark (wqd-bench.c) in
# the test VM. Builds the tool and the module for KVER (default: the first
# kernel of tests/vm/kernels.sh), boots KVER with tests/vm/run.sh, runs
# wqd-bench there, prints its table, and leaves its JSON in
# build/bench/KVER.json (build/bench/KVER-smoke.json with --smoke). The
# guest runs wqd-bench from the repo, at the same path.
#
# --smoke: tiny sizes, a minute or two of VM time, for CI; no target is
# checked, but an error (a refused ioctl, lost runs) fails it.
#
# Exit status: wqd-bench's (0 no errors, 1 errors), or run.sh's 2 when the
# kernel or the VM did not behave.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
smoke=
timeout=1200
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=--smoke; timeout=600 ;;
	--timeout) timeout=${2:?}; shift ;;
	-*) sed -n '4,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
kver=${1:-$(tests/vm/kernels.sh | head -n 1)}
[ -n "$kver" ] || { echo "bench: no kernel installed (make deps)" >&2; exit 2; }

make -s tool || exit 2
tests/vm/module.sh "$kver" >/dev/null || exit 2
mkdir -p build/bench "build/vm/$kver"
json=$repo/build/bench/$kver${smoke:+-smoke}.json
rm -f "$json"
# The guest sees the repo read-only: the JSON comes back through the
# results share (/mnt/results in the guest). run.sh builds the module
# again: a no-op, it is up to date.
results=$(mktemp -u "$repo/build/vm/$kver/results-bench-XXXX")
tests/vm/run.sh --kver "$kver" --timeout "$timeout" --results "$results" -- \
	wqd-bench $smoke --json /mnt/results/bench.json
rc=$?
if [ -f "$results/bench.json" ]; then
	cp "$results/bench.json" "$json"
	echo "bench: $kver: $json"
elif [ $rc = 0 ]; then
	echo "bench: $kver: no JSON came back" >&2
	rc=1
fi
exit $rc
