# SPDX-License-Identifier: GPL-2.0
#
# bats-file's assertions (assert_dir_exists, assert_file_owner, ...), for
# the files that check the filesystem: `load helpers` first, which sources
# bats-support, on which they build.
for f in /usr/lib/bats/bats-file/src/*.bash; do
	source "$f"
done
unset f
