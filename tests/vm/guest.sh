#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM as root, chrooted into the host's / (read-only), from
# /init. run.sh left its orders in the results share: env (WQD_* settings)
# and cmd (a shell command line). Results go back the same way: output
# (the command's), status (its exit status), errors (what else went
# wrong: insmod/rmmod failures, processes left running) and dmesg. /init
# reboots when this script returns, which ends QEMU.
set -u
res=/mnt/results
. "$res/env"
export WQD_KO WQD_KVER PATH="$WQD_REPO/build/tool:$PATH"
cd "$WQD_REPO" || exit

status=1
if [ "$WQD_LOAD" = 1 ] && ! insmod "$WQD_KO"; then
	echo "guest: insmod $WQD_KO failed" | tee -a "$res/errors"
elif [ "$WQD_SHELL" = 1 ]; then
	# A shell of its own on the serial port, which becomes its controlling
	# terminal (/dev/console can't be one), so job control and ^C work.
	# The kernel can't know the host terminal's size; run.sh passes it.
	[ -z "$WQD_STTY" ] || stty $WQD_STTY </dev/ttyS0
	TERM=$WQD_TERM setsid -c -w bash -i <>/dev/ttyS0 >&0 2>&0
	status=$?
else
	# The command runs in a session of its own, so that what it leaves
	# running, which would hold the output pipe (or /dev/wqdemo) open
	# forever, can be found, reported and killed. stdbuf: a pipe would make
	# C programs buffer their output, and the console would show it late.
	stdbuf -oL -eL setsid bash -c '
		bash -c "$1"
		status=$?
		pgrep -s $$ >/tmp/all
		grep -vx $$ /tmp/all >/tmp/left
		if [ -s /tmp/left ]; then
			echo "guest: the command left processes running:" >>"$2/errors"
			ps -o pid=,args= -p "$(paste -sd, /tmp/left)" >>"$2/errors"
			xargs kill -KILL </tmp/left
		fi
		exit $status' wrapper "$(<"$res/cmd")" "$res" 2>&1 | tee "$res/output"
	status=${PIPESTATUS[0]}
fi

# Unloading with live objects must work, and is part of every test.
if [ -d /sys/module/wqdemo ] && ! rmmod wqdemo; then
	echo "guest: rmmod wqdemo failed" | tee -a "$res/errors"
fi

# The debug kernel: have kmemleak look for leaks, the unload's included.
# It reports only objects older than 5 s, and one whose contents changed
# since the previous scan only on the next, hence the wait and two scans.
# run.sh fails the run when the report (results/kmemleak) is not empty.
if [ "${WQD_DEBUG:-0}" = 1 ]; then
	kml=/sys/kernel/debug/kmemleak
	sleep 5
	if echo scan >"$kml" && sleep 1 && echo scan >"$kml"; then
		cat "$kml" >"$res/kmemleak"
		[ ! -s "$res/kmemleak" ] || echo "guest: kmemleak found leaks"
	else
		echo "guest: the kmemleak scan failed (is kmemleak on?)" | tee -a "$res/errors"
	fi
fi
echo "$status" >"$res/status"
dmesg >"$res/dmesg"
sync
