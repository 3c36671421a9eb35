#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh: static checks of the kernel code. For every kernel: the W=1
# -Werror build (module.sh) and sparse; then checkpatch --strict.
# Exits 1 if any of them complains.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
ckp=/usr/src/linux-source-6.1/scripts/checkpatch.pl
# checkpatch looks for the codespell dictionary with whatever python3 is
# first in PATH, which need not be Debian's: name it.
dict=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt
rc=0

for kver in $(tests/vm/kernels.sh); do
	echo "lint: $kver: W=1 build"
	tests/vm/module.sh "$kver" || { rc=1; continue; }
	echo "lint: $kver: sparse"
	# C=2 checks every file, also those already built; module.sh's flags
	# keep make from rebuilding them. Only our own files count: kernel
	# headers are not ours to fix.
	out=$repo/build/kmod/$kver
	if ! flock "$out.lock" make -s -C "/lib/modules/$kver/build" \
		M="$out/driver" W=1 KCFLAGS="-Werror -Wframe-larger-than=512" C=2 CHECK=sparse modules \
		>"$out/sparse.log" 2>&1; then
		cat "$out/sparse.log"
		rc=1
	fi
	if grep -F "$out/" "$out/sparse.log" | grep -E ': (warning|error):'; then
		rc=1
	fi
done

echo "lint: checkpatch"
checkpatch() {
	$ckp --strict --no-tree --codespell --codespellfile "$dict" -q "$@" || rc=1
}
checkpatch -f $(ls driver/*.[ch] | grep -v '^driver/compat\.h$')
# The contract puts version differences in compat.h, gated on
# LINUX_VERSION_CODE: right for an out-of-tree module, which checkpatch
# (written for in-tree code) can't know.
checkpatch --ignore LINUX_VERSION_CODE -f driver/compat.h
checkpatch -f uapi/linux/*.h

[ $rc = 0 ] && echo "lint: ok" || echo "lint: FAILED"
exit $rc
