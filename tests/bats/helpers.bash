# SPDX-License-Identifier: GPL-2.0
#
# Shared by every .bats file: `load helpers`. The suite runs in the VM as
# root (tests/vm/run.sh), with wqdemo.ko loaded and these set:
#   WQD_KO    the module built for the running kernel
#   WQD_KVER  the running kernel
#   PATH      starts with build/tool (wqctl and the test helpers)

# Source the libraries' files directly rather than through their load.bash:
# those fork dirname once per file, and forks are slow under TCG. bats
# sources them again for every test, so bats-file, the largest, is only
# for the files that `load file-asserts`.
for f in /usr/lib/bats/bats-{support,assert}/src/*.bash; do
	source "$f"
done
unset f

: "${WQD_KO:?run the suite in the VM: tests/vm/run.sh}"

# bats runs a DEBUG trap before every command, the libraries' own too, to
# name the line a failure comes from. Under TCG that trap costs more than
# the commands it watches. Trace the test's own lines only: a failure is
# still reported at its line in the .bats file, and a failing helper at
# the line that called it.
trace_test_lines() {
	set +T
	declare -ft "$BATS_TEST_NAME"
}

# A file with a setup of its own calls trace_test_lines from it.
setup() {
	trace_test_lines
}

# A test that unloads the module must leave it loaded for the next one.
ensure_loaded() {
	[ -d /sys/module/wqdemo ] || insmod "$WQD_KO"
}
