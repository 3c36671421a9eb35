#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The VM suite's own shape, checked on the host before any VM boots: the
# ways a bats check can be written so that it never fails.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

suite=$BATS_TEST_DIRNAME/../bats

@test "no check in the suite is the left side of an && or || list" {
	# bats runs a test under errexit, which ignores a failure anywhere in
	# an && or || list but its last command: `[ a ] && [ b ]` as a
	# statement never fails on a. A condition (if, while) is fine.
	run grep -nE \
		-e '^[[:space:]]*(\[\[?|test) .*(&&|\|\|)[[:space:]]*(\[\[?|test) ' \
		-e '^[[:space:]]*(\[\[?|test) .*(&&|\|\|)[[:space:]]*\\?$' \
		"$suite"/*.bats "$suite"/*.bash "$suite"/debug/*.bats
	assert_failure 1
	assert_output ""
}

@test "tests/bats/plan pins every bats file with the number of tests it holds" {
	# make check holds each VM's TAP plan to these counts (tally.bash).
	run bash -c 'cd "$1" && . tests/tally.bash && bats_plan tests/bats tests/bats/debug' \
		_ "$BATS_TEST_DIRNAME/../.."
	assert_success
	assert_output --regexp '^[0-9]+$'
}
