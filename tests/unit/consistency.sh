#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# consistency.sh WQCTL COMPLETION PAGE...: do "wqctl --help", each
# command's own help, the man pages and the bash completion name the same
# commands and the same options?
#
# Each source is boiled down to lines "OBJECT [COMMAND]" for a command and
# "OBJECT [COMMAND] --option" for each of its options ("global --json"
# for the options before OBJECT); then every line that one source has and
# another lacks is listed, and the test fails. Options are the long ones,
# the --[a-z-]+ tokens of each command's part of the text.
#
#   help:       the grammar lines of "wqctl --help" and of "wqctl OBJECT
#               help" for each OBJECT there (which must agree), its
#               Options: section
#   command help: "wqctl OBJECT [COMMAND] --help" for every command of
#               the grammar, which must print help: its synopsis (the
#               "Usage:" lines) and its Options: section, a line per
#               option, which must agree with each other and with the
#               grammar; an example that names the command; and the same
#               text from -h, "help" after the command, and "wqctl help
#               OBJECT [COMMAND]"
#   man pages:  in GLOBAL OPTIONS and COMMANDS, the tag line after each
#               .TP: "wqctl ..." starts a command, "-..." are its options.
#               The PAGEs are those installed, wqctl.8 and a wqctl-OBJECT.8
#               for each OBJECT of the grammar but help, and must be every
#               wqctl*.8 beside them; a command's tags belong in its
#               object's page, the global options' and help's in wqctl.8;
#               each page's SEE ALSO names every other page
#   completion: the case lines of _wqctl_objects, _wqctl_commands and
#               _wqctl_options
#
# Needs no kernel: wqctl prints help without opening a device (and is
# pointed at one that cannot exist, to be sure).
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 WQCTL COMPLETION PAGE..." >&2
	exit 2
fi
wqctl=$1
comp=$2
shift 2
pages=("$@")
nodev=/nonexistent/wqdemo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The awk below turns grammar lines into entries:
#   wqctl queue create NAME [--legacy|...]       -> "queue create" + options
#   wqctl queue list | show Q | flush Q          -> "queue list", ...
#   wqctl stats [--hist] [--queue Q]             -> "stats" + options
#   indented lines continue the command before (see parse_usage).
# Functions shared by the help and the man page parsers.
awk_lib='
function opts(cmd, text) {
	if (quiet)
		return
	while (match(text, /--[a-z][a-z-]*/)) {
		print cmd " " substr(text, RSTART, RLENGTH)
		text = substr(text, RSTART + RLENGTH)
	}
}
# One "wqctl OBJECT ..." line; sets cmd to the last command named.
function grammar(line,    rest, n, seg, i, s, w) {
	split(line, w, " ")
	obj = w[2]
	rest = line
	sub(/^wqctl +[a-z]+/, "", rest)
	n = split(rest, seg, / \| /)
	if (n == 0)
		seg[n = 1] = ""
	for (i = 1; i <= n; i++) {
		s = seg[i]
		sub(/^ +/, "", s)
		split(s, w, " ")
		if (i == 1 && w[1] !~ /^[a-z]+$/)
			cmd = obj
		else
			cmd = obj " " w[1]
		print cmd
		opts(cmd, s)
	}
}
'

# parse_usage: grammar lines on stdin, entries on stdout. An indented
# line that starts with "[", "-" or "|" continues the grammar of the
# command above; other indented lines are prose ("e.g. ... | jq ...")
# and do not count.
parse_usage() {
	awk "$awk_lib"'
	/^wqctl [a-z]/ { grammar($0); next }
	/^[ \t]+[[|-]/ && cmd != "" { opts(cmd, $0); next }
	/^[ \t]/ { next }
	{ cmd = "" }
	'
}

fail=0

# --- (a) the program's help ------------------------------------------------
if ! "$wqctl" -D "$nodev" --help >"$tmp/help.txt" 2>"$tmp/err"; then
	echo "consistency: '$wqctl --help' failed:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
{
	parse_usage <"$tmp/help.txt"
	# "wqctl -h|--help|help [OBJECT ...]": help is an object of its own.
	grep -q '|help \[OBJECT' "$tmp/help.txt" && echo help
	# Options: "  -j, --json   ..." up to the next blank line; a line
	# that does not start with an option continues the help of the one
	# above it.
	awk '/^Options:/ { on = 1; next } on && /^$/ { on = 0 }
	     on && /^  (-[A-Za-z], |    )--/ && match($0, /--[a-z][a-z-]*/) {
		print "global " substr($0, RSTART, RLENGTH)
	     }' \
		"$tmp/help.txt"
} | sort -u >"$tmp/help"

# A command's help starts "Usage: wqctl ...": the grammar, once that goes.
strip_usage() {
	sed 's/^Usage: //'
}

objects=$(awk '/^wqctl [a-z]/ { print $2 }' "$tmp/help.txt" | sort -u)
: >"$tmp/objhelp"
for obj in $objects; do
	if ! "$wqctl" -D "$nodev" "$obj" help >"$tmp/obj.txt" 2>"$tmp/err"; then
		echo "consistency: 'wqctl $obj help' failed:" >&2
		cat "$tmp/err" >&2
		fail=1
		continue
	fi
	strip_usage <"$tmp/obj.txt" | parse_usage >>"$tmp/objhelp"
done
sort -u -o "$tmp/objhelp" "$tmp/objhelp"
# "wqctl --help" is the objects' help put together: it must say the same.
grep -v -e '^global ' -e '^help$' "$tmp/help" >"$tmp/help.grammar" || true
if ! cmp -s "$tmp/help.grammar" "$tmp/objhelp"; then
	echo "consistency: 'wqctl --help' and 'wqctl OBJECT help' differ:"
	comm -23 "$tmp/help.grammar" "$tmp/objhelp" | sed 's/^/  only in --help: /'
	comm -13 "$tmp/help.grammar" "$tmp/objhelp" | sed 's/^/  only in OBJECT help: /'
	fail=1
fi

# --- (a') each command's help ----------------------------------------------
# "wqctl OBJECT [COMMAND] --help" for every command: it must print help,
# without a device, and its synopsis, its Options: section and the
# grammar of "wqctl --help" must give the command the same options.
: >"$tmp/cmdhelp"
while read -r cmd; do
	# "queue create": the entries of this command in a list of entries.
	only_cmd() {
		awk -v c="$cmd" '$0 == c || index($0, c " --") == 1' "$@"
	}
	# shellcheck disable=SC2086 # cmd is one or two words
	if ! "$wqctl" -D "$nodev" $cmd --help >"$tmp/cmd.txt" 2>"$tmp/err"; then
		echo "consistency: 'wqctl $cmd --help' failed:"
		sed 's/^/  /' "$tmp/err"
		fail=1
		continue
	fi
	# The same help, asked for the other ways.
	for ask in "$cmd -h" "$cmd help" "help $cmd"; do
		# shellcheck disable=SC2086 # words
		if ! "$wqctl" -D "$nodev" $ask 2>&1 | cmp -s - "$tmp/cmd.txt"; then
			echo "consistency: 'wqctl $ask' is not what 'wqctl $cmd --help' prints"
			fail=1
		fi
	done
	strip_usage <"$tmp/cmd.txt" | parse_usage | only_cmd | sort -u >"$tmp/cmd.syn"
	# Options: "  -f, --follow   ...", "      --queue Q  ...", up to a
	# blank line; --help is every command's. A help too long for its line
	# goes on under itself, on lines that start with spaces, not options.
	awk -v c="$cmd" '/^Options:/ { on = 1; next } on && /^$/ { on = 0 }
	     on && /^  (-[A-Za-z], |    )--/ && match($0, /--[a-z][a-z-]*/) {
		o = substr($0, RSTART, RLENGTH)
		if (o != "--help")
			print c " " o
	     }' "$tmp/cmd.txt" | sort -u >"$tmp/cmd.opts"
	{ echo "$cmd"; cat "$tmp/cmd.opts"; } | sort -u >"$tmp/cmd.got"
	only_cmd "$tmp/help" >"$tmp/cmd.want"
	if ! cmp -s "$tmp/cmd.syn" "$tmp/cmd.got"; then
		echo "consistency: 'wqctl $cmd --help': synopsis and Options: differ:"
		comm -23 "$tmp/cmd.syn" "$tmp/cmd.got" | sed 's/^/  not described: /'
		comm -13 "$tmp/cmd.syn" "$tmp/cmd.got" | sed 's/^/  not in the synopsis: /'
		fail=1
	fi
	if ! cmp -s "$tmp/cmd.want" "$tmp/cmd.got"; then
		echo "consistency: 'wqctl $cmd --help' disagrees with 'wqctl --help':"
		comm -23 "$tmp/cmd.want" "$tmp/cmd.got" | sed 's/^/  only in --help: /'
		comm -13 "$tmp/cmd.want" "$tmp/cmd.got" | sed 's/^/  only in the command help: /'
		fail=1
	fi
	if ! awk '/^Examples?:/ { on = 1; next } on && /^$/ { on = 0 } on' "$tmp/cmd.txt" |
		grep -Eq "wqctl( -[jp])* $cmd( |$)"; then
		echo "consistency: 'wqctl $cmd --help' has no example of 'wqctl $cmd'"
		fail=1
	fi
	cat "$tmp/cmd.got" >>"$tmp/cmdhelp"
done < <(grep -v -e '^global ' -e ' --' "$tmp/help")
sort -u -o "$tmp/cmdhelp" "$tmp/cmdhelp"

# --- (b) the man pages -----------------------------------------------------
# Every page beside the given ones is given: a page left out of the
# install list would go unread here and uninstalled.
mandir=$(dirname "${pages[0]}")
for page in "$mandir"/wqctl*.8; do
	given=0
	for p in "${pages[@]}"; do
		[ "$p" -ef "$page" ] && given=1
	done
	if [ $given = 0 ]; then
		echo "consistency: $(basename "$page") is not among the pages installed"
		fail=1
	fi
done
# The page of an entry: "global --json" and "help" in wqctl, "queue
# create --legacy" in wqctl-queue.
page_of() {
	case $1 in
	global\ * | help) echo wqctl ;;
	*) echo "wqctl-${1%% *}" ;;
	esac
}
# man_entries syn|tag PAGE: the options of each command from its synopsis
# (the "wqctl ..." tag) or from the option tags below it.
man_entries() {
	awk -v want="$1" "$awk_lib"'
	# A roff line as text: no macro, no font changes, no quotes, \- as -.
	function text(s) {
		sub(/^\.[A-Za-z]+[ \t]*/, "", s)
		gsub(/\\f(\[[A-Za-z]*\]|\(..|.)/, "", s)
		gsub(/\\-/, "-", s)
		gsub(/\\&/, "", s)
		gsub(/"/, "", s)
		return s
	}
	/^\.SH/ { sect = text($0); tag = 0; next }
	# want "see": the pages SEE ALSO names, "wqctl-queue (8)" as
	# "wqctl-queue".
	want == "see" && sect == "SEE ALSO" {
		line = text($0)
		while (match(line, /wqctl(-[a-z]+)? ?\(8\)/)) {
			p = substr(line, RSTART, RLENGTH)
			sub(/ ?\(8\)$/, "", p)
			print p
			line = substr(line, RSTART + RLENGTH)
		}
		next
	}
	want == "see" { next }
	sect != "GLOBAL OPTIONS" && sect != "COMMANDS" { next }
	/^\.TP/ { tag = 1; next }
	!tag { next }
	{
		tag = 0
		line = text($0)
		if (sect == "GLOBAL OPTIONS") {
			opts("global", line)
		} else if (line ~ /^wqctl [a-z]/) {
			quiet = want != "syn"
			grammar(line)
			quiet = 0
		} else if (line ~ /^-/ && cmd != "" && want == "tag") {
			opts(cmd, line)
		}
	}
	' "$2" | sort -u
}
: >"$tmp/man"
for page in "${pages[@]}"; do
	name=$(basename "$page" .8)
	man_entries syn "$page" >"$tmp/man.syn"
	man_entries tag "$page" >"$tmp/man.tag"
	if [ ! -s "$tmp/man.syn" ]; then
		echo "consistency: found nothing in $name.8: is the parser out of date?"
		exit 1
	fi
	# Every option in a command's synopsis has a tag that describes it.
	grep -v '^global ' "$tmp/man.tag" >"$tmp/man.tag.cmds" || true
	grep -v '^global ' "$tmp/man.syn" >"$tmp/man.syn.cmds" || true
	if ! cmp -s "$tmp/man.syn.cmds" "$tmp/man.tag.cmds"; then
		echo "consistency: $name.8: synopses and option tags differ:"
		comm -23 "$tmp/man.syn.cmds" "$tmp/man.tag.cmds" | sed 's/^/  not described: /'
		comm -13 "$tmp/man.syn.cmds" "$tmp/man.tag.cmds" | sed 's/^/  not in the synopsis: /'
		fail=1
	fi
	sort -u "$tmp/man.syn" "$tmp/man.tag" >"$tmp/man.page"
	while read -r entry; do
		if [ "$(page_of "$entry")" != "$name" ]; then
			echo "consistency: $name.8 has '$entry', which belongs in $(page_of "$entry").8"
			fail=1
		fi
	done <"$tmp/man.page"
	cat "$tmp/man.page" >>"$tmp/man"
	# SEE ALSO: wqctl(8) and every sibling, so that each page leads to
	# all the others.
	man_entries see "$page" >"$tmp/man.see"
	for p in "${pages[@]}"; do
		p=$(basename "$p" .8)
		if [ "$p" != "$name" ] && ! grep -qxF "$p" "$tmp/man.see"; then
			echo "consistency: $name.8: SEE ALSO lacks $p(8)"
			fail=1
		fi
	done
done
sort -u -o "$tmp/man" "$tmp/man"
# Every object has its page.
for obj in $objects; do
	[ "$obj" = help ] && continue
	found=0
	for p in "${pages[@]}"; do
		[ "$(basename "$p")" = "wqctl-$obj.8" ] && found=1
	done
	if [ $found = 0 ]; then
		echo "consistency: no page wqctl-$obj.8 among the pages installed"
		fail=1
	fi
done

# --- (c) the completion ----------------------------------------------------
# Quotes dropped first: "'queue create') echo '--legacy ...' ;;" is then
# "queue create) echo --legacy ... ;;".
tr -d "'" <"$comp" | awk '
/^_wqctl_[a-z_]+\(\)/ { fn = $1; sub(/\(\)$/, "", fn); next }
/^}/ { fn = "" }
# The words after "echo", up to ";;"
function list(line) {
	sub(/^.*echo[ \t]+/, "", line)
	sub(/[ \t]*;;.*$/, "", line)
	return line
}
function key(line) {
	sub(/^[ \t]*/, "", line)
	sub(/\).*$/, "", line)
	return line
}
fn == "_wqctl_objects" && /echo / { n = split(list($0), objs, " ") }
fn == "_wqctl_commands" && /^[ \t]*[a-z]+\) echo / { cmds[key($0)] = list($0) }
fn == "_wqctl_options" && /^[ \t]*[a-z][a-z ]*\) echo / {
	k = key($0)
	m = split(list($0), o, " ")
	for (i = 1; i <= m; i++)
		if (o[i] ~ /^--/)
			print k " " o[i]
}
END {
	for (i = 1; i <= n; i++) {
		if (!(objs[i] in cmds)) {
			print objs[i]
			continue
		}
		m = split(cmds[objs[i]], c, " ")
		for (j = 1; j <= m; j++)
			print objs[i] " " c[j]
	}
}
' | sort -u >"$tmp/comp"

# --- compare -------------------------------------------------------------
for src in help cmdhelp man comp; do
	if [ ! -s "$tmp/$src" ]; then
		echo "consistency: found nothing in the $src source: is the parser out of date?"
		exit 1
	fi
done
sort -u "$tmp/help" "$tmp/cmdhelp" "$tmp/man" "$tmp/comp" >"$tmp/all"
printf 'consistency: %s commands, %s options\n' \
	"$(grep -vc -e ' --' "$tmp/all" || true)" "$(grep -c -e ' --' "$tmp/all" || true)"
missing=0
while read -r entry; do
	where=""
	grep -qxF -- "$entry" "$tmp/help" || where+=" wqctl-help"
	[[ $entry == 'global '* ]] ||
		grep -qxF -- "$entry" "$tmp/cmdhelp" || where+=" command-help"
	grep -qxF -- "$entry" "$tmp/man" || where+=" $(page_of "$entry").8"
	grep -qxF -- "$entry" "$tmp/comp" || where+=" completion"
	if [ -n "$where" ]; then
		echo "  '$entry' missing from:$where"
		missing=$((missing + 1))
	fi
done <"$tmp/all"
if [ $missing -gt 0 ]; then
	echo "consistency: $missing command(s)/option(s) not everywhere" \
		"(the man pages, $(basename "$comp"), wqctl --help, wqctl OBJECT COMMAND --help)"
	fail=1
fi
[ $fail = 0 ] && echo "consistency: ok"
exit $fail
