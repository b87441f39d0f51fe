/*
 * A tiny ELF64 image builder for the elf-loader tests (spec/elf-loader.md).
 *
 * A test starts from elfb_default(), a small valid static executable laid
 * out like musl's output (R headers page, R+X text, R+W data with bss,
 * PT_GNU_STACK), changes the one field it is about, and calls elfb_check().
 * Fields are plain struct members, serialised little-endian by elfb_emit()
 * into a heap buffer of exactly file_size bytes, so ASan reports any read
 * past the image.  Writes that would fall outside the file are dropped,
 * which lets a test describe headers that point beyond the end.
 */
#ifndef AEGIS_TESTS_ELF_BUILDER_H
#define AEGIS_TESTS_ELF_BUILDER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "proc/elf.h"

#define ELFB_MAX_PH 80u

/* Values the tests use by name. */
#define ELFB_PT_LOAD 1u
#define ELFB_PT_DYNAMIC 2u
#define ELFB_PT_INTERP 3u
#define ELFB_PT_NOTE 4u
#define ELFB_PT_PHDR 6u
#define ELFB_PT_TLS 7u
#define ELFB_PT_GNU_STACK 0x6474e551u
#define ELFB_PT_GNU_RELRO 0x6474e552u
#define ELFB_PF_X 1u
#define ELFB_PF_W 2u
#define ELFB_PF_R 4u
#define ELFB_ET_EXEC 2u
#define ELFB_ET_DYN 3u
#define ELFB_EM_X86_64 62u

/* The default image's layout. */
#define ELFB_BASE 0x400000ull
#define ELFB_PAGE 0x1000ull
#define ELFB_TEXT_SIZE 0x100ull
#define ELFB_DATA_FILESZ 0x80ull
#define ELFB_DATA_MEMSZ 0x1800ull
#define ELFB_DEFAULT_PHNUM 4u

typedef struct {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
} elfb_phdr_t;

typedef struct {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	elfb_phdr_t ph[ELFB_MAX_PH];
	size_t file_size;
} elfb_t;

static inline elfb_phdr_t elfb_phdr(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr, uint64_t filesz,
				    uint64_t memsz, uint64_t align)
{
	elfb_phdr_t ph = {type, flags, offset, vaddr, vaddr, filesz, memsz, align};
	return ph;
}

static inline void elfb_default(elfb_t *b)
{
	memset(b, 0, sizeof(*b));
	static const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
	memcpy(b->ident, ident, sizeof(ident));
	b->type = ELFB_ET_EXEC;
	b->machine = ELFB_EM_X86_64;
	b->version = 1;
	b->entry = ELFB_BASE + ELFB_PAGE + 0x10;
	b->phoff = ELF_EHDR_SIZE;
	b->ehsize = ELF_EHDR_SIZE;
	b->phentsize = ELF_PHDR_SIZE;
	b->phnum = ELFB_DEFAULT_PHNUM;
	b->shentsize = 64;
	b->ph[0] = elfb_phdr(ELFB_PT_LOAD, ELFB_PF_R, 0, ELFB_BASE, 0x200, 0x200, ELFB_PAGE);
	b->ph[1] = elfb_phdr(ELFB_PT_LOAD, ELFB_PF_R | ELFB_PF_X, ELFB_PAGE, ELFB_BASE + ELFB_PAGE, ELFB_TEXT_SIZE,
			     ELFB_TEXT_SIZE, ELFB_PAGE);
	b->ph[2] = elfb_phdr(ELFB_PT_LOAD, ELFB_PF_R | ELFB_PF_W, 2 * ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE,
			     ELFB_DATA_FILESZ, ELFB_DATA_MEMSZ, ELFB_PAGE);
	b->ph[3] = elfb_phdr(ELFB_PT_GNU_STACK, ELFB_PF_R | ELFB_PF_W, 0, 0, 0, 0, 16);
	b->file_size = 2 * ELFB_PAGE + ELFB_DATA_FILESZ;
}

/* Append a program header and return its index. */
static inline unsigned elfb_add(elfb_t *b, elfb_phdr_t ph)
{
	unsigned index = b->phnum;
	assert_true(index < ELFB_MAX_PH);
	b->ph[index] = ph;
	b->phnum++;
	return index;
}

static inline void elfb_put(uint8_t *buf, size_t size, uint64_t off, uint64_t value, unsigned width)
{
	for (unsigned i = 0; i < width; i++)
		if (off + i >= off && off + i < size)
			buf[off + i] = (uint8_t)(value >> (8 * i));
}

/* Serialise into a fresh heap buffer of exactly file_size bytes (caller frees). */
static inline uint8_t *elfb_emit(const elfb_t *b)
{
	size_t size = b->file_size;
	uint8_t *buf = malloc(size ? size : 1);
	assert_non_null(buf);
	for (size_t i = 0; i < size; i++)
		buf[i] = (uint8_t)(0xA5 ^ i); /* filler that is not accidentally zero */
	unsigned count = b->phnum < ELFB_MAX_PH ? b->phnum : ELFB_MAX_PH;
	for (unsigned i = 0; i < count; i++) {
		const elfb_phdr_t *ph = &b->ph[i];
		uint64_t at;
		if (__builtin_add_overflow(b->phoff, (uint64_t)i * ELF_PHDR_SIZE, &at) || at > UINT64_MAX - ELF_PHDR_SIZE)
			break; /* a table "beyond the end of memory" has nothing in the file */
		elfb_put(buf, size, at + 0, ph->type, 4);
		elfb_put(buf, size, at + 4, ph->flags, 4);
		elfb_put(buf, size, at + 8, ph->offset, 8);
		elfb_put(buf, size, at + 16, ph->vaddr, 8);
		elfb_put(buf, size, at + 24, ph->paddr, 8);
		elfb_put(buf, size, at + 32, ph->filesz, 8);
		elfb_put(buf, size, at + 40, ph->memsz, 8);
		elfb_put(buf, size, at + 48, ph->align, 8);
	}
	/* The header last: where a table overlaps it, the header's bytes win. */
	for (unsigned i = 0; i < sizeof(b->ident); i++)
		elfb_put(buf, size, i, b->ident[i], 1);
	elfb_put(buf, size, 16, b->type, 2);
	elfb_put(buf, size, 18, b->machine, 2);
	elfb_put(buf, size, 20, b->version, 4);
	elfb_put(buf, size, 24, b->entry, 8);
	elfb_put(buf, size, 32, b->phoff, 8);
	elfb_put(buf, size, 40, b->shoff, 8);
	elfb_put(buf, size, 48, b->flags, 4);
	elfb_put(buf, size, 52, b->ehsize, 2);
	elfb_put(buf, size, 54, b->phentsize, 2);
	elfb_put(buf, size, 56, b->phnum, 2);
	elfb_put(buf, size, 58, b->shentsize, 2);
	elfb_put(buf, size, 60, b->shnum, 2);
	elfb_put(buf, size, 62, b->shstrndx, 2);
	return buf;
}

static inline int elfb_run(const elfb_t *b, elf_plan_t *plan, char *reason, size_t reason_len)
{
	uint8_t *buf = elfb_emit(b);
	int rc = elf_plan(buf, b->file_size, plan, reason, reason_len);
	free(buf);
	return rc;
}

static inline int elfb_plan_is_zero(const elf_plan_t *plan)
{
	static const elf_plan_t zero;
	return memcmp(plan, &zero, sizeof(zero)) == 0;
}

/* The image must be refused with exactly this reason and leave a zero plan. */
static inline void elfb_expect_reject(const elfb_t *b, const char *want)
{
	elf_plan_t plan;
	char reason[ELF_REASON_MAX];
	memset(&plan, 0x5a, sizeof(plan));
	int rc = elfb_run(b, &plan, reason, sizeof(reason));
	assert_string_equal(reason, want);
	assert_int_equal(rc, -ENOEXEC);
	assert_true(elfb_plan_is_zero(&plan));
}

/* The image must be accepted; the plan is returned for inspection. */
static inline void elfb_expect_accept(const elfb_t *b, elf_plan_t *plan)
{
	char reason[ELF_REASON_MAX];
	int rc = elfb_run(b, plan, reason, sizeof(reason));
	assert_string_equal(reason, "");
	assert_int_equal(rc, 0);
}

#endif
