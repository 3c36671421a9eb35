#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# For selftest.sh only: a suite with a failing test, which run.sh must
# report as a failure.

@test "this passes" {
	true
}

@test "this fails, and the harness must notice" {
	false
}
