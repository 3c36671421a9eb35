# SPDX-License-Identifier: GPL-2.0
#
# bash completion for wqctl(8): objects, commands, each command's options,
# and queue names and item ids and labels, asked of the live device.
# Without a device (module not loaded, no permission) those last complete
# to nothing. Needs no jq: the JSON is cut up with sed.
#
# The three functions below are the grammar, in step with "wqctl --help",
# each "wqctl OBJECT COMMAND --help" and the man pages;
# tests/unit/consistency.sh reads their case lines and fails on any
# difference. One line per command, options on that line. --help, which
# every command takes, is added where an option is being completed.

_wqctl_objects()
{
	echo 'info queue work stats events watch reset demo help'
}

# The commands of an object; nothing for an object that is a command.
_wqctl_commands()
{
	case $1 in
	queue) echo 'list create show flush drain destroy' ;;
	work) echo 'list submit show cancel flush mod' ;;
	esac
}

# The options of a command ("global": those before OBJECT).
_wqctl_options()
{
	case $1 in
	global) echo '-j --json -p --pretty -D --device -h --help --version' ;;
	'queue create') echo '--legacy --legacy-single --ordered --unbound --highpri --cpu-intensive --freezable --mem-reclaim --sysfs --power-efficient --bh --max-active' ;;
	'work submit') echo '--queue --delay --period --count --busy --sleep --cpu --name --owned --instances --hist' ;;
	'work list') echo '--queue' ;;
	'work cancel') echo '--async' ;;
	'work mod') echo '--delay' ;;
	stats) echo '--hist --queue --item' ;;
	events) echo '--queue --item --count --follow -f --ring' ;;
	watch) echo '--interval --count' ;;
	demo) echo '--duration' ;;
	esac
}

# Options whose next word is their argument.
_wqctl_takes_arg()
{
	case $1 in
	-D | --device | --queue | --item | --count | --ring | --interval | \
	--duration | --delay | --period | --busy | --sleep | --cpu | --name | \
	--instances | --max-active)
		return 0 ;;
	esac
	return 1
}

# _wqctl_expand WORD LIST...: the word of LIST that WORD selects, the way
# wqctl matches them: an exact match, else the only one WORD begins.
_wqctl_expand()
{
	local word=$1 w found=
	shift
	for w; do
		[[ $w == "$word" ]] && { echo "$w"; return; }
		if [[ $w == "$word"* ]]; then
			[[ -n $found ]] && return
			found=$w
		fi
	done
	[[ -n $found ]] && echo "$found"
}

# _wqctl_list WQCTL DEVICE OBJECT: "wqctl -j OBJECT list", one JSON object
# a line; nothing at all when wqctl fails (then stdout holds an error).
_wqctl_list()
{
	local out to=

	command -v timeout >/dev/null 2>&1 && to='timeout 2'
	out=$($to "$1" ${2:+-D "$2"} -j "$3" list 2>/dev/null </dev/null) || return 0
	[[ $out == '['* ]] || return 0
	# Array elements are "},{" apart; nested objects never are.
	printf '%s\n' "$out" | sed 's/},{/}\n{/g'
}

# _wqctl_queues WQCTL DEVICE [user]: queue names, or user queues' only.
_wqctl_queues()
{
	local list

	list=$(_wqctl_list "$1" "$2" queue)
	[[ ${3-} == user ]] && list=$(printf '%s\n' "$list" | grep -v '"builtin":true')
	printf '%s\n' "$list" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p'
}

# _wqctl_items WQCTL DEVICE: item ids, and the labels that name one item.
_wqctl_items()
{
	local list

	list=$(_wqctl_list "$1" "$2" work)
	printf '%s\n' "$list" | sed -n 's/.*"id":\([0-9]*\).*/\1/p'
	printf '%s\n' "$list" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p' |
		sort | uniq -u
}

# _wqctl_reply WORDS CUR: the words of WORDS that complete CUR.
_wqctl_reply()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_wqctl()
{
	local wqctl=$1 cur=${COMP_WORDS[COMP_CWORD]} prev='' dev='' obj='' cmd=''
	local i w nargs=0 want='' arg1=''
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# The words before the cursor: global options, OBJECT, COMMAND, and
	# how many arguments the command has already.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $obj ]]; then
			case $w in
			-D | --device)
				((i + 1 < COMP_CWORD)) && dev=${COMP_WORDS[i + 1]}
				((i++)) ;;
			-*) ;;
			*)
				# shellcheck disable=SC2046 # a list of words
				obj=$(_wqctl_expand "$w" $(_wqctl_objects))
				[[ -n $obj ]] || return 0
				[[ -n $(_wqctl_commands "$obj") ]] || cmd=$obj ;;
			esac
		elif [[ -z $cmd ]]; then
			# shellcheck disable=SC2046 # a list of words
			w=$(_wqctl_expand "$w" $(_wqctl_commands "$obj") help)
			[[ -n $w && $w != help ]] || return 0
			cmd="$obj $w"
		elif _wqctl_takes_arg "$w"; then
			((i++))
		elif [[ $w != -* ]]; then
			((nargs++ == 0)) && arg1=$w
		fi
	done
	# Device paths may start with ~; the shell expands them for wqctl.
	[[ $dev == '~'* ]] && dev=$HOME${dev#'~'}

	if [[ -z $obj ]]; then
		case $prev in
		-D | --device)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return 0 ;;
		esac
		if [[ $cur == -* ]]; then
			_wqctl_reply "$(_wqctl_options global)" "$cur"
		else
			_wqctl_reply "$(_wqctl_objects)" "$cur"
		fi
		return 0
	fi
	if [[ -z $cmd ]]; then
		_wqctl_reply "$(_wqctl_commands "$obj") help" "$cur"
		return 0
	fi

	case $prev in
	--queue)
		_wqctl_reply "$(_wqctl_queues "$wqctl" "$dev")" "$cur"
		return 0 ;;
	--item)
		_wqctl_reply "$(_wqctl_items "$wqctl" "$dev")" "$cur"
		return 0 ;;
	esac
	# Any other option's argument is a number, a duration or a label.
	_wqctl_takes_arg "$prev" && return 0

	# The argument the command wants, while it has none.
	if ((nargs == 0)); then
		case $cmd in
		'queue create') want=name ;;
		'queue show') want=queue ;;
		'queue flush' | 'queue drain' | 'queue destroy') want=user-queue ;;
		'work show' | 'work cancel' | 'work flush' | 'work mod') want=item ;;
		help) want=object ;;
		esac
	elif ((nargs == 1)) && [[ $cmd == help ]]; then
		want=subcommand
	fi
	if [[ $cur == -* || -z $want ]]; then
		[[ $cmd == help ]] && return 0
		# --help only for a word that is an option already: alone, it
		# would be inserted at an empty word.
		if [[ $cur == -* ]]; then
			_wqctl_reply "$(_wqctl_options "$cmd") --help" "$cur"
		else
			_wqctl_reply "$(_wqctl_options "$cmd")" "$cur"
		fi
		return 0
	fi
	case $want in
	queue)
		_wqctl_reply "$(_wqctl_queues "$wqctl" "$dev")" "$cur" ;;
	user-queue)
		_wqctl_reply "$(_wqctl_queues "$wqctl" "$dev" user)" "$cur" ;;
	item)
		_wqctl_reply "$(_wqctl_items "$wqctl" "$dev")" "$cur" ;;
	object)
		_wqctl_reply "$(_wqctl_objects)" "$cur" ;;
	subcommand)
		# shellcheck disable=SC2046 # a list of words
		w=$(_wqctl_expand "$arg1" $(_wqctl_objects))
		[[ -n $w ]] && _wqctl_reply "$(_wqctl_commands "$w")" "$cur" ;;
	esac
	return 0
}

complete -F _wqctl wqctl
