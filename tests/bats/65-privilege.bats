#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Privilege, with a real unprivileged user (nobody, uid 65534): the node
# is root-only; nobody can't open it; with the packaged group rule
# applied by hand a member of the group can read and change; and a file
# opened read-only can query but never change anything, whoever opened it.
# tests/bats/packages tests the rule itself, as the packages install it.

load helpers
load wqd

# The packaged rule (driver/60-wqdemo.rules) makes the node
# GROUP="wqdemo", MODE="0660". / is
# read-only in the VM, so there is no groupadd: a gid that no group in
# /etc/group has does as well, and nobody is in it only when we say so.
WQD_GID=4242

# as_nobody CMD...: CMD as nobody, in no group but nogroup.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}

# as_member CMD...: CMD as nobody, with the device's group added.
as_member() {
	setpriv --reuid=65534 --regid=65534 --groups="$WQD_GID" -- "$@"
}

# group_rule MODE: what the udev rule would do, by hand (devtmpfs is
# writable in the VM).
group_rule() {
	rule_applied=1	# for teardown
	chgrp "$WQD_GID" /dev/wqdemo
	chmod "$1" /dev/wqdemo
}

# Every command that changes something, with its struct's size, as
# DIR NR SIZE for ioc.
CHANGES=(
	"0 0x02 0"	# WQD_IOC_RESET
	"3 0x10 56"	# WQD_IOC_QUEUE_CREATE
	"1 0x11 16"	# WQD_IOC_QUEUE_DESTROY
	"1 0x12 16"	# WQD_IOC_QUEUE_FLUSH
	"1 0x13 16"	# WQD_IOC_QUEUE_DRAIN
	"3 0x20 96"	# WQD_IOC_WORK_SUBMIT
	"3 0x21 24"	# WQD_IOC_WORK_CANCEL
	"3 0x22 24"	# WQD_IOC_WORK_FLUSH
	"3 0x23 24"	# WQD_IOC_WORK_MOD
)

setup() {
	wqd_setup
}

# The node as the module makes it: root-only.
teardown() {
	if [ -n "${rule_applied:-}" ] && [ -e /dev/wqdemo ]; then
		chown root:root /dev/wqdemo
		chmod 0600 /dev/wqdemo
	fi
}

@test "the node is root-only: mode 0600, root:root" {
	run stat -c '%a %u %g' /dev/wqdemo
	assert_output "600 0 0"
}

@test "nobody can't open it: exit 1, Permission denied and a hint" {
	run as_nobody wqctl info
	assert_failure 1
	assert_output --partial "Permission denied"
	assert_output --partial "run as root, or as a member of group wqdemo"
	run as_nobody wqctl queue create mine
	assert_failure 1
	assert_output --partial "Permission denied"
	run as_nobody wqctl work list
	assert_failure 1
	run as_nobody cat /dev/wqdemo
	assert_failure
	# Not even read-only, for a raw ioctl (wqd-ioctl: 2 when open fails).
	run as_nobody wqd-ioctl -r "$(ioc 2 0x01 112)"
	assert_failure 2
	assert_output --partial "Permission denied"
	assert_equal "$(info_get nr_queues)" 0
}

@test "nobody outside the group still can't, with the group rule applied" {
	group_rule 0660
	run as_nobody wqctl info
	assert_failure 1
	assert_output --partial "Permission denied"
}

@test "a member of the group can read and change (mode 0660)" {
	group_rule 0660
	run as_member wqctl info
	assert_success
	run as_member wqctl queue create grp
	assert_success
	assert_output --regexp '^[0-9]+$'
	run as_member wqctl work submit --queue grp --delay 60s --name byuser
	assert_success
	id=$output
	run as_member wqctl -j work show "$id"
	assert_success
	assert_equal "$(json_get "$output" state)" pending
	run as_member cat /dev/wqdemo
	assert_success
	assert_output --partial byuser
	run as_member wqctl work cancel "$id"
	assert_success
	assert_equal "$(work_get "$id" state)" cancelled
	run as_member wqctl queue destroy grp
	assert_success
	assert_equal "$(info_get nr_queues)" 0
}

@test "with the group given read only (0640), a member queries but can't change" {
	q=$(wqctl queue create rootq)
	id=$(wqctl work submit --queue rootq --delay 60s)
	group_rule 0640
	run as_member wqctl queue list
	assert_success
	assert_output --partial rootq
	run as_member wqctl work show "$id"
	assert_success
	run as_member wqctl info
	assert_success
	run as_member wqctl queue create notmine
	assert_failure 1
	assert_output --partial "Permission denied"
	run as_member wqctl work cancel "$id"
	assert_failure 1
	run as_member wqctl queue destroy "$q"
	assert_failure 1
	assert_equal "$(work_get "$id" state)" pending
	assert_equal "$(info_get nr_queues)" 1
}

# check_read_only WHO: every change on a read-only fd is EBADF, queries
# work, and nothing changed.
check_read_only() {
	local who=$1 before after id f
	wqctl queue create roq >/dev/null
	id=$(wqctl work submit --queue roq --delay 60s)
	before=$(wqctl -j info)
	# All on one file: every change refused, then every query answered
	# (version, info, histograms, an event stream).
	# shellcheck disable=SC2046,SC2068 # one word per number
	run $who wqd-ioctl -r $(ioc ${CHANGES[@]})
	assert_failure 1
	assert_output "$(printf 'EBADF\n%.0s' "${CHANGES[@]}")"
	# shellcheck disable=SC2046,SC2086 # one word per number; $who
	run $who wqd-ioctl -r $(ioc 2 0x00 8 2 0x01 112 3 0x16 784 1 0x30 24)
	assert_success
	assert_output $'OK\nOK\nOK\nOK'
	# shellcheck disable=SC2086 # $who: nothing, or a function
	run $who wqctl -j queue show roq
	assert_success
	# Nothing changed: the same queue, the same pending item, same counts.
	assert_equal "$(work_get "$id" state)" pending
	assert_equal "$(queue_get roq items)" 1
	after=$(wqctl -j info)
	for f in nr_queues nr_items submitted queued cancelled; do
		assert_equal "$(json_get "$after" $f)" "$(json_get "$before" $f)"
	done
}

@test "a read-only fd can query but never change anything: root" {
	check_read_only ""
}

@test "a read-only fd can query but never change anything: a group member" {
	group_rule 0660
	check_read_only as_member
}
