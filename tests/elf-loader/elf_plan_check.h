/*
 * Invariants every accepted load plan must satisfy (spec/elf-loader.md
 * ELF-060, ELF-061), checked independently of how elf.c reached them.
 *
 * Shared by the property tests (tests/elf-loader/test_elf_plan.c) and the
 * AFL++ harness (fuzz/elf/harness.c; both builds pass -Itests), so
 * fuzzing finds wrong plans as well as crashes.  Plain C, no cmocka: it
 * returns NULL when the plan is sound, otherwise what is wrong.
 */
#ifndef AEGIS_TESTS_ELF_PLAN_CHECK_H
#define AEGIS_TESTS_ELF_PLAN_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "proc/elf.h"

static inline int elf_check_page_aligned(uint64_t value)
{
	return (value & (ELF_PAGE_SIZE - 1)) == 0;
}

static inline const char *elf_plan_check(const elf_plan_t *plan, uint64_t image_size)
{
	if (plan->segment_count == 0 || plan->segment_count > ELF_MAX_LOAD)
		return "segment count out of range";
	int entry_ok = 0;
	for (uint32_t i = 0; i < plan->segment_count; i++) {
		const elf_segment_t *s = &plan->segments[i];
		if (!elf_check_page_aligned(s->map_start) || !elf_check_page_aligned(s->map_end))
			return "mapping not page-aligned";
		if (s->map_start < ELF_USER_MIN || s->map_end > ELF_USER_LIMIT || s->map_start >= s->map_end)
			return "mapping outside user space or empty";
		if (i > 0 && s->map_start < plan->segments[i - 1].map_end)
			return "mappings overlap or are out of order";
		if (s->copy_vaddr < s->map_start || s->copy_vaddr - s->map_start >= ELF_PAGE_SIZE)
			return "copy does not start in the first mapped page";
		if (s->copy_size + s->zero_size < s->copy_size || s->copy_size + s->zero_size == 0 ||
		    s->map_end - s->copy_vaddr < s->copy_size + s->zero_size)
			return "segment memory does not fit its mapping";
		if (s->map_end - s->copy_vaddr - (s->copy_size + s->zero_size) >= ELF_PAGE_SIZE)
			return "mapping longer than needed";
		if (s->copy_offset > image_size || image_size - s->copy_offset < s->copy_size)
			return "copy reads outside the image";
		if ((s->copy_offset & (ELF_PAGE_SIZE - 1)) != (s->copy_vaddr & (ELF_PAGE_SIZE - 1)))
			return "copy not page-congruent";
		if (s->prot & ~(uint32_t)(ELF_PROT_READ | ELF_PROT_WRITE | ELF_PROT_EXEC))
			return "unknown protection bits";
		if ((s->prot & ELF_PROT_WRITE) && (s->prot & ELF_PROT_EXEC))
			return "writable and executable segment";
		if ((s->prot & ELF_PROT_EXEC) && plan->entry >= s->copy_vaddr &&
		    plan->entry - s->copy_vaddr < s->copy_size)
			entry_ok = 1;
	}
	if (!entry_ok)
		return "entry not in an executable segment's file bytes";
	if (plan->brk_start != plan->segments[plan->segment_count - 1].map_end)
		return "brk_start is not the end of the highest segment";
	if (plan->phent != ELF_PHDR_SIZE || plan->phnum == 0 || plan->phnum > ELF_MAX_PHNUM)
		return "program header facts wrong";
	if (plan->load_bias & (ELF_PAGE_SIZE - 1))
		return "load bias not page-aligned";
	if (plan->tls.present) {
		if (plan->tls.filesz > plan->tls.memsz)
			return "TLS file size above memory size";
		if (plan->tls.align > 1 && (plan->tls.align & (plan->tls.align - 1)))
			return "TLS alignment not a power of two";
		if (plan->tls.vaddr < ELF_USER_MIN || plan->tls.vaddr > ELF_USER_LIMIT ||
		    ELF_USER_LIMIT - plan->tls.vaddr < plan->tls.memsz)
			return "TLS outside user space";
	} else if (plan->tls.vaddr || plan->tls.filesz || plan->tls.memsz || plan->tls.align) {
		return "absent TLS with non-zero fields";
	}
	return NULL;
}

#endif
