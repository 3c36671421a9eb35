#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The Makefile's order, on a machine with no kernel installed: `make demo`,
# `make shell` and `make bench` must look KVER up after deps has installed
# the kernels, so the VM gets a kernel in one go. The Makefile runs here in
# a scratch folder beside stand-ins for the scripts it calls: deps.sh
# "installs" a kernel, kernels.sh lists it only once that happened, and
# the VM's scripts write down the arguments they were given.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

kernel=6.1.0-99-amd64

setup() {
	w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w/tests/vm" "$w/tests/bench" "$w/bin"
	cp "$BATS_TEST_DIRNAME/../../Makefile" "$w/"
	stub tests/vm/deps.sh 'touch installed'
	stub tests/vm/kernels.sh "[ -f installed ] && echo $kernel; true"
	stub tests/vm/module.sh 'echo "module $*" >>calls'
	stub tests/vm/run.sh 'echo "vm $*" >>calls'
	stub tests/bench/run.sh 'echo "bench $*" >>calls'
	stub bin/meson 'mkdir -p build/tool; touch build/tool/build.ninja'
	stub bin/ninja true
	PATH="$w/bin:$PATH"
	cd "$w"
}

# stub PATH BODY: an executable script at PATH in the scratch folder.
stub() {
	printf '#!/bin/bash\n%s\n' "$2" >"$w/$1"
	chmod +x "$w/$1"
}

@test "make demo on a machine with no kernel boots the one deps installed" {
	run make -s demo
	assert_success
	assert_equal "$(cat calls)" "$(printf 'module %s\nvm --kver %s -- wqctl demo' $kernel $kernel)"
}

@test "make shell installs the kernels first, then boots one" {
	run make -s shell
	assert_success
	assert_equal "$(cat calls)" "$(printf 'module %s\nvm --kver %s --shell' $kernel $kernel)"
}

@test "make bench installs the kernels first, then benchmarks one" {
	run make -s bench
	assert_success
	assert_equal "$(cat calls)" "bench $kernel"
}

@test "make -j demo: still deps before the lookup and the build" {
	run make -s -j4 demo
	assert_success
	assert_equal "$(cat calls)" "$(printf 'module %s\nvm --kver %s -- wqctl demo' $kernel $kernel)"
}

@test "KVER given on the command line wins" {
	run make -s demo KVER=6.12.1+deb12-amd64
	assert_success
	assert_equal "$(cat calls)" "$(printf 'module 6.12.1+deb12-amd64\nvm --kver 6.12.1+deb12-amd64 -- wqctl demo')"
}
