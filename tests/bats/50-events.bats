#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Event streams and what is built on them: every run reaches every reader
# once, losses are counted, poll() works, closed streams are freed,
# filters filter; the histograms; watch; and the tutorial's demo.
#
# A reader sees only the runs after it subscribed. Readers run in the
# background and are known to have subscribed once their stream fd shows
# in /proc (has_stream), not after a guessed sleep. Background commands
# close bats' fd 3, and teardown kills what a failed test left running,
# so that a broken stream fails the test instead of hanging the suite.

load helpers
load wqd

setup() {
	wqd_setup
}

teardown() {
	local pids
	pids=$(jobs -p)
	[ -z "$pids" ] || kill $pids 2>/dev/null || true
	ensure_loaded
}

# has_stream PID: PID holds an event stream (the ioctl has returned).
has_stream() {
	ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'wqdemo-events'
}

# gone PID: PID has ended.
gone() {
	! kill -0 "$1" 2>/dev/null
}

# lines_at_least FILE N
lines_at_least() {
	[ "$(wc -l <"$1")" -ge "$2" ]
}

# finish SECONDS PID: wait for PID, give up (status 1) after SECONDS.
finish() {
	wait_until "$1" gone "$2" || return 1
	wait "$2"
}

@test "every run of each item reaches a reader once, with the item's counters" {
	f=$BATS_TEST_TMPDIR/events
	wqctl -j events --count 15 >"$f" 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	plain=$(wqctl work submit --name p --period 20ms --count 5)
	delayed=$(wqctl work submit --name d --delay 0 --period 20ms --count 5)
	bare=$(wqctl work submit --period 10ms --count 5 --sleep 1ms)
	finish 60 $pid
	assert_equal "$(wc -l <"$f")" 15
	# JSON Lines: each line a document of its own; no loss record.
	run jq -R -s 'split("\n")[:-1] | map(fromjson | select(has("dropped"))) |
		length' "$f"
	assert_success
	assert_output 0
	# One jq for the stream: a line per item, then the item's counters
	# from one wqctl each (a process costs a second under TCG).
	# Runs, first, last, cancelled, and the same lateness and runtime
	# extremes as the item's counters: they measure the same runs.
	run jq -sr --arg ids "$plain $delayed $bare" '. as $ev |
		$ids | split(" ") | map(tonumber)[] as $id |
		$ev | map(select(.item == $id)) |
		[(map(.run) | join(" ")),
		 (map(select(.first) | .run) | join(" ")),
		 (map(select(.last) | .run) | join(" ")),
		 (map(select(.cancelled)) | length),
		 (map(.lateness_ns) | min), (map(.lateness_ns) | max),
		 (map(.runtime_ns) | min), (map(.runtime_ns) | max)] |
		map(tostring) | join("|")' "$f"
	assert_success
	assert_equal "${#lines[@]}" 3
	i=0
	for id in $plain $delayed $bare; do
		show=$(wqctl -j work show "$id")
		assert_equal "$(json_get "$show" runs)" 5
		want="0 1 2 3 4|0|4|0"
		for s in lateness_ns.min lateness_ns.max runtime_ns.min runtime_ns.max; do
			want+="|$(json_get "$show" $s)"
		done
		assert_equal "${lines[i++]}" "$want"
	done
	# Labels of items made after the reader started are looked up; every
	# run on queue 1; the sleep payload shows in the runtime. (Each run's
	# due time: the next test.)
	run jq -sr --argjson p "$plain" --argjson d "$delayed" --argjson b "$bare" '
		(map(select(.item == $p) | .name) | unique | join(",")),
		(map(select(.item == $b) | .name) | unique | map(tostring) | join(",")),
		(map(select(.item == $d) | .kind) | unique | join(",")),
		(map(select(.item == $p) | .kind) | unique | join(",")),
		(map(.queue) | unique | map(tostring) | join(",")),
		(map(select(.item == $b) | .runtime_ns) | min >= 1000000)' "$f"
	assert_success
	assert_output $'p\nnull\ndelayed\nwork\n1\ntrue'
}

@test "a periodic item's next run is due a period after its last run ended" {
	# The due time is the kernel's own decision, made as it queues the
	# next run (run.c): a delayed item re-arms from the end of its payload
	# (its start, without one) with the period as the delay, so the next
	# run is due exactly then; the rest of a jiffy is the tolerance, for a
	# driver that reads the clock again as it arms. A plain item sleeps
	# out the period on the timer wheel and is due when it wakes: at least
	# a period later, less a jiffy the tick may lag behind the clock.
	tick=$((1000000000 / $(info_get hz)))
	f=$BATS_TEST_TMPDIR/events
	wqctl -j events --count 20 >"$f" 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	# On CPU 0: each due time is then read on the clock of the CPU that
	# read the end it is measured from (see 20-work's lateness test).
	wqctl work submit --cpu 0 --period 30ms --count 5 --name dp --delay 0 --busy 3ms >/dev/null
	wqctl work submit --cpu 0 --period 30ms --count 5 --name dn --delay 0 >/dev/null
	wqctl work submit --cpu 0 --period 30ms --count 5 --name pp --busy 3ms >/dev/null
	wqctl work submit --cpu 0 --period 30ms --count 5 --name pn >/dev/null
	finish 60 $pid
	# Per run after the first: the item, the run, and how long after the
	# previous run's end plus the period it was due.
	run jq -sr 'group_by(.item)[] | sort_by(.run) | . as $r |
		range(1; length) as $k |
		"\($r[$k].name) \($r[$k].run) \($r[$k].due_ns - $r[$k - 1].time_ns -
			$r[$k - 1].runtime_ns - 30000000)"' "$f"
	assert_success
	assert_equal "${#lines[@]}" 16
	for line in "${lines[@]}"; do
		read -r name r late <<<"$line"
		echo "$name run $r: due $late ns after the last end + the period (a jiffy: $tick ns)"
		case $name in
		dp | dn)
			[ "$late" -ge 0 ]
			[ "$late" -lt "$tick" ]
			;;
		pp | pn)
			[ "$late" -ge $((-tick)) ]
			;;
		*) false ;;
		esac
	done
}

@test "two readers see the same runs, in the same order" {
	wqctl -j events --count 10 >"$BATS_TEST_TMPDIR/r1" 3>&- &
	p1=$!
	wqctl -j events --count 10 >"$BATS_TEST_TMPDIR/r2" 3>&- &
	p2=$!
	wait_until 20 has_stream $p1
	wait_until 20 has_stream $p2
	wqctl work submit --delay 0 --period 10ms --count 10 >/dev/null
	finish 60 $p1
	finish 60 $p2
	r1=$(jq -c '[.item, .run, .time_ns, .cpu]' "$BATS_TEST_TMPDIR/r1")
	r2=$(jq -c '[.item, .run, .time_ns, .cpu]' "$BATS_TEST_TMPDIR/r2")
	assert_equal "$(wc -l <<<"$r1")" 10
	assert_equal "$r1" "$r2"
}

@test "a reader that does not read loses the oldest runs and is told how many" {
	go=$BATS_TEST_TMPDIR/go
	out=$BATS_TEST_TMPDIR/out
	mkfifo "$go"
	wqd-events -r 16 drain <"$go" >"$out" 3>&- &
	pid=$!
	exec 4>"$go"
	wait_until 20 grep -q ready "$out"
	id=$(wqctl work submit --delay 0 --period 1ms --count 100)
	wait_until 60 state_is "$id" done
	echo go >&4
	exec 4>&-
	finish 20 $pid
	# 100 runs into a ring of 16: the last 16 kept, 84 counted as lost.
	run cat "$out"
	assert_line "runs 16 dropped 84 first 84 last 99"
}

@test "wqctl events tells the loss in the stream, and goes on" {
	# Stopped before it can read, then let go: its ring of 16 overflowed.
	wqctl -j events --ring 16 --count 30 >"$BATS_TEST_TMPDIR/ev" 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	kill -STOP $pid
	id=$(wqctl work submit --delay 0 --period 1ms --count 50)
	wait_until 60 state_is "$id" done
	kill -CONT $pid
	# The loss and the 16 runs kept, read before more runs come.
	wait_until 20 lines_at_least "$BATS_TEST_TMPDIR/ev" 17
	wqctl work submit --delay 0 --period 1ms --count 14 >/dev/null
	finish 60 $pid
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/ev")" 31
	# One loss record, of 34 runs, where it happened: before the oldest
	# run kept.
	run jq -s -c '[.[] | select(has("dropped")) | .dropped], .[0].dropped, .[1].run' \
		"$BATS_TEST_TMPDIR/ev"
	assert_output $'[34]\n34\n34'
}

@test "poll() says nothing is ready until a run, then wakes" {
	run wqd-events poll 300
	assert_success
	assert_output $'ready\ntimeout'
	out=$BATS_TEST_TMPDIR/out
	wqd-events poll 30000 >"$out" 3>&- &
	pid=$!
	wait_until 20 grep -q ready "$out"
	id=$(wqctl work submit)
	finish 40 $pid
	run cat "$out"
	assert_line --index 1 readable
	assert_line --index 2 "item $id run 0"
}

@test "closed streams are freed: 100 one after another, then the module unloads" {
	# The module allows 64 streams at once: each close must free one.
	run wqd-events churn 100
	assert_success
	assert_output ok
	# A reader killed outright frees its stream too.
	wqctl events >/dev/null 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	kill -KILL $pid
	wait $pid || true
	run rmmod wqdemo
	assert_success
	insmod "$WQD_KO"
}

@test "--queue and --item deliver only the runs they match" {
	qid=$(wqctl queue create fq)
	# Armed once both readers have subscribed (the mod below).
	target=$(wqctl work submit --name target --delay 60s --period 20ms --count 4)
	wqctl -j events --queue fq --count 4 >"$BATS_TEST_TMPDIR/q" 3>&- &
	pq=$!
	wqctl -j events --item target --count 4 >"$BATS_TEST_TMPDIR/i" 3>&- &
	pi=$!
	wait_until 20 has_stream $pq
	wait_until 20 has_stream $pi
	wqctl work mod target --delay 0 >/dev/null
	# Noise on another queue, and the runs the queue filter wants.
	wqctl work submit --delay 0 --period 10ms --count 8 >/dev/null
	wqctl work submit --queue fq --period 10ms --count 4 >/dev/null
	finish 60 $pq
	finish 60 $pi
	# Four runs each, all of fq's, all of the target's, in order.
	run jq -n -c --slurpfile q "$BATS_TEST_TMPDIR/q" --slurpfile i "$BATS_TEST_TMPDIR/i" \
		'[($q | length), ($q | map(.queue) | unique)],
		 [($i | length), ($i | map(.item) | unique), ($i | map(.run))]'
	assert_output $'[4,['"$qid"$']]\n[4,['"$target"'],[0,1,2,3]]'
}

@test "events prints seed-style lines and runs until SIGINT, then exits 0" {
	out=$BATS_TEST_TMPDIR/out
	wqctl events --follow >"$out" 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	wqctl work submit --name f --period 20ms --count 2 >/dev/null
	wqctl work submit --delay 0 >/dev/null
	wait_until 20 grep -q 'f:1' "$out"
	wait_until 20 grep -q 'dly_work_func' "$out"
	kill -INT $pid
	wait $pid
	run cat "$out"
	assert_line --regexp '^ *[0-9]+\.[0-9]{6} cpu[0-9]+ work_func, f:0 late -?[0-9.]+ [num]?s run [0-9.]+ [num]?s$'
	assert_line --regexp '^ *[0-9]+\.[0-9]{6} cpu[0-9]+ work_func, f:1 late .* \(last\)$'
	assert_line --regexp '^ *[0-9]+\.[0-9]{6} cpu[0-9]+ dly_work_func, #[0-9]+:0 late .* \(last\)$'
}

@test "events: --follow with --count N stops after N runs, exit 0" {
	f=$BATS_TEST_TMPDIR/fc
	wqctl -j events --follow --count 3 >"$f" 3>&- &
	pid=$!
	wait_until 20 has_stream $pid
	wqctl work submit --period 10ms --count 6 >/dev/null
	finish 60 $pid
	assert_equal "$(wc -l <"$f")" 3
}

@test "events: usage errors and a ring the kernel refuses" {
	run wqctl events --count x
	assert_failure 2
	run wqctl events --ring 3
	assert_failure 1
	assert_output --partial "power of two"
	run wqctl events --item nosuch
	assert_failure 1
	assert_output --partial "No such file or directory (no such item)"
}

@test "stats --hist: each histogram adds up to the executed count" {
	wqctl queue create hq
	id=$(wqctl work submit --queue hq --delay 0 --period 10ms --count 20 --busy 100us)
	other=$(wqctl work submit --period 10ms --count 7)
	wait_until 60 state_is "$id" done
	wait_until 60 state_is "$other" done
	run wqctl -j stats --hist --queue hq
	assert_success
	# Queues listed, hq's runs, the histograms' queue, each one's total,
	# and (a 100 us busy payload) no run in a bucket below 2^16 ns.
	run jq -c '[(.queues | length), .queues[0].executed, .hist.queue,
		([.hist.lateness_ns[].count] | add),
		([.hist.runtime_ns[].count] | add),
		.hist.runtime_ns[0].low >= 65536]' <<<"$output"
	assert_output "[1,20,$(queue_get hq id),20,20,true]"

	run wqctl -j stats --hist
	assert_success
	# Without --queue: every queue's runs, 20 + 7, in both histograms.
	run jq -c '[([.queues[].executed] | add), .hist.queue,
		([.hist.lateness_ns[].count] | add),
		([.hist.runtime_ns[].count] | add)]' <<<"$output"
	assert_output "[27,null,27,27]"

	run wqctl stats --hist --queue hq
	assert_success
	assert_line "lateness, queue hq:"
	assert_line "runtime, queue hq:"
	assert_line --regexp '^ +ns +: count +distribution$'
	assert_line --regexp '^ *[0-9]+ -> [0-9]+ +: [1-9][0-9]* +\|\*+ *\|$'
}

@test "watch: plain blocks into a pipe, a JSON line per refresh, --count stops it" {
	id=$(wqctl work submit --name w --period 50ms)
	run wqctl watch --interval 300ms --count 3
	assert_success
	refute_output --partial $'\e'
	assert_equal "$(grep -c '^ID  *QUEUE ' <<<"$output")" 3
	assert_line --regexp "^$id +w +system +work +[a-z]+ +[0-9]+ +"

	run wqctl -j watch --interval 500ms --count 2
	assert_success
	assert_equal "${#lines[@]}" 2
	# No rate before a second sample; then the item's and its queue's.
	run jq -s -c '[.[0].items[0].runs_per_s, .[1].items[0].name,
		.[1].items[0].runs_per_s > 0, .[1].queues[0].runs_per_s > 0]' <<<"$output"
	assert_output '[null,"w",true,true]'
}

@test "demo prints the tutorial's log, cancels, and leaves nothing behind" {
	run wqctl demo --duration 3s
	assert_success
	assert_line --index 0 --regexp '^\[ +0\.[0-9]{6}\] init work$'
	assert_line --regexp '^\[ +[0-9]+\.[0-9]{6}\] cpu[0-9]+ work_func, a:0$'
	assert_line --regexp '^\[ +[0-9]+\.[0-9]{6}\] cpu[0-9]+ dly_work_func, b:0$'
	assert_line --regexp '^\[ +[0-9]+\.[0-9]{6}\] cpu[0-9]+ work_func, c:0$'
	assert_line --regexp '^\[ +[0-9]+\.[0-9]{6}\] cpu[0-9]+ dly_work_func, d:0$'
	assert_line --regexp '^\[ +[0-9]+\.[0-9]{6}\] cpu[0-9]+ work_func, a:1$'
	assert_line --regexp '^\[ +[3-9]\.[0-9]{6}\] cancel work$'
	assert_line --regexp '^a +work_func +system +[0-9]+ '
	assert_line --regexp '^d +dly_work_func +demo +[0-9]+ '
	assert_output --partial "jiffies"
	assert_nothing_left
}

@test "demo -j: a JSON line per run, then the summary" {
	run wqctl -j demo --duration 2500ms
	assert_success
	# Every line a document of its own, the last the summary: for each
	# task, its run count is the number of its lines, and the first is 0.
	run jq -R -s -r --argjson hz "$(info_get hz)" '
		split("\n")[:-1] | map(fromjson) | .[:-1] as $runs | .[-1].summary |
		(.hz == $hz),
		(.tasks[] | . as $t | [$runs[] | select(.name == $t.name)] |
		 "\($t.name) \($t.kind) \($t.runs == length) \(.[0].run)")' <<<"$output"
	assert_success
	assert_output $'true\na work true 0\nb delayed true 0\nc work true 0\nd delayed true 0'
	assert_nothing_left
}

@test "demo: SIGINT cleans up the same way and exits 0" {
	out=$BATS_TEST_TMPDIR/out
	wqctl demo --duration 60s >"$out" 3>&- &
	pid=$!
	wait_until 30 grep -q 'd:0' "$out"
	kill -INT $pid
	wait $pid
	run cat "$out"
	assert_line --regexp 'cancel work$'
	assert_line --regexp '^b +dly_work_func +system +[0-9]+ '
	assert_nothing_left
}

@test "demo refuses a leftover queue 'demo' and says how to remove it" {
	wqctl queue create demo
	run wqctl demo --duration 1s
	assert_failure 1
	assert_output --partial "File exists"
	assert_output --partial "wqctl queue destroy demo"
	assert_equal "$(info_get nr_items)" 0
}

@test "stats --hist --item: an item submitted with --hist has its own histograms" {
	id=$(wqctl work submit --name hi --hist --delay 0 --period 20ms --count 7)
	# Runs of another item on the same queue stay out of them.
	plain=$(wqctl work submit --name plain --period 10ms --count 3)
	wait_until 60 state_is "$id" done
	wait_until 60 state_is "$plain" done
	run wqctl -j stats --hist --item "$id"
	assert_success
	assert_equal "$(jq '.hist.item' <<<"$output")" "$id"
	assert_equal "$(jq '.hist | has("queue")' <<<"$output")" false
	assert_equal "$(jq '[.hist.lateness_ns[].count] | add' <<<"$output")" 7
	assert_equal "$(jq '[.hist.runtime_ns[].count] | add' <<<"$output")" 7
	# The counters are still every queue's.
	[ "$(jq '.queues | length' <<<"$output")" -gt 1 ]

	run wqctl stats --hist --item hi
	assert_success
	assert_line "lateness, item $id (hi):"
	assert_line "runtime, item $id (hi):"
	assert_line --regexp '^ *[0-9]+ -> [0-9]+ +: [1-9][0-9]* +\|\*+ *\|$'

	# Without --hist at submit, the kernel keeps none for the item.
	run wqctl stats --hist --item "$plain"
	assert_failure 1
	assert_output "wqctl: item '$plain': Invalid argument (submitted without --hist)"
	run wqctl -j stats --hist --item plain
	assert_failure 1
	assert_equal "$(jq -r .error <<<"$output")" "item 'plain': Invalid argument (submitted without --hist)"
	run wqctl stats --hist --item 999999
	assert_failure 1
	assert_output --partial "No such file or directory (no such item)"
	# --item needs --hist, and is not for --queue's company.
	run wqctl stats --item "$id"
	assert_failure 2
	run wqctl stats --hist --item "$id" --queue system
	assert_failure 2
}
