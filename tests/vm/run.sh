#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [OPTIONS] [-- CMD...]: boot a Debian kernel in QEMU with the
# freshly built wqdemo.ko loaded, run CMD in the guest from the repo (the
# host's / is the guest's root, read-only, but for fresh tmpfs on /tmp, /run,
# /mnt and /var/tmp), and fail loudly unless both the command and the
# kernel behaved. The guest's files are kept in the results directory:
# console, output (the command's), status, errors and dmesg. A kernel that
# crashes in its own boot, before any of this project's code ran, is
# booted once more (console.boot-crash keeps the first console).
#
#   --kver KVER     kernel to boot (default: the first of kernels.sh, 6.1)
#   --debug-kernel  boot the debug kernel instead (KASAN, lockdep, ODEBUG,
#                   kmemleak, failslab: tests/vm/debug-kernel.sh builds it,
#                   or finds it built), and after the command and the
#                   module's unload have kmemleak scan: any leak it reports
#                   fails the run (status 2) and is kept in kmemleak in the
#                   results. Also --kver debug.
#   --timeout SECS  kill the VM after SECS (default 600): a hang is a failure
#   --no-load       neither build nor load the module (WQD_KO is still set)
#   --append ARGS   more of the kernel's command line (experiments, and the
#                   harness's selftest)
#   --shell         interactive bash on the serial console, no timeout
#                   (QEMU's escape: ^A x)
#   --results DIR   where the results go (must not exist; default: a new
#                   build/vm/KVER/results-XXXX)
#   CMD             a shell command line, its words joined by spaces as ssh
#                   does (default: bats --tap tests/bats)
#
# Exit status: 0 all good; 1 the command failed; 2 the kernel or the VM did
# not behave (panic, oops, hang, no status, insmod/rmmod failure, processes
# left running, errors in dmesg, leaks kmemleak found).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kver=
debug=0
timeout=600
load=1
shell=0
results=
more=

usage() {
	sed -n '4,/^$/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=${2:?}; shift ;;
	--debug-kernel) debug=1 ;;
	--timeout) timeout=${2:?}; shift ;;
	--no-load) load=0 ;;
	--append) more=${2:?}; shift ;;
	--shell) shell=1 ;;
	--results) results=${2:?}; shift ;;
	--) shift; break ;;
	*) usage ;;
	esac
	shift
done
[ $# -gt 0 ] || set -- bats --tap tests/bats
[ "$kver" != debug ] || debug=1

# name: the kernel's folder in build/kmod/ and build/vm/; release: its
# uname -r, the guest's WQD_KVER.
if [ $debug = 1 ]; then
	tree=$("$here/debug-kernel.sh") || exit 2
	name=debug-${tree##*/}
	release=$(cat "$tree/include/config/kernel.release") || exit 2
	kernel=$tree/arch/x86/boot/bzImage
	if [ $load = 1 ]; then
		"$here/module.sh" "$name" "$tree" || exit 2
	fi
	"$here/initramfs.sh" --builtin "$name" || exit 2
else
	kver=${kver:-$("$here/kernels.sh" | head -n 1)}
	[ -n "$kver" ] || { echo "vm: no kernel installed (make deps)" >&2; exit 2; }
	name=$kver
	release=$kver
	kernel=/boot/vmlinuz-$kver
	if [ $load = 1 ]; then
		"$here/module.sh" "$kver" || exit 2
	fi
	"$here/initramfs.sh" "$kver" || exit 2
fi
mkdir -p "$repo/build/vm/$name"
if [ -n "$results" ]; then
	mkdir "$results" || exit 2
else
	results=$(mktemp -d "$repo/build/vm/$name/results-XXXX") || exit 2
fi
results=$(cd "$results" && pwd)

# The guest's orders (see guest.sh).
stty=
[ $shell = 1 ] && [ -t 0 ] && stty=$(stty size | awk '{ print "rows", $1, "cols", $2 }')
{
	printf 'WQD_%s=%q\n' REPO "$repo" KVER "$release" LOAD "$load" SHELL "$shell" \
		KO "$repo/build/kmod/$name/driver/wqdemo.ko" STTY "$stty" \
		TERM "${TERM:-vt100}" DEBUG "$debug"
} >"$results/env"
echo "$*" >"$results/cmd"

# quiet would hide WARNING splats (printk level 4) from the console; level
# 5 shows them and still hides the boot chatter. Any warning, oops or hung
# task panics at once (and panic=-1 + -no-reboot then ends QEMU), so a
# broken kernel fails fast and with its backtrace on the console.
# mitigations=off: a fifth faster under TCG, and no test is about them.
# tsc=reliable: TCG's TSCs fail the kernel's sync and watchdog checks on a
# loaded host, and the fallback is the jiffy (or HPET, read through QEMU),
# which would make every time the tests read coarse or slow.
append="console=ttyS0 loglevel=5 panic=-1 oops=panic panic_on_warn=1"
append+=" hung_task_panic=1 mitigations=off edd=off tsc=reliable"
# maxcpus=1: the second vCPU comes up in init, after the boot. This QEMU's
# TCG has let a vCPU take the int3 of the kernel's live code patching (a
# static key flipped in a late initcall) for a real one, and crash; with
# one CPU there is no other to take it.
append+=" maxcpus=1"
# slab_nomerge: wqdemo's slab caches stay its own, so that the stress
# test's count of their objects is wqdemo's alone and is always checked.
append+=" slab_nomerge"
append+=" wqd_guest=$here/guest.sh${more:+ $more}"
# qboot instead of SeaBIOS: boots -kernel directly and, unlike SeaBIOS,
# sends no escape codes that reset the terminal and turn off line wrap.
# -cx16: this QEMU's TCG once left a garbage EFLAGS, trap flag set, after
# SLUB's cmpxchg16b on a loaded host, and the guest warned of a kernel
# single-step; without the instruction the kernels take their fallback.
qemu=(qemu-system-x86_64 -accel tcg -cpu qemu64,-cx16 -m 1G -smp 2 -bios qboot.rom
	-nographic -monitor none -nic none -vga none -no-reboot
	-kernel "$kernel" -append "$append"
	-initrd "$repo/build/vm/$name/initramfs.cpio.gz"
	-fsdev local,id=root,path=/,readonly=on,security_model=none,multidevs=remap
	-device virtio-9p-pci,fsdev=root,mount_tag=hostroot
	-fsdev "local,id=res,path=$results,security_model=none"
	-device virtio-9p-pci,fsdev=res,mount_tag=results)

boot() {
	# No stdin: QEMU would put the terminal in raw mode and ^C would go to
	# the guest instead of stopping the run. --foreground keeps QEMU in
	# the terminal's process group for the same reason.
	timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null 2>&1 |
		tee "$results/console"
	rc=${PIPESTATUS[0]}
}

if [ $shell = 1 ]; then
	"${qemu[@]}"
	rc=$?
else
	boot
	# A kernel that crashes in its own boot, before guest.sh runs, has
	# not met wqdemo yet: under this QEMU's TCG, an int3 of the kernel's
	# live code patching was once taken for a real one. One more boot;
	# a second crash, or any crash later on, is a failure.
	if [ ! -f "$results/booted" ] && grep -aq 'Kernel panic' "$results/console"; then
		mv "$results/console" "$results/console.boot-crash"
		echo "vm: the kernel crashed in its own boot, before wqdemo was loaded" \
			"($results/console.boot-crash); booting it again" >&2
		boot
	fi
fi

bad='BUG:|WARNING:|Oops|ODEBUG|KASAN|workqueue leaked|kmemleak'
# What the debug kernel says of itself at boot: kmemleak is there.
fine='kmemleak: Kernel memory leak detector initialized'
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
if [ -f "$results/dmesg" ] && grep -E "$bad" "$results/dmesg" | grep -qvE "$fine"; then
	trouble "the kernel log has errors:"
	grep -E "$bad" "$results/dmesg" | grep -vE "$fine" | sed 's/^/vm:   /' >&2
fi
if [ -s "$results/kmemleak" ]; then
	trouble "kmemleak found leaks ($results/kmemleak):"
	head -n 60 "$results/kmemleak" | sed 's/^/vm:   /' >&2
elif [ $debug = 1 ] && [ $shell = 0 ] && [ -f "$results/status" ] && [ ! -f "$results/kmemleak" ]; then
	trouble "the guest never ran the kmemleak scan"
fi
if [ ! -f "$results/status" ]; then
	trouble "the guest never wrote a status"
elif [ "$(cat "$results/status")" != 0 ]; then
	echo "vm: the command failed with status $(cat "$results/status")" >&2
	[ $verdict = 2 ] || verdict=1
fi
echo "vm: $name: results in $results" >&2
exit $verdict
