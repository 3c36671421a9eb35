#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# completion.sh COMPLETION: the bash completion of wqctl, word by word,
# against a stand-in wqctl that prints what "wqctl -j queue list" and
# "wqctl -j work list" print on a device with a few queues and items, and
# fails the way wqctl does when the device is missing.
set -uo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 COMPLETION" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fake=$tmp/wqctl
cat >"$fake" <<'FAKE'
#!/bin/bash
# -D /missing: what wqctl -j says without a module.
if [ "$1" = -D ]; then
	[ "$2" = /missing ] && { echo '{"error":"/missing: No such file or directory"}'; exit 1; }
	shift 2
fi
case "$*" in
"-j queue list")
	echo '[{"id":1,"name":"system","builtin":true,"kind":"builtin","flags":[],"max_active":0,"items":2,"queued":5,"executed":3,"cancelled":0,"running":0,"max_running":1},{"id":2,"name":"system_highpri","builtin":true,"kind":"builtin","flags":["highpri"],"max_active":0,"items":0,"queued":0,"executed":0,"cancelled":0,"running":0,"max_running":0},{"id":16,"name":"myq","builtin":false,"kind":"ordered","flags":["unbound"],"max_active":1,"items":1,"queued":1,"executed":1,"cancelled":0,"running":0,"max_running":1}]' ;;
"-j work list")
	echo '[{"id":1,"name":"tick","queue":"system","queue_id":1,"kind":"work","state":"idle","runs":1,"count":0,"period_ns":1000000000,"delay_ns":0,"busy_ns":0,"sleep_ns":0,"cpu":null,"last_cpu":0,"last_pid":12,"submit_ns":1,"last_run_ns":2,"lateness_ns":{"min":0,"avg":0,"max":0},"runtime_ns":{"min":1,"avg":1,"max":1},"owned":false},{"id":7,"name":null,"queue":"system","queue_id":1,"kind":"delayed","state":"pending","runs":0,"count":1,"period_ns":0,"delay_ns":5,"busy_ns":0,"sleep_ns":0,"cpu":null,"last_cpu":null,"last_pid":0,"submit_ns":1,"last_run_ns":0,"lateness_ns":{"min":0,"avg":0,"max":0},"runtime_ns":{"min":0,"avg":0,"max":0},"owned":false},{"id":8,"name":"dup","queue":"myq","queue_id":16,"kind":"work","state":"done","runs":1,"count":1,"period_ns":0,"delay_ns":0,"busy_ns":0,"sleep_ns":0,"cpu":1,"last_cpu":1,"last_pid":13,"submit_ns":1,"last_run_ns":2,"lateness_ns":{"min":0,"avg":0,"max":0},"runtime_ns":{"min":0,"avg":0,"max":0},"owned":true},{"id":9,"name":"dup","queue":"myq","queue_id":16,"kind":"work","state":"done","runs":1,"count":1,"period_ns":0,"delay_ns":0,"busy_ns":0,"sleep_ns":0,"cpu":null,"last_cpu":0,"last_pid":13,"submit_ns":1,"last_run_ns":2,"lateness_ns":{"min":0,"avg":0,"max":0},"runtime_ns":{"min":0,"avg":0,"max":0},"owned":false}]' ;;
*)
	echo "fake wqctl: unexpected: $*" >&2
	exit 2 ;;
esac
FAKE
chmod +x "$fake"

# shellcheck source=/dev/null
. "$1" || exit 1

failed=0
# check 'WORDS TYPED' 'EXPECTED REPLIES': the cursor is at the end of the
# line; a line ending in a space completes an empty word.
check() {
	local line=$1 want=$2 got
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_WORDS[0]=$fake
	COMPREPLY=()
	_wqctl "$fake" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	# Joined with spaces; not by xargs, which would run "echo --help".
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd ' ' | sed 's/^ *//')
	want=$(printf '%s\n' "$want" | tr ' ' '\n' | sort | paste -sd ' ' | sed 's/^ *//')
	if [ "$got" != "$want" ]; then
		echo "not ok: '$line': got '$got', want '$want'"
		failed=$((failed + 1))
	else
		echo "ok: '$line' -> '$got'"
	fi
}

check 'wqctl ' 'info queue work stats events watch reset demo help'
check 'wqctl q' 'queue'
check 'wqctl -j --pretty w' 'work watch'
check 'wqctl --' '--json --pretty --device --help --version'
check 'wqctl queue ' 'list create show flush drain destroy help'
check 'wqctl q cr --l' '--legacy --legacy-single'
check 'wqctl queue create ' ''
check 'wqctl queue create q1 --max' '--max-active'
check 'wqctl queue create q1 --h' '--highpri --help'
check 'wqctl queue show ' 'system system_highpri myq'
check 'wqctl queue destroy ' 'myq'
check 'wqctl queue destroy myq ' ''
check 'wqctl work submit ' '--queue --delay --period --count --busy --sleep --cpu --name --owned --instances --hist'
check 'wqctl work submit -' '--queue --delay --period --count --busy --sleep --cpu --name --owned --instances --hist --help'
check 'wqctl work submit --h' '--hist --help'
check 'wqctl work submit --queue s' 'system system_highpri'
check 'wqctl work submit --period ' ''
check 'wqctl work cancel ' '1 7 8 9 tick'
check 'wqctl work cancel ti' 'tick'
check 'wqctl work cancel 7 ' '--async'
check 'wqctl wo mod 7 ' '--delay'
check 'wqctl queue show system --' '--help'
check 'wqctl work list --' '--queue --help'
check 'wqctl w ' ''
check 'wqctl work list --queue m' 'myq'
check 'wqctl stats --' '--hist --queue --item --help'
check 'wqctl stats --hist --item ' '1 7 8 9 tick'
check 'wqctl stats --hist --item 7 --' '--hist --queue --item --help'
check 'wqctl info ' ''
check 'wqctl info -' '--help'
check 'wqctl events --item ' '1 7 8 9 tick'
check 'wqctl events --queue myq --' '--queue --item --count --follow --ring --help'
check 'wqctl events --count 3 --f' '--follow'
check 'wqctl events --follow --c' '--count'
check 'wqctl watch --' '--interval --count --help'
check 'wqctl demo ' '--duration'
check 'wqctl help ' 'info queue work stats events watch reset demo help'
check 'wqctl help queue ' 'list create show flush drain destroy'
check 'wqctl help wo s' 'submit show'
check 'wqctl help stats ' ''
check 'wqctl help queue list ' ''
check 'wqctl -D /missing work cancel ' ''
check 'wqctl -D /missing queue show ' ''
check 'wqctl -D /missing stats --queue ' ''
check 'wqctl bogus ' ''
check 'wqctl queue bogus ' ''

[ $failed = 0 ] && echo "completion: ok" || echo "completion: $failed FAILED"
[ $failed = 0 ]
