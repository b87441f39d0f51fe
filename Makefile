# Aegis: every entry point.  `make help` lists the targets.
#
# One source tree, two builds:
#   sim   - kernel + sim platform + user libraries for the Linux host, with
#           ASan, UBSan and gcov; tests link against these archives.
#   kernel - the same kernel sources, freestanding, plus src/arch/x86_64,
#           linked at 0xFFFFFFFF80000000 and packed into GRUB ISOs.
# Sources are found by folder, so adding a file never means editing a list.
# Area-specific rules live in mk/*.mk (kernel/ISO, fuzzing, coverage, ...).

BUILD ?= build
override BUILD_ABS := $(abspath $(BUILD))
SHELL := /bin/bash
PYTHON := /usr/bin/python3

.DEFAULT_GOAL := all

# Quiet by default: one short line per step; V=1 shows the full commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

# ---- sources -------------------------------------------------------------
KERNEL_SRCS := $(shell find src/kernel -name '*.c' | sort)
ARCH_C_SRCS := $(shell find src/arch/x86_64 -name '*.c' 2>/dev/null | sort)
ARCH_ASM_SRCS := $(shell find src/arch/x86_64 -name '*.asm' 2>/dev/null | sort)
SIM_MAIN := sim/main.c
SIM_PLATFORM_SRCS := $(filter-out $(SIM_MAIN),$(shell find sim -name '*.c' | sort))
# Userland files named *.x86_64.c are only for the freestanding (musl) build and
# *.sim.c only for the host build: the glue layer's two transports.
USER_LIB_ALL_SRCS := $(shell find src/user/lib -name '*.c' 2>/dev/null | sort)
USER_LIB_SRCS := $(filter-out %.x86_64.c,$(USER_LIB_ALL_SRCS))
USER_LIB_MUSL_SRCS := $(filter-out %.sim.c,$(USER_LIB_ALL_SRCS))
TEST_C_SRCS := $(shell find tests -name 'test_*.c' | sort)

# ---- flags ---------------------------------------------------------------
GCC_INCLUDE := $(shell gcc -print-file-name=include)
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
COVERAGE := --coverage

# Kernel code sees only the compiler's freestanding headers, in both builds.
KERNEL_INCLUDES := -nostdinc -isystem $(GCC_INCLUDE) -Iinclude -Isrc/kernel

SIM_KERNEL_CFLAGS := -std=c11 -g -O1 $(WARN) $(SANITIZE) $(COVERAGE) -ffreestanding $(KERNEL_INCLUDES)
SIM_HOST_CFLAGS := -std=c11 -g -O1 $(WARN) $(SANITIZE) $(COVERAGE) -D_GNU_SOURCE -Iinclude -Isrc/kernel -Isim
USER_HOST_CFLAGS := -std=c11 -g -O1 $(WARN) $(SANITIZE) $(COVERAGE) -D_GNU_SOURCE -Iinclude -Isrc/user/lib
TEST_CFLAGS := -std=c11 -g -O1 $(WARN) -Wno-missing-prototypes $(SANITIZE) $(COVERAGE) -D_GNU_SOURCE \
	-Iinclude -Isrc/kernel -Isrc/user/lib -Isim -Itests
SIM_LDFLAGS := $(SANITIZE) $(COVERAGE)

KERNEL_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-fno-asynchronous-unwind-tables -fno-delete-null-pointer-checks $(KERNEL_INCLUDES)

# ---- sim build -------------------------------------------------------------
SIM_DIR := $(BUILD)/sim
SIM_KERNEL_OBJS := $(patsubst %.c,$(SIM_DIR)/%.o,$(KERNEL_SRCS))
SIM_PLATFORM_OBJS := $(patsubst %.c,$(SIM_DIR)/%.o,$(SIM_PLATFORM_SRCS))
USER_HOST_OBJS := $(patsubst %.c,$(SIM_DIR)/%.o,$(USER_LIB_SRCS))
LIBKERNEL := $(SIM_DIR)/libkernel.a
LIBSIMPLATFORM := $(SIM_DIR)/libsimplatform.a
LIBUSER := $(SIM_DIR)/libuser.a
SIM_LIBS := -Wl,--start-group $(LIBKERNEL) $(LIBSIMPLATFORM) $(LIBUSER) -Wl,--end-group
AEGIS_SIM := $(BUILD)/aegis-sim

$(SIM_DIR)/src/kernel/%.o: src/kernel/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)gcc $(SIM_KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(SIM_DIR)/sim/%.o: sim/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)gcc $(SIM_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(SIM_DIR)/src/user/lib/%.o: src/user/lib/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)gcc $(USER_HOST_CFLAGS) -MMD -MP -c $< -o $@

# An archive is rebuilt from scratch so deleted sources leave no stale members.
$(LIBKERNEL): $(SIM_KERNEL_OBJS)
	@mkdir -p $(@D); rm -f $@; ar rcs $@ $^
$(LIBSIMPLATFORM): $(SIM_PLATFORM_OBJS)
	@mkdir -p $(@D); rm -f $@; ar rcs $@ $^
$(LIBUSER): $(USER_HOST_OBJS)
	@mkdir -p $(@D); rm -f $@; ar rcs $@ $^ $(if $^,,--thin)

$(AEGIS_SIM): $(SIM_DIR)/sim/main.o $(LIBKERNEL) $(LIBSIMPLATFORM) $(LIBUSER)
	$(call say,LD,$@)
	$(Q)gcc $(SIM_LDFLAGS) -o $@ $(SIM_DIR)/sim/main.o $(SIM_LIBS)

$(SIM_DIR)/sim/main.o: sim/main.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)gcc $(SIM_HOST_CFLAGS) -MMD -MP -c $< -o $@

.PHONY: sim-build
sim-build: $(AEGIS_SIM)

# ---- tests -----------------------------------------------------------------
TEST_BINS := $(patsubst %.c,$(BUILD)/%,$(TEST_C_SRCS))
TEST_SPECS := $(sort $(patsubst tests/%/,%,$(dir $(TEST_C_SRCS) $(shell find tests -name 'test_*.py'))))

$(BUILD)/tests/%: tests/%.c $(LIBKERNEL) $(LIBSIMPLATFORM) $(LIBUSER)
	@mkdir -p $(@D)
	$(call say,TEST,$<)
	$(Q)gcc $(TEST_CFLAGS) -MMD -MP -o $@ $< $(SIM_LIBS) -lcmocka

.PHONY: tests
tests: $(TEST_BINS)

# make tests-<spec>: build one spec's test programs.
tests-%:
	@$(MAKE) --no-print-directory $(filter $(BUILD)/tests/$*/%,$(TEST_BINS))

-include $(shell find $(BUILD) -type f -name '*.d' 2>/dev/null)
include $(sort $(wildcard mk/*.mk))

# ---- entry points ----------------------------------------------------------
.PHONY: all sim check deps help clean

all: sim-build tests $(ALL_EXTRA)

# Boot Aegis in the simulator, console on this terminal.
SIM_CMDLINE ?= boot=text
SEED ?= 1
# Its initrd holds the host (sanitized) builds of the programs; SIM_INPUT=- types this terminal's
# lines on the console (SIM_INPUT=FILE types a file's).  SIM_DISK=FILE gives it an ext2 image as
# disk0, mounted on /mnt (with SIM_CMDLINE="root=disk0" it is the root instead, and keeps changes).
sim: $(AEGIS_SIM) $(BUILD)/rootfs.img $(BUILD)/initrd-sim.cpio
	$(AEGIS_SIM) --cmdline "$(SIM_CMDLINE)" --seed $(SEED) --module $(BUILD)/rootfs.img,rootfs \
		--module $(BUILD)/initrd-sim.cpio,initrd $(if $(SIM_INPUT),--input $(SIM_INPUT)) \
		$(if $(SIM_DISK),--disk $(SIM_DISK))

# The whole suite: build both, run everything, print "N passed, N failed".
check: all $(CHECK_EXTRA)
	@$(PYTHON) tools/run-tests --build $(BUILD_ABS)

deps:
	bash tools/deps/install.sh tools/deps/packages.txt

clean:
	rm -rf $(BUILD)

help:
	@echo "targets: all sim run iso check coverage fuzz bench-boot bench-proc prove deps clean"; \
	echo "see README.md for what each one does"
