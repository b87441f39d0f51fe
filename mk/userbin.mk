# Aegis programs: every folder src/user/bin/<name>/ is one program, built twice
# from the same source (../shared/design/architecture.md):
#   $(BUILD)/user/musl/<name>  static musl build for QEMU, in $(BUILD)/initrd.cpio
#   $(BUILD)/user/sim/<name>   host build with ASan, UBSan and coverage for the
#                              sim, in $(BUILD)/initrd-sim.cpio
# Both link the user library (the glue with its build's transport).  Every
# program lands in the initrds as /bin/<name>.  -u __gcov_dump links gcov's
# flush, which the sim glue calls before _exit and fexecve.

USER_PROGS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard src/user/bin/*/*.c)))))
user_prog_srcs = $(sort $(wildcard src/user/bin/$(1)/*.c))

MUSL_DIR := $(BUILD)/musl
MUSL_CFLAGS := -std=c11 -O2 -g $(WARN) -Iinclude -Isrc/user/lib
MUSL_LDFLAGS := -static -no-pie
USER_MUSL_OBJS := $(patsubst %.c,$(MUSL_DIR)/%.o,$(USER_LIB_MUSL_SRCS))
LIBUSER_MUSL := $(MUSL_DIR)/libuser.a

$(MUSL_DIR)/src/user/%.o: src/user/%.c
	@mkdir -p $(@D)
	$(call say,MUSLCC,$<)
	$(Q)musl-gcc $(MUSL_CFLAGS) -MMD -MP -c $< -o $@

$(LIBUSER_MUSL): $(USER_MUSL_OBJS)
	@mkdir -p $(@D); rm -f $@; ar rcs $@ $^

# One link rule per program and build.
define user_prog_rules
$(BUILD)/user/musl/$(1): $(patsubst %.c,$(MUSL_DIR)/%.o,$(call user_prog_srcs,$(1))) $(LIBUSER_MUSL)
	@mkdir -p $$(@D)
	$$(call say,MUSLLD,$$@)
	$$(Q)musl-gcc $(MUSL_LDFLAGS) -o $$@ $$^

$(BUILD)/user/sim/$(1): $(call user_prog_srcs,$(1)) $(LIBUSER)
	@mkdir -p $$(@D)
	$$(call say,PROG,$$@)
	$$(Q)gcc $(USER_HOST_CFLAGS) -MMD -MP -o $$@ $(call user_prog_srcs,$(1)) $(SIM_LDFLAGS) -Wl,-u,__gcov_dump $(LIBUSER)
endef
$(foreach prog,$(USER_PROGS),$(eval $(call user_prog_rules,$(prog))))

USER_MUSL_PROGS := $(addprefix $(BUILD)/user/musl/,$(USER_PROGS))
USER_SIM_PROGS := $(addprefix $(BUILD)/user/sim/,$(USER_PROGS))

# Malformed programs for execve's ENOEXEC checks (spec/processes.md PROC-091).
ENOEXEC_DIR := $(BUILD)/enoexec
ENOEXEC_STAMP := $(ENOEXEC_DIR)/.stamp
$(ENOEXEC_STAMP): tools/mk-enoexec-corpus tests/elf-loader/data/hello-musl
	@mkdir -p $(@D)
	$(call say,GEN,$(ENOEXEC_DIR))
	$(Q)$(PYTHON) tools/mk-enoexec-corpus tests/elf-loader/data/hello-musl $(ENOEXEC_DIR)
	@touch $@
ENOEXEC_NAMES := $(shell $(PYTHON) tools/mk-enoexec-corpus --list 2>/dev/null)
ENOEXEC_PAIRS := $(foreach n,$(ENOEXEC_NAMES),/test/enoexec/$(n)=$(ENOEXEC_DIR)/$(n))
$(addprefix $(ENOEXEC_DIR)/,$(ENOEXEC_NAMES)): $(ENOEXEC_STAMP)

# The QEMU initrd gets the musl programs and real Linux programs as outside judges.
INITRD_FILES += $(foreach prog,$(USER_PROGS),/bin/$(prog)=$(BUILD)/user/musl/$(prog))
# `[` is test under its other name (spec/coreutils.md CU-414).
INITRD_FILES += /bin/[->test
INITRD_FILES += /test/hello-musl=tests/elf-loader/data/hello-musl /test/tls-musl=tests/elf-loader/data/tls-musl
INITRD_FILES += $(ENOEXEC_PAIRS)
# Debian's busybox-static, unmodified (make deps installs it): bbcheck's outside judge.
BUSYBOX_STATIC ?= /bin/busybox
# /bin/ash -> busybox (a relative link, resolved by the namespace): busybox's shell as PID 1
# (init=/bin/ash, spec/tty.md TTY-105); /bin/sh is Aegis's own fallback shell (spec/shell.md).
INITRD_FILES += $(if $(wildcard $(BUSYBOX_STATIC)),/bin/busybox=$(BUSYBOX_STATIC) /bin/ash->busybox)

# The sim initrd: host builds of the programs; the sim's exec runs only images with the Aegis
# note (spec/elf-loader.md ELF-091), so every malformed file is refused before the host sees it.
INITRD_SIM_IMAGE := $(BUILD)/initrd-sim.cpio
INITRD_SIM_FILES := /etc/initrd-release=src/initrd/etc/initrd-release
INITRD_SIM_FILES += $(foreach prog,$(USER_PROGS),/bin/$(prog)=$(BUILD)/user/sim/$(prog))
# fscrash's reader as PID 1, which gets no arguments (spec/filesystems.md FS-145).
INITRD_SIM_FILES += /bin/fscrash-verify->fscrash
INITRD_SIM_FILES += /bin/[->test
# The whole malformed corpus, and a QEMU (musl) program the sim must refuse (spec/elf-loader.md ELF-091).
INITRD_SIM_FILES += $(ENOEXEC_PAIRS) /test/hello-musl=tests/elf-loader/data/hello-musl

$(INITRD_SIM_IMAGE): $(USER_SIM_PROGS) $(ENOEXEC_STAMP) tests/elf-loader/data/hello-musl tools/mkinitrd mk/userbin.mk
	@mkdir -p $(@D)
	$(call say,INITRD,$@)
	$(Q)$(PYTHON) tools/mkinitrd $@ $(foreach pair,$(INITRD_SIM_FILES),'$(pair)')

.PHONY: user-progs
user-progs: $(USER_MUSL_PROGS) $(USER_SIM_PROGS) $(INITRD_SIM_IMAGE)

ALL_EXTRA += $(USER_MUSL_PROGS) $(USER_SIM_PROGS) $(INITRD_SIM_IMAGE)
CHECK_EXTRA += $(USER_MUSL_PROGS) $(USER_SIM_PROGS) $(INITRD_SIM_IMAGE)
