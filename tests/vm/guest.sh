#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM as root, chrooted into the host's / (read-only), from
# /init. run.sh left its orders in the results share: env (WQD_* settings)
# and cmd (a shell command line). Results go back the same way: output
# (the command's), status (its exit status), errors (what else went
# wrong: insmod/rmmod failures, processes left running), dmesg, and
# booted, first of all, which says the kernel's own boot is over. /init
# reboots when this script returns, which ends QEMU.
set -u
res=/mnt/results
# The kernel's own boot is over: from here on, a crash is the run's.
: >"$res/booted"
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

# The debug kernel: kmemleak looks for leaks twice. First with the module
# still loaded, so that its functions have names in the backtraces: an
# object is reported once older than 5 s and unchanged since the scan
# before, hence two scans 5 s apart (each takes 8 s or so under TCG).
# Then once after the unload, for what only the module's own data still
# pointed to: those objects are old and were scanned already. run.sh fails
# the run when the report (results/kmemleak) is not empty.
kml=/sys/kernel/debug/kmemleak
# leakscan SCANS: scan SCANS times (1 or 2), add what kmemleak reports.
leakscan() {
	local ok=1
	[ "${WQD_DEBUG:-0}" = 1 ] || return 0
	echo scan >"$kml" || ok=0
	if [ $ok = 1 ] && [ "$1" = 2 ]; then
		sleep 5
		echo scan >"$kml" || ok=0
	fi
	if [ $ok = 0 ]; then
		echo "guest: the kmemleak scan failed (is kmemleak on?)" | tee -a "$res/errors"
		return
	fi
	cat "$kml" >>"$res/kmemleak"
	if [ -s "$res/kmemleak" ]; then
		echo "guest: kmemleak found leaks"
		# Reported once is enough: the next scan shows only new ones.
		echo clear >"$kml"
	fi
}
leakscan 2

# Unloading with live objects must work, and is part of every test.
if [ -d /sys/module/wqdemo ] && ! rmmod wqdemo; then
	echo "guest: rmmod wqdemo failed" | tee -a "$res/errors"
fi
leakscan 1
echo "$status" >"$res/status"
dmesg >"$res/dmesg"
sync
