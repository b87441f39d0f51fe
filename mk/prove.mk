# Machine-checked proofs (Frama-C WP) of the kernel cores written to be proved.
#
#   make deps-prove   install Frama-C, Why3, CVC4 and Z3 (tools/deps/prove-packages.txt),
#                     kept apart from `make deps` because Frama-C is large
#   make prove        prove every file in PROVE_SRCS: their ACSL contracts plus
#                     the absence of runtime errors (-wp-rte); fails on any goal
#                     left unproved and prints the counts (tools/prove/run-wp)
#
# A file listed here includes only <stdint.h>/<stddef.h>/<stdbool.h> and the
# ABI headers, so Frama-C's C front end reads it as the compilers do.

PROVE_SRCS := src/kernel/cap/cap_table.c src/kernel/cap/cap_proc.c

.PHONY: prove deps-prove
deps-prove:
	bash tools/deps/install.sh tools/deps/prove-packages.txt

prove:
	@$(PYTHON) tools/prove/run-wp --build $(BUILD_ABS) $(PROVE_SRCS)
