#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# graph.sh [--check] [OUTDIR]: the include graph of the sources, and the
# check that the tool's has no loop (make graph; tests/host/graph.bats).
#
# A node is a unit, a .c and the .h of the same name together (tool/cmd
# is cmd.c and cmd.h), since a unit's header is the way into its file:
# a.c including b.h is an arrow a -> b, and a -> b -> a is a loop even
# when no header includes another. Every arrow of tool/ (tool/lib too)
# must point down, from a caller to what it calls: a loop there fails.
# The driver is drawn, not held to it.
#
# Writes OUTDIR (build/graph) /{all,driver,tool}.dot and, with graphviz's
# dot, the .svg of each. --check writes nothing and needs only coreutils:
# it prints the loops of tool/ and fails if there is one.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

check_only=0
if [ "${1:-}" = --check ]; then
	check_only=1
	shift
fi
out=${1:-build/graph}

# The directories include "x.h" and <x.h> are looked up in, after the
# including file's own: tool/ for the tests' and lib's view, and uapi/,
# which the module's and the tool's builds both put on the path.
unit() { sed -E 's/\.[ch]$//' <<<"$1"; }

resolve() {
	local from=$1 inc=$2 kind=$3 d
	if [ "$kind" = '"' ] && [ -f "$(dirname "$from")/$inc" ]; then
		realpath -m --relative-to=. "$(dirname "$from")/$inc"
		return
	fi
	for d in tool uapi; do
		if [ -f "$d/$inc" ]; then
			echo "$d/$inc"
			return
		fi
	done
}

# Every arrow, "from to", once; a unit's own header is no arrow.
edges() {
	local f kind inc to
	while IFS= read -r f; do
		while read -r kind inc; do
			to=$(resolve "$f" "$inc" "$kind")
			[ -n "$to" ] || continue
			[ "$(unit "$f")" = "$(unit "$to")" ] ||
				echo "$(unit "$f") $(unit "$to")"
		done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"])([^>"]+)[>"].*/\1 \2/p' "$f")
	done < <(git ls-files -co --exclude-standard -- 'driver/*.[ch]' \
		 'tool/*.[ch]' 'uapi/*.h' | sort)
}

all=$(edges | sort -u)
tool_edges=$(awk '$1 ~ /^tool\// && $2 ~ /^tool\//' <<<"$all")

# Graphviz: a box per unit, one cluster per directory.
dot_of() {
	local name=$1 edges=$2
	awk -v name="$name" '
	function node(u,  d) {
		if (u in seen)
			return
		seen[u] = 1
		d = u
		sub(/\/[^\/]*$/, "", d)
		members[d] = members[d] sprintf("\t\t\"%s\";\n", u)
	}
	{ node($1); node($2); arrows = arrows sprintf("\t\"%s\" -> \"%s\";\n", $1, $2) }
	END {
		printf("digraph \"%s\" {\n\trankdir=TB;\n\tnode [shape=box, fontsize=10];\n", name)
		for (d in members) {
			printf("\tsubgraph \"cluster_%s\" {\n\t\tlabel=\"%s/\";\n%s\t}\n", d, d, members[d])
		}
		printf("%s}\n", arrows)
	}' <<<"$edges"
}

# tsort names the units of each loop it finds, a line each after
# "input contains a loop:"; here a loop is a line.
status=0
loops=$(tsort 2>&1 >/dev/null <<<"$tool_edges" | awk '
	/input contains a loop/ { if (l != "") print l; l = ""; next }
	{ sub(/^tsort: /, ""); l = l == "" ? $0 : l " -> " $0 }
	END { if (l != "") print l }') || true
if [ -n "$loops" ]; then
	sed 's/^/graph: include loop in tool\/: /' <<<"$loops" >&2
	status=1
fi
[ "$check_only" = 0 ] || exit "$status"

mkdir -p "$out"
dot_of all "$all" >"$out/all.dot"
dot_of driver "$(awk '$1 ~ /^driver\//' <<<"$all")" >"$out/driver.dot"
dot_of tool "$(awk '$1 ~ /^tool\//' <<<"$all")" >"$out/tool.dot"
if ! command -v dot >/dev/null; then
	echo "graph: the .dot files are in $out; for the .svg, apt-get install graphviz" >&2
	exit 1
fi
for g in all driver tool; do
	dot -Tsvg "$out/$g.dot" -o "$out/$g.svg"
done
echo "graph: $out/{all,driver,tool}.{dot,svg}"
exit "$status"
