#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [OPTIONS] [-- CMD...]: boot a Debian kernel in QEMU with the
# freshly built wqdemo.ko loaded, run CMD in the guest from the repo (the
# host's / is the guest's root, read-only, but for fresh tmpfs on /tmp, /run,
# /mnt and /var/tmp), and fail loudly unless both the command and the
# kernel behaved. The guest's files are kept in the results directory:
# console, output (the command's), status, errors and dmesg.
#
#   --kver KVER     kernel to boot (default: the first of kernels.sh, 6.1)
#   --timeout SECS  kill the VM after SECS (default 600): a hang is a failure
#   --no-load       neither build nor load the module (WQD_KO is still set)
#   --shell         interactive bash on the serial console, no timeout
#                   (QEMU's escape: ^A x)
#   --results DIR   where the results go (must not exist; default: a new
#                   build/vm/KVER/results-XXXX)
#   CMD             a shell command line, its words joined by spaces as ssh
#                   does (default: bats --tap tests/bats)
#
# Exit status: 0 all good; 1 the command failed; 2 the kernel or the VM did
# not behave (panic, oops, hang, no status, insmod/rmmod failure, processes
# left running, errors in dmesg).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kver=
timeout=600
load=1
shell=0
results=

usage() {
	sed -n '4,/^$/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=${2:?}; shift ;;
	--timeout) timeout=${2:?}; shift ;;
	--no-load) load=0 ;;
	--shell) shell=1 ;;
	--results) results=${2:?}; shift ;;
	--) shift; break ;;
	*) usage ;;
	esac
	shift
done
[ $# -gt 0 ] || set -- bats --tap tests/bats
kver=${kver:-$("$here/kernels.sh" | head -n 1)}
[ -n "$kver" ] || { echo "vm: no kernel installed (make deps)" >&2; exit 2; }

if [ $load = 1 ]; then
	"$here/module.sh" "$kver" || exit 2
fi
"$here/initramfs.sh" "$kver" || exit 2
mkdir -p "$repo/build/vm/$kver"
if [ -n "$results" ]; then
	mkdir "$results" || exit 2
else
	results=$(mktemp -d "$repo/build/vm/$kver/results-XXXX") || exit 2
fi
results=$(cd "$results" && pwd)

# The guest's orders (see guest.sh).
stty=
[ $shell = 1 ] && [ -t 0 ] && stty=$(stty size | awk '{ print "rows", $1, "cols", $2 }')
{
	printf 'WQD_%s=%q\n' REPO "$repo" KVER "$kver" LOAD "$load" SHELL "$shell" \
		KO "$repo/build/kmod/$kver/driver/wqdemo.ko" STTY "$stty" \
		TERM "${TERM:-vt100}"
} >"$results/env"
echo "$*" >"$results/cmd"

# quiet would hide WARNING splats (printk level 4) from the console; level
# 5 shows them and still hides the boot chatter. Any warning, oops or hung
# task panics at once (and panic=-1 + -no-reboot then ends QEMU), so a
# broken kernel fails fast and with its backtrace on the console.
# mitigations=off: a fifth faster under TCG, and no test is about them.
append="console=ttyS0 loglevel=5 panic=-1 oops=panic panic_on_warn=1"
append+=" hung_task_panic=1 mitigations=off edd=off wqd_guest=$here/guest.sh"
# qboot instead of SeaBIOS: boots -kernel directly and, unlike SeaBIOS,
# sends no escape codes that reset the terminal and turn off line wrap.
qemu=(qemu-system-x86_64 -accel tcg -m 1G -smp 2 -bios qboot.rom
	-nographic -monitor none -nic none -vga none -no-reboot
	-kernel "/boot/vmlinuz-$kver" -append "$append"
	-initrd "$repo/build/vm/$kver/initramfs.cpio.gz"
	-fsdev local,id=root,path=/,readonly=on,security_model=none,multidevs=remap
	-device virtio-9p-pci,fsdev=root,mount_tag=hostroot
	-fsdev "local,id=res,path=$results,security_model=none"
	-device virtio-9p-pci,fsdev=res,mount_tag=results)

if [ $shell = 1 ]; then
	"${qemu[@]}"
	rc=$?
else
	# No stdin: QEMU would put the terminal in raw mode and ^C would go to
	# the guest instead of stopping the run. --foreground keeps QEMU in
	# the terminal's process group for the same reason.
	timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null 2>&1 |
		tee "$results/console"
	rc=${PIPESTATUS[0]}
fi

bad='BUG:|WARNING:|Oops|ODEBUG|KASAN|workqueue leaked|kmemleak'
verdict=0
trouble() {
	echo "vm: $*" >&2
	verdict=2
}
case $rc in
0) ;;
124 | 137) trouble "timeout: the guest hung, killed after ${timeout}s" ;;
*) trouble "qemu exited with status $rc" ;;
esac
if grep -aq 'Kernel panic' "$results/console" 2>/dev/null; then
	trouble "the guest kernel panicked:"
	grep -aE "Kernel panic|$bad" "$results/console" | sed 's/^/vm:   /' >&2
fi
if [ -s "$results/errors" ]; then
	trouble "the guest reported errors:"
	sed 's/^/vm:   /' "$results/errors" >&2
fi
if [ -f "$results/dmesg" ] && grep -qE "$bad" "$results/dmesg"; then
	trouble "the kernel log has errors:"
	grep -E "$bad" "$results/dmesg" | sed 's/^/vm:   /' >&2
fi
if [ ! -f "$results/status" ]; then
	trouble "the guest never wrote a status"
elif [ "$(cat "$results/status")" != 0 ]; then
	echo "vm: the command failed with status $(cat "$results/status")" >&2
	[ $verdict = 2 ] || verdict=1
fi
echo "vm: $kver: results in $results" >&2
exit $verdict
