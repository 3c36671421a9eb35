#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [SECONDS]: fuzz wqctl's argument parsing (fuzz_args.c) for
# SECONDS (default 30) with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer; exit non-zero on any crash, leak, sanitizer
# report or broken check, with the input that did it in build/fuzz/.
#
# It compiles wqctl's sources itself, instrumented, every .c of tool/ but
# main()'s and of tool/lib/; nothing of it touches a device. The seed
# corpus, tests/fuzz/corpus/, is only read: what the fuzzer finds goes to
# build/fuzz/corpus/. libFuzzer comes with clang in libclang-rt-14-dev.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
secs=${1:-30}
out=${WQD_FUZZ_OUT:-$repo/build/fuzz}
cc=${CLANG:-clang}

case $secs in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
command -v "$cc" >/dev/null || { echo "fuzz: $cc not found" >&2; exit 1; }

srcs=()
for f in "$repo"/tool/*.c "$repo"/tool/lib/*.c; do
	[ "$(basename "$f")" = wqctl.c ] || srcs+=("$f")
done

mkdir -p "$out/corpus" "$out/artifacts"
echo "fuzz: building $out/fuzz_args"
# shellcheck disable=SC2046 # pkg-config prints several words
"$cc" -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-DWQCTL_VERSION='"fuzz"' -I"$repo/uapi" -I"$repo/tool" \
	$(pkg-config --cflags json-c) \
	"$here/fuzz_args.c" "${srcs[@]}" \
	$(pkg-config --libs json-c) -o "$out/fuzz_args"

echo "fuzz: running for ${secs}s"
# -close_fd_mask=3: the parsers' messages go nowhere; libFuzzer's and the
# sanitizers' reports still come out. -timeout: a hang is a failure too.
rc=0
"$out/fuzz_args" -max_total_time="$secs" -timeout=10 -close_fd_mask=3 \
	-dict="$here/wqctl.dict" -artifact_prefix="$out/artifacts/" \
	-print_final_stats=1 "$out/corpus" "$here/corpus" || rc=$?
if [ $rc != 0 ]; then
	# The run's own stderr was closed: replay the input to show why.
	find "$out/artifacts" -type f -newer "$out/fuzz_args" -print0 |
		while IFS= read -r -d '' f; do
			echo "fuzz: replaying $f" >&2
			"$out/fuzz_args" "$f" 2>&1 | grep -v '^INFO:' | tail -n 40 >&2 || true
		done
	echo "fuzz: FAILED (exit $rc); inputs in $out/artifacts/," \
		"replay one with: $out/fuzz_args FILE" >&2
	exit 1
fi
echo "fuzz: ok"
