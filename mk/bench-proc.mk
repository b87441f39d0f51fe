# mk/bench-proc.mk - the process benchmark in QEMU (spec/processes.md PROC-120..).
#
#   bench-proc  boot the kernel with the initrd and init=/bin/procbench
#               BENCH_PROC_RUNS times (tools/bench-proc); prints the
#               per-operation figures and, with more than one run, their
#               median, minimum and maximum
# procbench itself is an ordinary program (src/user/bin/procbench), built into
# the initrd by mk/userbin.mk; this file only adds the entry point.

BENCH_PROC_RUNS ?= 3

.PHONY: bench-proc
bench-proc: kernel initrd  # targets, not the variables: kernel.mk and initrd.mk are read after this file
	$(PYTHON) tools/bench-proc --build $(BUILD_ABS) --runs $(BENCH_PROC_RUNS)
