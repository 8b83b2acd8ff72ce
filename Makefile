# SPDX-License-Identifier: GPL-2.0
# gup-longterm-test: the two commands a user needs are
#   make run     build, boot Debian's stock 6.1 in QEMU, make the pmem
#                fixtures, run every case, print the verdicts
#   make check   every test: host unit tests and lint, then every kernel
# Variables: KERNEL=<name> for `make run`, KERNELS="<names>" for `make check`;
# PMEM=memmap for `make run` on memmap= pmem instead of NVDIMMs.
# Also: make install / uninstall [PREFIX=/usr/local] [DESTDIR=], make
# install-module [KDIR=...] (see docs/hardware.md), make lint-userspace,
# make bench (docs/performance.md).

# A user's own kernel: make run KERNEL_IMAGE=.../bzImage KDIR=.../build
# [MODULES_DIR=.../lib/modules/KVER] [KERNEL_NAME=...]: it runs under
# KERNEL_NAME, or its release (ci/run-kernel.sh), never a matrix kernel's.
ifdef KERNEL_IMAGE
KERNEL ?= $(KERNEL_NAME)
endif
# The kernels are named in ci/kernels.list, and nowhere else.
KERNEL ?= $(shell ci/kernels.sh names run)
KERNELS ?= $(shell ci/kernels.sh names check)
BUILD := $(CURDIR)/build

.PHONY: run check check-hosts deps deps-check harness module expectations-doc rule-history-doc clean \
	install uninstall install-module lint-userspace report bench upstream-doc

PMEM ?= nvdimm
run: deps
	PMEM=$(PMEM) ci/run-kernel.sh $(KERNEL)

# The host's boot state is taken before anything is installed: make check
# ends by checking that nothing changed it (ci/host-boot-state.sh).
check:
	@mkdir -p $(BUILD)/check && ci/host-boot-state.sh >$(BUILD)/check/boot-state.before
	@scripts/install-deps.sh --check --kernels "$(KERNELS)"
	GLT_BOOT_STATE_BEFORE=$(BUILD)/check/boot-state.before KERNELS="$(KERNELS)" ci/check.sh

# A new user's first command, on fresh Debian roots made with mmdebstrap
# (root, outside make check: measured on the 2-core test-bed under load,
# trixie with --user --own-kernel 39 min, bookworm 24 min): make run on Debian 13 (then as a
# user who is not root, and on trixie-backports' kernel installed as the
# user's own) and on Debian 12, each leaving the root's /boot,
# /lib/modules and linux-* packages as they were (ci/test-debian-host.sh).
check-hosts:
	ci/test-debian-host.sh --user --own-kernel trixie
	ci/test-debian-host.sh bookworm

# make run installs what the main job needs; make check adds what only its
# own checks use (Chromium for the report's screenshot). Both add what the
# kernels they run need beyond an x86 guest (an arm64 one's QEMU and cross
# compiler), and only then.
deps:
	@scripts/install-deps.sh --kernels "$(KERNEL)"

deps-check:
	@scripts/install-deps.sh --check --kernels "$(KERNELS)"

# The driver against the kernel's gup_test, pin+unpin throughput on the same
# pages, in a guest of the bench kernel of ci/kernels.list: build/bench/ (docs/performance.md).
bench: deps
	ci/bench.sh

harness:
	$(MAKE) -C harness OUT=$(BUILD)/harness

# The module for the running kernel (or KDIR=...), for a real host.
KDIR ?= /lib/modules/$(shell uname -r)/build
module:
	$(MAKE) -C driver KDIR=$(KDIR) OUT=$(BUILD)/driver/$(shell uname -r)

expectations-doc: harness
	scripts/update-expectations-doc.sh $(BUILD)/harness/gup-longterm-test

# The rule x kernel history in docs/expectations.md, from the results of the
# last make check (build/results/).
rule-history-doc: harness
	scripts/update-rule-history-doc.sh $(BUILD)/harness/gup-longterm-test

# The disagreements between the kernel's own selftests and the harness in
# docs/upstream-selftests.md, from the results of the last make check.
upstream-doc:
	scripts/upstream_compare.py --explanations | \
		scripts/doc-section.sh set upstream-explanations docs/upstream-selftests.md
	scripts/upstream_compare.py --doc $(BUILD)/results --kernels "$$(ci/kernels.sh names check | xargs)" | \
		scripts/doc-section.sh set upstream-disagreements docs/upstream-selftests.md

# The last results of every kernel (make run / make check): what each one
# did, per memory kind and GUP path, in build/report/index.html and
# report.md. BASE=<results dir> marks and lists what changed since that
# run (RESULTS=<results dir>, default build/results, is the new one).
# scripts/report-screenshot.sh renders the page in headless Chromium.
RESULTS ?= $(BUILD)/results
report:
	scripts/report.py -r $(RESULTS) $(if $(BASE),-b $(BASE)) -o $(BUILD)/report

clean:
	rm -rf $(BUILD)

# Installation: the harness, the fixture tool, the man pages, the uapi
# header and the docs below $(DESTDIR)$(PREFIX); see scripts/install.sh.
PREFIX ?= /usr/local
DESTDIR ?=
install: harness
	scripts/install.sh install "$(PREFIX)" "$(DESTDIR)"

uninstall:
	scripts/install.sh uninstall "$(PREFIX)" "$(DESTDIR)"

# The module for KDIR, installed with kbuild's modules_install into
# $(INSTALL_MOD_PATH)/lib/modules/KVER/extra/, then depmod. For a module
# that DKMS rebuilds per kernel: scripts/dkms-install.sh instead.
install-module:
	scripts/install.sh module "$(KDIR)" "$(BUILD)/driver"

lint-userspace:
	ci/lint-userspace.sh
