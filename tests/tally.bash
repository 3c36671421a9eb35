# SPDX-License-Identifier: GPL-2.0
#
# tally.bash: the counting that check.sh and check-debug.sh share (sourced).
# Every stage runs even when an earlier one failed, so one run shows all
# that is wrong; the run ends with one line per stage and a total, in
# which each bats test counts once and each other stage once.

passed=0
failed=0
summary=()

# stage NAME CMD...: run CMD as one counted stage, with its time.
stage() {
	local name=$1 t=$SECONDS
	shift
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
		summary+=("$name: ok ($((SECONDS - t)) s)")
	else
		failed=$((failed + 1))
		summary+=("$name: FAILED ($((SECONDS - t)) s)")
		return 1
	fi
}

# tally_bats NAME RESULTS RC SECONDS: count a VM's bats run from its TAP
# output (RESULTS/output) and run.sh's status RC: each result, each test
# the plan announced that never reported (or the whole run, when it never
# started), and the VM itself when it went wrong (run.sh's status 2).
tally_bats() {
	local name=$1 res=$2 rc=$3 secs=$4 out ok notok plan missing line
	out=$res/output
	[ -f "$out" ] || out=/dev/null
	ok=$(grep -c '^ok ' "$out")
	notok=$(grep -c '^not ok ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$out" | head -n 1)
	missing=$((${plan:-0} - ok - notok))
	[ $missing -gt 0 ] || missing=0
	passed=$((passed + ok))
	failed=$((failed + notok + missing))
	line="$name: bats"
	if [ -z "$plan" ]; then
		failed=$((failed + 1))
		line+=" FAILED (never started)"
	elif [ $((notok + missing)) = 0 ]; then
		line+=" ok ($ok tests)"
	else
		line+=" FAILED ($((notok + missing)) of $plan tests)"
	fi
	if [ "$rc" = 2 ]; then
		failed=$((failed + 1))
		line+=", vm FAILED (see the vm: lines above)"
	elif [ "$rc" != 0 ] && [ -n "$plan" ] && [ $((notok + missing)) = 0 ]; then
		failed=$((failed + 1))
		line+=", but bats failed"
	fi
	summary+=("$line ($secs s)")
}

# vm_start NAME RUN.SH-ARGS...: start `tests/vm/run.sh --results R
# RUN.SH-ARGS` in the background, its output kept in R.log; vm_wait NAME
# waits for it, prints that log and tallies its bats run. NAME is a word.
declare -A vm_res vm_pid vm_t
vm_start() {
	local name=$1 dir
	shift
	dir=$repo/build/vm/check
	mkdir -p "$dir"
	vm_res[$name]=$(mktemp -u "$dir/$name-XXXX")
	vm_t[$name]=$SECONDS
	echo "=== $name: started, log: ${vm_res[$name]}.log"
	# A session of its own: vm_cleanup ends the VM with all it started.
	setsid tests/vm/run.sh --results "${vm_res[$name]}" "$@" \
		>"${vm_res[$name]}.log" 2>&1 &
	vm_pid[$name]=$!
}

# vm_cleanup: end what still runs in the background, VMs and any other
# session put in vm_pid (the run was interrupted).
vm_cleanup() {
	local name
	for name in "${!vm_pid[@]}"; do
		kill -- -"${vm_pid[$name]}" 2>/dev/null
	done
}
trap vm_cleanup EXIT
trap 'exit 130' INT TERM

vm_wait() {
	local name=$1 rc
	wait "${vm_pid[$name]}"
	rc=$?
	unset "vm_pid[$name]"
	echo "=== $name"
	cat "${vm_res[$name]}.log"
	tally_bats "$name" "${vm_res[$name]}" $rc $((SECONDS - ${vm_t[$name]}))
}

# tally_end: print the summary; fails when anything failed.
tally_end() {
	echo "=== summary"
	printf '%s\n' "${summary[@]}"
	echo "$passed passed, $failed failed"
	[ $failed = 0 ]
}
