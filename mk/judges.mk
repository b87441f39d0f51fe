# Outside judges built as any Linux program is (spec/processes.md PROC-137): not Aegis code, no
# glue; they land in the QEMU initrd under /test and run unmodified.
JUDGE_DIR := $(BUILD)/judges
GLIBC_JUDGE := $(JUDGE_DIR)/glibc-judge

$(GLIBC_JUDGE): tests/processes/judges/glibc_judge.c
	@mkdir -p $(@D)
	$(call say,GLIBC,$@)
	$(Q)gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

INITRD_FILES += /test/glibc-judge=$(GLIBC_JUDGE)
ALL_EXTRA += $(GLIBC_JUDGE)
