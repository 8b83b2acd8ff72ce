# SPDX-License-Identifier: GPL-2.0
# gup-longterm-test: the two commands a user needs are
#   make run     build, boot Debian's stock 6.1 in QEMU, make the pmem
#                fixtures, run every case, print the verdicts
#   make check   every test: host unit tests and lint, then every kernel
# Variables: KERNEL=<name> for `make run`, KERNELS="<names>" for `make check`.

# A user's own kernel: make run KERNEL_IMAGE=.../bzImage KDIR=.../build
# [MODULES_DIR=.../lib/modules/KVER]
ifdef KERNEL_IMAGE
KERNEL ?= custom
endif
KERNEL ?= debian-6.1
KERNELS ?= debian-6.1 debian-6.12
BUILD := $(CURDIR)/build

.PHONY: run check deps harness module expectations-doc clean

run: deps
	ci/run-kernel.sh $(KERNEL)

check: deps
	KERNELS="$(KERNELS)" ci/check.sh

deps:
	@scripts/install-deps.sh

harness:
	$(MAKE) -C harness OUT=$(BUILD)/harness

# The module for the running kernel (or KDIR=...), for a real host.
KDIR ?= /lib/modules/$(shell uname -r)/build
module:
	$(MAKE) -C driver KDIR=$(KDIR) OUT=$(BUILD)/driver/$(shell uname -r)

expectations-doc: harness
	scripts/update-expectations-doc.sh $(BUILD)/harness/gup-longterm-test

clean:
	rm -rf $(BUILD)
