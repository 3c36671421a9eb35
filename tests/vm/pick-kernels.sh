#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pick-kernels.sh: for each supported Debian line (6.1 and 6.12), the
# newest kernel whose image and headers can both be installed now, one
# version a line on stdout, oldest line first. Why each was picked goes to
# stderr, one line a line of kernels:
#
#   deps: 6.12: 6.12.117+deb12-amd64 (6.12.118: headers only, image not yet published)
#
# Exit 1, naming what is missing, when a line has no version that fits.
#
# Debian publishes a point release's headers (built from the linux source
# package) before its signed image (from linux-signed-amd64), often a day
# apart; in between, `apt-cache show` of the image still succeeds, because
# other packages name it, but it has no installation candidate. So the
# test here is `apt-cache policy`'s Candidate, for both packages.
set -uo pipefail

# line, and the ERE of its versions (what follows linux-image-).
lines=(
	'6.1' '6\.1\.0-[0-9]+-amd64'
	'6.12' '6\.12\.[0-9]+\+deb12-amd64'
)

# short VERSION: the point release a person recognises, 6.12.118 or 6.1.0-57.
short() {
	local v=${1%-amd64}
	echo "${v%+deb12}"
}

# pick LINE ERE: print the version, or fail; the reason goes to stderr.
pick() {
	local line=$1 re=$2 versions v img hdr skipped=() why
	local -A cand=()

	versions=$(apt-cache search --names-only "^linux-(image|headers)-$re\$" |
		sed -En "s/^linux-(image|headers)-($re) .*/\\2/p" | sort -Vru)
	if [ -z "$versions" ]; then
		echo "deps: $line: the archive has no linux-image or linux-headers" \
			"package of the $line line: is the security suite in" \
			"/etc/apt/sources.list, and has apt-get update run?" >&2
		return 1
	fi

	# One policy call for every package: "pkg:" starts a stanza, and its
	# "Candidate:" line says whether it can be installed.
	while read -r pkg c; do
		cand[$pkg]=$c
	done < <(apt-cache policy $(for v in $versions; do
		echo "linux-image-$v" "linux-headers-$v"
	done) 2>/dev/null | awk '
		/^[^ ].*:$/ { pkg = substr($0, 1, length($0) - 1); next }
		$1 == "Candidate:" && pkg != "" { print pkg, $2; pkg = "" }')

	for v in $versions; do
		img=${cand[linux-image-$v]:-(none)}
		hdr=${cand[linux-headers-$v]:-(none)}
		if [ "$img" != "(none)" ] && [ "$hdr" != "(none)" ]; then
			why=
			[ ${#skipped[@]} = 0 ] || why=" ($(IFS=';'; echo "${skipped[*]}" | sed 's/;/; /g'))"
			echo "deps: $line: $v$why" >&2
			echo "$v"
			return 0
		fi
		if [ "$hdr" != "(none)" ]; then
			skipped+=("$(short "$v"): headers only, image not yet published")
		elif [ "$img" != "(none)" ]; then
			skipped+=("$(short "$v"): image only, headers not published")
		else
			skipped+=("$(short "$v"): named, but neither image nor headers can be installed")
		fi
	done
	echo "deps: $line: no version has both linux-image and linux-headers to" \
		"install ($(IFS=';'; echo "${skipped[*]}" | sed 's/;/; /g'))" >&2
	return 1
}

rc=0
for ((i = 0; i < ${#lines[@]}; i += 2)); do
	pick "${lines[i]}" "${lines[i + 1]}" || rc=1
done
exit $rc
