# SPDX-License-Identifier: GPL-2.0
#
# The entry point. The module can't be loaded on the build machine, so
# everything that runs it boots a Debian kernel in QEMU (tests/vm/).
#
#   make deps      install packages and kernels (tests/vm/deps.sh)
#   make           build the module for $(KVER) and the tool
#   make unit      the tool's unit tests
#   make lint      W=1, sparse and checkpatch, for every kernel
#   make graph     the include graph of driver/, tool/ and uapi/, as .dot
#                  and .svg in build/graph/; fails on a loop in tool/
#                  (tests/graph.sh; the .svg needs graphviz, not in deps)
#   make check     all tests: on every supported kernel, then on a debug
#                  kernel (KASAN, lockdep, kmemleak, failslab...) built
#                  here from linux-source-6.1 and cached (tests/check.sh)
#   make check-debug  only the debug kernel's part (tests/check-debug.sh)
#   make bench     the benchmark in a VM on $(KVER): a table, and JSON in
#                  build/bench/ (SMOKE=1: its tiny CI version; tests/bench)
#   make demo      run $(DEMO_CMD) in a VM
#   make shell     a root shell in a VM with the module loaded
#   make fresh-check  the README's first command in a new Debian 12 root
#                  made with debootstrap (tests/fresh.sh; slow, not in check)
#   make clean     remove build/
#
# Each target, the tests and the VM harness in detail: docs/development.md;
# the benchmark's figures: docs/performance.md.
#
# KVER: the running kernel if its headers are installed, else the newest
# installed Debian 6.1 (tests/vm/kernels.sh --default). Recursive, so it
# is looked up where a recipe uses it: make expands a recipe whole, just
# before its first line runs and after its prerequisites are made, so a
# target that needs a kernel installed takes deps as a prerequisite, not
# as the first line of its recipe (tests/host/make.bats).
KVER ?= $(shell tests/vm/kernels.sh --default)
DEMO_CMD ?= wqctl demo
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 20

.PHONY: all deps module tool unit lint graph fuzz check check-debug bench demo \
	shell fresh-check install clean

all: module tool

deps:
	bash tests/vm/deps.sh

module:
	tests/vm/module.sh $(KVER)

tool:
	test -f build/tool/build.ninja || meson setup build/tool
	ninja -C build/tool

unit: tool
	meson test -C build/tool --print-errorlogs

lint:
	tests/lint.sh

graph:
	tests/graph.sh

check:
	tests/check.sh

check-debug:
	tests/check-debug.sh

# BENCH_ARGS: more options for tests/bench/run.sh (--smoke, --timeout N).
bench: deps
	tests/bench/run.sh $(if $(SMOKE),--smoke) $(BENCH_ARGS) $(KVER)

# The builds are sub-makes: under make -j, `demo: deps all` would build
# before deps has installed the headers.
demo: deps
	$(MAKE) all
	tests/vm/run.sh --kver $(KVER) -- $(DEMO_CMD)

shell: deps
	$(MAKE) all
	tests/vm/run.sh --kver $(KVER) --shell

# wqctl, its man pages, the bash completion and <linux/wqdemo.h>; the module
# itself goes in with insmod (see README.md).
install: tool
	meson configure build/tool -Dprefix=$(PREFIX)
	meson install -C build/tool $(if $(DESTDIR),--destdir $(DESTDIR))

fresh-check:
	tests/fresh.sh

fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build
