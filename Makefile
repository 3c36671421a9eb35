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
#   make deb       the Debian packages wqdemo-dkms, wqctl and wqdemo-dev
#                  in build/deb/, built from a copy of the tree, and
#                  lintian's verdict on them (debian/)
#   make install   the module for $(KVER), wqctl, man pages, completion,
#                  the udev rule and the group, without packages
#   make uninstall what make install put in (both respect DESTDIR)
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
	shell fresh-check deb install uninstall clean

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

# What the packages install, without them, for other distributions:
# wqctl, its man pages and completion and <linux/wqdemo.h> under PREFIX;
# the module in /lib/modules/KVER/updates and the rule in
# /etc/udev/rules.d, where an administrator's own go. depmod, the group
# and udev's reload (where udevd runs) only on the live system, not into
# a DESTDIR. uninstall needs no build: it takes out the files by name,
# and the module from every kernel's updates/, so that an install for a
# kernel since replaced goes too; it keeps the group while the module is
# loaded, as the package's purge does. DESTDIR is made absolute because
# meson would take a relative one from build/tool. The module builds as
# a user's machine needs it to (tests/vm/module.sh: WQD_LENIENT).
override DESTDIR := $(if $(DESTDIR),$(abspath $(DESTDIR)))
ko_dir = $(DESTDIR)/lib/modules/$(KVER)/updates
rule = $(DESTDIR)/etc/udev/rules.d/60-wqdemo.rules
usr = $(DESTDIR)$(PREFIX)
installed = $(usr)/bin/wqctl $(usr)/sbin/wqctl $(usr)/include/linux/wqdemo.h \
	$(usr)/share/bash-completion/completions/wqctl \
	$(usr)/share/man/man8/wqctl.8 $(usr)/share/man/man8/wqctl-*.8 $(rule)

install: export WQD_LENIENT := 1
install: module tool
	meson configure build/tool -Dprefix=$(PREFIX)
	meson install -C build/tool $(if $(DESTDIR),--destdir "$(DESTDIR)")
	install -D -m 644 build/kmod/$(KVER)/driver/wqdemo.ko "$(ko_dir)/wqdemo.ko"
	install -D -m 644 driver/60-wqdemo.rules "$(rule)"
ifeq ($(DESTDIR),)
	depmod $(KVER)
	getent group wqdemo >/dev/null || groupadd --system wqdemo
	[ ! -S /run/udev/control ] || udevadm control --reload
endif

uninstall:
	rm -f $(installed)
	set -e; for ko in "$(DESTDIR)"/lib/modules/*/updates/wqdemo.ko; do \
		[ -e "$$ko" ] || continue; \
		rm "$$ko"; \
		k=$${ko%/updates/wqdemo.ko}; \
		$(if $(DESTDIR),:,[ ! -e "$$k/modules.order" ] || depmod "$${k##*/}"); \
	done
ifeq ($(DESTDIR),)
	if [ -d /sys/module/wqdemo ]; then \
		echo "group wqdemo kept: the module is still loaded"; \
	elif getent group wqdemo | grep -q ':$$'; then \
		groupdel wqdemo || true; \
	fi
	[ ! -S /run/udev/control ] || udevadm control --reload
endif

# dpkg-buildpackage writes its packages next to the tree it builds, and
# its own files into it: so it builds a copy, in build/deb/src. In a git
# checkout the copy holds the tracked files alone (as they are now), so a
# stray file can't end up in a package.
deb:
	rm -rf build/deb
	mkdir -p build/deb/src
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z >build/deb/files && \
		rsync -a --from0 --ignore-missing-args --files-from=build/deb/files \
			./ build/deb/src/; \
	else \
		rsync -a --exclude=/build ./ build/deb/src/; \
	fi
	cd build/deb/src && dpkg-buildpackage -b -us -uc
	lintian --fail-on error --info build/deb/*.changes

fresh-check:
	tests/fresh.sh

fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build
