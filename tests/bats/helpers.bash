# SPDX-License-Identifier: GPL-2.0
#
# Shared by every .bats file: `load helpers`. The suite runs in the VM as
# root (tests/vm/run.sh), with wqdemo.ko loaded and these set:
#   WQD_KO    the module built for the running kernel
#   WQD_KVER  the running kernel
#   PATH      starts with build/tool (wqctl and the test helpers)

# Source the libraries' files directly rather than through their load.bash:
# those fork dirname once per file, and forks are slow under TCG. This
# takes 0.4 s a test instead of 2-4 s.
for f in /usr/lib/bats/bats-{support,assert,file}/src/*.bash; do
	source "$f"
done
unset f

: "${WQD_KO:?run the suite in the VM: tests/vm/run.sh}"

# A test that unloads the module must leave it loaded for the next one.
ensure_loaded() {
	[ -d /sys/module/wqdemo ] || insmod "$WQD_KO"
}
