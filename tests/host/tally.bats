#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# tally.bash, the counting of `make check`, on made-up VM results: a run
# passes only when every test the files hold ran and passed. A skip, a
# test that never reported, a file whose count is not the one pinned in
# tests/bats/plan, or a kernel line not installed fails it. The counting
# runs in a scratch copy of the repo with a plan and bats files of its own,
# so these tests need no change when the real suite grows.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

setup() {
	w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w/tests/bats/debug"
	cp "$BATS_TEST_DIRNAME/../tally.bash" "$w/tests/"
	printf '# comment\na.bats\t2\nb.bats\t1\ndebug/c.bats\t1\n' >"$w/tests/bats/plan"
	suite a.bats 2
	suite b.bats 1
	suite debug/c.bats 1
	res=$w/res
	mkdir "$res"
	echo "bats --tap --timing tests/bats" >"$res/cmd"
}

# suite FILE N: a bats file of N tests below tests/bats.
suite() {
	local i
	for ((i = 0; i < $2; i++)); do
		printf '@test "%s %d" {\n\ttrue\n}\n' "$1" "$i"
	done >"$w/tests/bats/$1"
}

# tally [RC [SETUP]]: tally_bats on $res as VM "6.1.0-9-amd64" with run.sh's
# status RC (default 0), after the bash code SETUP; then the summary.
tally() {
	run bash -c 'cd "$1" && . tests/tally.bash && eval "$3" &&
		tally_bats 6.1.0-9-amd64 "$2" "$4" 1 && tally_end' \
		_ "$w" "$res" "${2:-:}" "${1:-0}"
}

@test "a run of every test of the files it names passes" {
	printf '1..3\nok 1 a.bats 0 # in 5 ms\nok 2 a.bats 1 # in 5 ms\nok 3 b.bats 0 # in 5 ms\n' \
		>"$res/output"
	tally
	assert_success
	assert_line "6.1.0-9-amd64: bats ok (3 tests) (1 s)"
	assert_line "3 passed, 0 skipped, 0 failed"
}

@test "a skipped test is no pass, and fails the run unless allowed" {
	printf '1..3\nok 1 a.bats 0\nok 2 a.bats 1 # skip no such thing\nok 3 b.bats 0 # skip\n' \
		>"$res/output"
	tally
	assert_failure
	assert_line --partial "FAILED (0 of 3 tests failed or never reported, 2 skipped, 2 of them not allowed)"
	assert_line "    skipped, not allowed: a.bats 1"
	assert_line "    skipped, not allowed: b.bats 0"
	assert_line "1 passed, 2 skipped, 2 failed"
	# Allowed on this VM only, by name.
	tally 0 "allowed_skips=($'6.1.*\ta.bats 1' $'6.12.*\tb.bats 0')"
	assert_failure
	assert_line "    skipped, not allowed: b.bats 0"
	refute_line "    skipped, not allowed: a.bats 1"
	assert_line "1 passed, 2 skipped, 1 failed"
	tally 0 "allowed_skips=($'6.1.*\ta.bats 1' $'*\tb.bats *')"
	assert_success
	assert_line "6.1.0-9-amd64: bats ok (1 tests, 2 skipped as allowed) (1 s)"
}

@test "a test that never reported fails the run" {
	printf '1..3\nok 1 a.bats 0\nok 2 a.bats 1\n' >"$res/output"
	tally 2
	assert_failure
	assert_line --partial "FAILED (1 of 3 tests failed or never reported), vm FAILED"
	assert_line "2 passed, 0 skipped, 2 failed"
}

@test "a plan other than the pinned counts' sum fails the run" {
	# b.bats lost its test, and the plan with it; so did the table.
	suite b.bats 0
	printf '1..2\nok 1 a.bats 0\nok 2 a.bats 1\n' >"$res/output"
	tally
	assert_failure
	assert_line "    plan: tests/bats/b.bats: 0 tests, tests/bats/plan says 1"
	assert_line "    plan: 2 tests, tests/bats/plan says 3 for bats --tap --timing tests/bats"
	sed -i '/^b.bats/d' "$w/tests/bats/plan"
	tally
	assert_failure
	assert_line "    plan: tests/bats/b.bats: not in tests/bats/plan"
}

@test "the plan counts the files the command ran: the debug kernel's halves" {
	echo "bats --tap tests/bats/b.bats tests/bats/debug" >"$res/cmd"
	printf '1..2\nok 1 b.bats 0\nok 2 debug/c.bats 0\n' >"$res/output"
	tally
	assert_success
	assert_line "2 passed, 0 skipped, 0 failed"
	# A folder is its own files only: tests/bats holds 3 tests, not 4.
	echo "bats --tap tests/bats" >"$res/cmd"
	printf '1..4\nok 1 a.bats 0\nok 2 a.bats 1\nok 3 b.bats 0\nok 4 debug/c.bats 0\n' \
		>"$res/output"
	tally
	assert_failure
	assert_line "    plan: 4 tests, tests/bats/plan says 3 for bats --tap tests/bats"
}

@test "a kernel line not installed fails the run, named" {
	run bash -c 'cd "$1" && . tests/tally.bash && require_kernel_lines "$2" && tally_end' \
		_ "$w" "6.1.0-9-amd64"
	assert_failure
	assert_line "=== kernel 6.12: FAILED: no 6.12 kernel installed, so none of its tests ran (make deps)"
	assert_line "kernel 6.12: FAILED: none installed, its tests did not run (make deps)"
	refute_line --partial "kernel 6.1:"
	run bash -c 'cd "$1" && . tests/tally.bash && require_kernel_lines "$2" && tally_end' \
		_ "$w" "6.12.9+deb12-amd64"
	assert_failure
	assert_line "kernel 6.1: FAILED: none installed, its tests did not run (make deps)"
	run bash -c 'cd "$1" && . tests/tally.bash && require_kernel_lines "$2" && tally_end' \
		_ "$w" $'6.1.0-9-amd64\n6.12.9+deb12-amd64'
	assert_success
	assert_line "0 passed, 0 skipped, 0 failed"
}
