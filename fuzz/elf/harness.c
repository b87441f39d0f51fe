/*
 * AFL++ harness for the ELF64 validator elf_plan (src/kernel/proc/elf.c).
 *
 * Supports spec/elf-loader.md ELF-001 (the result is 0 or -ENOEXEC and a
 * rejection leaves the plan all zero), ELF-003 (a one-line, non-empty reason
 * that fits in ELF_REASON_MAX), ELF-090 (elf_note_find stays inside the
 * image and answers 0, -ENOENT or -ENOEXEC), ELF-060/ELF-061 (every accepted plan passes
 * the independent invariant check shared with the tests) and ELF-071 (no read
 * outside the image: the input sits in an exact-size heap buffer for ASan).
 * A broken property aborts, which AFL++ and the corpus replay count as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/image_note.h>

#include "elf-loader/elf_plan_check.h"
#include "fuzz.h"
#include "proc/elf.h"
#include "proc/elf_note.h"

/* Twice the promised size, so a reason that would not fit is seen, not cut. */
#define HARNESS_REASON_BUF (2 * ELF_REASON_MAX)

static void harness_fail(const char *what)
{
	fprintf(stderr, "elf harness: invariant broken: %s\n", what);
	abort();
}

static int harness_plan_is_zero(const elf_plan_t *plan)
{
	static const elf_plan_t zero;
	return memcmp(plan, &zero, sizeof(zero)) == 0;
}

int fuzz_one(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);
	elf_plan_t plan;
	char reason[HARNESS_REASON_BUF];
	memset(&plan, 0xa5, sizeof(plan));
	int rc = elf_plan(size ? copy : NULL, size, &plan, reason, sizeof(reason));
	/* ELF-090: the note finder reads only inside the image and answers 0, -ENOENT or -ENOEXEC. */
	if (size) {
		const uint8_t *desc = NULL;
		uint32_t desc_len = 0;
		int nr = elf_note_find(copy, size, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &desc_len);
		if (nr != 0 && nr != -ENOENT && nr != -ENOEXEC)
			harness_fail("elf_note_find result outside 0, -ENOENT, -ENOEXEC");
		if (nr == 0 && (desc < copy || desc_len > size || (size_t)(desc - copy) > size - desc_len))
			harness_fail("elf_note_find description outside the image");
	}
	free(copy);
	size_t len = strnlen(reason, sizeof(reason));
	if (len >= ELF_REASON_MAX)
		harness_fail("reason longer than ELF_REASON_MAX");
	if (memchr(reason, '\n', len) != NULL)
		harness_fail("reason spans lines");
	if (rc == 0) {
		const char *wrong = elf_plan_check(&plan, size);
		if (wrong != NULL)
			harness_fail(wrong);
		if (len != 0)
			harness_fail("reason set on success");
	} else {
		if (rc != -ENOEXEC)
			harness_fail("result neither 0 nor -ENOEXEC");
		if (len == 0)
			harness_fail("rejection without a reason");
		if (!harness_plan_is_zero(&plan))
			harness_fail("rejection left a plan behind");
	}
	return 0;
}
