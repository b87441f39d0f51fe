# Fuzzing (fuzz/README.md).  Every fuzz/<name>/harness.c gets two builds:
#
#   $(BUILD)/fuzz/<name>/replay   gcc, ASan+UBSan+coverage, linked with the sim
#                                 archives; make check replays the corpus and
#                                 saved crashes through it (tools/run-tests).
#   $(BUILD)/fuzz-afl/<name>/fuzzer   afl-clang-fast, ASan+UBSan, persistent
#                                 mode, linked with its own instrumented copy of
#                                 the kernel, sim platform and user libraries.
#
# make fuzz [FUZZ=name] [FUZZ_SECONDS=60]   runs afl-fuzz on each harness in turn,
# outputs under $(BUILD)/fuzz-out/<name>/, copies crash inputs into
# fuzz/<name>/crashes/ and prints a per-harness summary (fuzz/common/run-afl.py).

FUZZ_HARNESSES := $(sort $(patsubst fuzz/%/harness.c,%,$(wildcard fuzz/*/harness.c)))
FUZZ_REPLAYS := $(patsubst %,$(BUILD)/fuzz/%/replay,$(FUZZ_HARNESSES))
FUZZ_SECONDS ?= 60
FUZZ ?=
FUZZ_SELECTED := $(if $(FUZZ),$(FUZZ),$(FUZZ_HARNESSES))

ALL_EXTRA += $(FUZZ_REPLAYS)
CHECK_EXTRA += $(FUZZ_REPLAYS)

# ---- replay build (sim flavour) ---------------------------------------------
FUZZ_REPLAY_MAIN := $(BUILD)/fuzz/common/replay_main.o

$(FUZZ_REPLAY_MAIN): fuzz/common/replay_main.c fuzz/common/fuzz.h
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)gcc $(TEST_CFLAGS) -Ifuzz/common -MMD -MP -c $< -o $@

$(BUILD)/fuzz/%/replay: fuzz/%/harness.c $(FUZZ_REPLAY_MAIN) $(LIBKERNEL) $(LIBSIMPLATFORM) $(LIBUSER)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)gcc $(TEST_CFLAGS) -Ifuzz/common -Ifuzz/$* -MMD -MP -o $@ $< $(FUZZ_REPLAY_MAIN) $(SIM_LIBS)

.PHONY: fuzz-replay
fuzz-replay: $(FUZZ_REPLAYS)

# ---- AFL++ build ---------------------------------------------------------------
AFL_CC ?= afl-clang-fast
FUZZ_AFL_DIR := $(BUILD)/fuzz-afl
FUZZ_AFL_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_AFL_WARN := -Wall -Wextra -Wno-unused-parameter
# Evaluated only when an AFL rule runs, so machines without AFL++ can still make check.
FUZZ_AFL_INCLUDE = $(shell $(AFL_CC) -print-resource-dir 2>/dev/null)/include
FUZZ_AFL_BASE = -std=c11 -g -O1 $(FUZZ_AFL_WARN) $(FUZZ_AFL_SAN)
FUZZ_AFL_KERNEL_CFLAGS = $(FUZZ_AFL_BASE) -ffreestanding -nostdinc -isystem $(FUZZ_AFL_INCLUDE) -Iinclude -Isrc/kernel
FUZZ_AFL_SIM_CFLAGS = $(FUZZ_AFL_BASE) -D_GNU_SOURCE -Iinclude -Isrc/kernel -Isim
FUZZ_AFL_USER_CFLAGS = $(FUZZ_AFL_BASE) -D_GNU_SOURCE -Iinclude -Isrc/user/lib
FUZZ_AFL_HARNESS_CFLAGS = $(FUZZ_AFL_BASE) -D_GNU_SOURCE -Iinclude -Isrc/kernel -Isrc/user/lib -Isim -Itests -Ifuzz/common

FUZZ_AFL_KERNEL_OBJS := $(patsubst %.c,$(FUZZ_AFL_DIR)/%.o,$(KERNEL_SRCS))
FUZZ_AFL_SIM_OBJS := $(patsubst %.c,$(FUZZ_AFL_DIR)/%.o,$(SIM_PLATFORM_SRCS))
FUZZ_AFL_USER_OBJS := $(patsubst %.c,$(FUZZ_AFL_DIR)/%.o,$(USER_LIB_SRCS))
FUZZ_AFL_LIB := $(FUZZ_AFL_DIR)/libfuzztarget.a
FUZZ_AFL_MAIN := $(FUZZ_AFL_DIR)/common/afl_main.o
FUZZ_AFL_FUZZERS := $(patsubst %,$(FUZZ_AFL_DIR)/%/fuzzer,$(FUZZ_SELECTED))

$(FUZZ_AFL_DIR)/src/kernel/%.o: src/kernel/%.c
	@mkdir -p $(@D)
	$(call say,AFLCC,$@)
	$(Q)$(AFL_CC) $(FUZZ_AFL_KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_AFL_DIR)/sim/%.o: sim/%.c
	@mkdir -p $(@D)
	$(call say,AFLCC,$@)
	$(Q)$(AFL_CC) $(FUZZ_AFL_SIM_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_AFL_DIR)/src/user/lib/%.o: src/user/lib/%.c
	@mkdir -p $(@D)
	$(call say,AFLCC,$@)
	$(Q)$(AFL_CC) $(FUZZ_AFL_USER_CFLAGS) -MMD -MP -c $< -o $@

# One archive: the linker pulls only the members a harness needs.
$(FUZZ_AFL_LIB): $(FUZZ_AFL_KERNEL_OBJS) $(FUZZ_AFL_SIM_OBJS) $(FUZZ_AFL_USER_OBJS)
	@mkdir -p $(@D); rm -f $@; ar rcs $@ $^

$(FUZZ_AFL_MAIN): fuzz/common/afl_main.c fuzz/common/fuzz.h
	@mkdir -p $(@D)
	$(call say,AFLCC,$@)
	$(Q)$(AFL_CC) $(FUZZ_AFL_HARNESS_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_AFL_DIR)/%/fuzzer: fuzz/%/harness.c $(FUZZ_AFL_MAIN) $(FUZZ_AFL_LIB)
	@mkdir -p $(@D)
	$(call say,AFLLD,$@)
	$(Q)$(AFL_CC) $(FUZZ_AFL_HARNESS_CFLAGS) -Ifuzz/$* -MMD -MP -o $@ $< $(FUZZ_AFL_MAIN) $(FUZZ_AFL_LIB)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_AFL_FUZZERS)

fuzz: fuzz-build
	@$(PYTHON) fuzz/common/run-afl.py --build $(BUILD_ABS) --seconds $(FUZZ_SECONDS) $(FUZZ_SELECTED)
