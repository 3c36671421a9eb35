# SPDX-License-Identifier: GPL-2.0
#
# tally.bash: the counting that check.sh and check-debug.sh share (sourced).
# Every stage runs even when an earlier one failed, so one run shows all
# that is wrong; the run ends with one line per stage and a total, in
# which each bats test counts once and each other stage once. A skipped
# test is no pass: it counts apart, and fails the run unless allowed_skips
# names it. Each bats file's number of tests is pinned in tests/bats/plan.

passed=0
skipped=0
failed=0
summary=()

# The skips that do not fail a run, one a line: "VM<TAB>DESCRIPTION", both
# shell patterns, VM a vm_start name (a kernel release, debug-1, debug-2)
# and DESCRIPTION the test's as TAP prints it. Each entry needs a comment
# that says why the test cannot run there. None so far: where a kernel
# lacks a feature (BH queues before 6.9), its tests check the refusal.
allowed_skips=()

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

# skip_allowed VM DESCRIPTION: allowed_skips lets this test skip in VM.
skip_allowed() {
	local entry
	for entry in "${allowed_skips[@]}"; do
		# shellcheck disable=SC2053 # the entries are patterns
		[[ $1 == ${entry%%$'\t'*} && $2 == ${entry#*$'\t'} ]] && return 0
	done
	return 1
}

# bats_files CMD...: the bats files a bats command line runs, one a line:
# a folder's own *.bats (bats does not recurse without -r), and each file
# named.
bats_files() {
	local w f
	for w in "$@"; do
		if [ -d "$w" ]; then
			for f in "$w"/*.bats; do
				[ -e "$f" ] && echo "$f"
			done
		elif [[ $w == *.bats ]]; then
			echo "$w"
		fi
	done
}

# bats_plan CMD...: how many tests CMD must report, from tests/bats/plan.
# Each file's count there must also be what the file holds now. Prints
# the number, then one line per file that breaks this; fails then.
bats_plan() {
	local f key want n sum=0 rc=0 bad=()
	for f in $(bats_files "$@"); do
		key=${f#tests/bats/}
		want=$(awk -v f="$key" '$1 == f { print $2 }' tests/bats/plan)
		n=$(grep -sc '^@test ' "$f")
		if [ -z "$want" ]; then
			bad+=("$f: not in tests/bats/plan")
			want=${n:-0}
		elif [ "$n" != "$want" ]; then
			bad+=("$f: ${n:-no} tests, tests/bats/plan says $want")
		fi
		sum=$((sum + want))
	done
	echo "$sum"
	[ ${#bad[@]} = 0 ] || { printf '%s\n' "${bad[@]}"; rc=1; }
	return $rc
}

# tally_bats NAME RESULTS RC SECONDS: count a VM's bats run from its TAP
# output (RESULTS/output), its command (RESULTS/cmd) and run.sh's status
# RC: each result, each skip apart, each test the plan announced that
# never reported (or the whole run, when it never started), a plan other
# than tests/bats/plan's for the files run, and the VM itself when it went
# wrong (run.sh's status 2).
tally_bats() {
	local name=$1 res=$2 rc=$3 secs=$4 out ok notok skip plan missing line
	local want unallowed=0 problems=() desc
	out=$res/output
	[ -f "$out" ] || out=/dev/null
	skip=$(grep -cE '^ok [0-9]+ .* # skip( |$)' "$out")
	ok=$(($(grep -c '^ok ' "$out") - skip))
	notok=$(grep -c '^not ok ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$out" | head -n 1)
	missing=$((${plan:-0} - ok - notok - skip))
	[ $missing -gt 0 ] || missing=0
	passed=$((passed + ok))
	skipped=$((skipped + skip))
	failed=$((failed + notok + missing))
	# Skips: each one not allowed is a failure.
	while read -r desc; do
		[ -n "$desc" ] || continue
		skip_allowed "$name" "$desc" && continue
		unallowed=$((unallowed + 1))
		problems+=("    skipped, not allowed: $desc")
	done < <(sed -nE 's/^ok [0-9]+ (.*) # skip( .*)?$/\1/p' "$out")
	failed=$((failed + unallowed))
	# The plan: the files run, each with its pinned number of tests.
	if [ -f "$res/cmd" ]; then
		# shellcheck disable=SC2046 # the command's words, as run.sh ran it
		if ! want=$(bats_plan $(<"$res/cmd")); then
			failed=$((failed + 1))
			while read -r desc; do
				problems+=("    plan: $desc")
			done < <(tail -n +2 <<<"$want")
		fi
		want=$(head -n 1 <<<"$want")
		if [ -n "$plan" ] && [ "$plan" != "$want" ]; then
			failed=$((failed + 1))
			problems+=("    plan: $plan tests, tests/bats/plan says $want for $(<"$res/cmd")")
		fi
	else
		failed=$((failed + 1))
		problems+=("    plan: no $res/cmd, the files run are unknown")
	fi
	line="$name: bats"
	if [ -z "$plan" ]; then
		failed=$((failed + 1))
		line+=" FAILED (never started)"
	elif [ $((notok + missing)) = 0 ] && [ ${#problems[@]} = 0 ]; then
		line+=" ok ($ok tests"
		[ "$skip" = 0 ] || line+=", $skip skipped as allowed"
		line+=")"
	else
		line+=" FAILED ($((notok + missing)) of $plan tests failed or never reported"
		[ "$skip" = 0 ] || line+=", $skip skipped, $unallowed of them not allowed"
		line+=")"
	fi
	if [ "$rc" = 2 ]; then
		failed=$((failed + 1))
		line+=", vm FAILED (see the vm: lines above)"
	elif [ "$rc" != 0 ] && [ -n "$plan" ] && [ $((notok + missing)) = 0 ]; then
		failed=$((failed + 1))
		line+=", but bats failed"
	fi
	summary+=("$line ($secs s)" "${problems[@]}")
}

# require_kernel_lines KERNELS: one kernel of each line the module
# supports, 6.1 and 6.12, in the list KERNELS (kernels.sh's). A line
# missing here would otherwise drop out of the run without a word, and
# with it every test of what only that line has (BH queues: 6.12).
require_kernel_lines() {
	local line
	for line in 6.1 6.12; do
		grep -q "^${line//./\\.}\." <<<"$1" && continue
		echo "=== kernel $line: FAILED: no $line kernel installed, so none of its tests ran (make deps)"
		failed=$((failed + 1))
		summary+=("kernel $line: FAILED: none installed, its tests did not run (make deps)")
	done
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
	echo "$passed passed, $skipped skipped, $failed failed"
	[ $failed = 0 ]
}
