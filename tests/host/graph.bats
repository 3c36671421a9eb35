#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# tests/graph.sh --check: the tool's includes have no loop, and a loop,
# made in a scratch copy of the tree, is caught and named.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

setup() {
	repo=$BATS_TEST_DIRNAME/../..
}

@test "tool/ has no include loop" {
	run --separate-stderr "$repo/tests/graph.sh" --check
	assert_success
	assert_equal "$stderr" ""
}

@test "a unit that includes its includer is a loop, and named" {
	w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w/tests" "$w/tool/lib"
	cp "$repo/tests/graph.sh" "$w/tests/"
	printf '#include "b.h"\n' >"$w/tool/a.c"
	printf '#include "lib/c.h"\n' >"$w/tool/b.c"
	printf '#include "../a.h"\n' >"$w/tool/lib/c.c"
	touch "$w/tool/a.h" "$w/tool/b.h" "$w/tool/lib/c.h"
	git -C "$w" init -q
	run --separate-stderr "$w/tests/graph.sh" --check
	assert_failure
	[[ "$stderr" == "graph: include loop in tool/: "* ]] || fail "stderr: $stderr"
	for u in tool/a tool/b tool/lib/c; do
		[[ "$stderr" == *"$u"* ]] || fail "$u is not named: $stderr"
	done
}
