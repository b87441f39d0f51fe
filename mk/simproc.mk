# The simulator's user-process mechanism (spec/sim-process.md): small host
# programs, linked with the user library (and so with the glue's channel
# transport), that tests/sim-process/ runs as user processes.
#
# Each tests/sim-process/progs/<name>.c becomes $(BUILD)/sim-progs/<name>,
# built with the user-library flags (ASan, UBSan, coverage) like every Aegis
# program in the sim build.  -u __gcov_dump links gcov's flush, which the
# glue calls before _exit and fexecve (SIMP-015): every sim program needs it.

SIM_PROG_SRCS := $(sort $(wildcard tests/sim-process/progs/*.c))
SIM_PROGS := $(patsubst tests/sim-process/progs/%.c,$(BUILD)/sim-progs/%,$(SIM_PROG_SRCS))

$(BUILD)/sim-progs/%: tests/sim-process/progs/%.c $(LIBUSER)
	@mkdir -p $(@D)
	$(call say,PROG,$<)
	$(Q)gcc $(USER_HOST_CFLAGS) -MMD -MP -o $@ $< $(SIM_LDFLAGS) -Wl,-u,__gcov_dump $(LIBUSER)

# The tests run these programs: build them first.
$(filter $(BUILD)/tests/sim-process/%,$(TEST_BINS)): | $(SIM_PROGS)

.PHONY: sim-progs
sim-progs: $(SIM_PROGS)

ALL_EXTRA += $(SIM_PROGS)
CHECK_EXTRA += $(SIM_PROGS)
