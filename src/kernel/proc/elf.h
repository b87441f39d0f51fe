/*
 * ELF64 executable validation and load planning (spec/elf-loader.md).
 *
 * elf_plan() reads the untrusted bytes of a program and either returns a
 * load plan (pages to map with their protection, file bytes to copy, entry,
 * the auxiliary-vector facts and the TLS template) or -ENOEXEC with a
 * one-line reason.  It maps, allocates and logs nothing: execve applies the
 * plan and prints the reason, and the same code runs under the tests and
 * AFL++.  The plan is a fixed-size struct (ELF_MAX_LOAD segments) so callers
 * can keep it on a kernel stack.
 */
#ifndef AEGIS_KERNEL_PROC_ELF_H
#define AEGIS_KERNEL_PROC_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_PAGE_SIZE 4096u
/* Lowest address a segment may use: page 0 and its neighbours stay unmapped. */
#define ELF_USER_MIN 0x10000ull
/* End of the lower canonical half: user mappings stay below it. */
#define ELF_USER_LIMIT 0x0000800000000000ull
#define ELF_MAX_PHNUM 64u
#define ELF_MAX_LOAD 16u
/* Where a static PIE (ET_DYN without PT_INTERP) is placed, before alignment. */
#define ELF_PIE_BASE 0x0000555555554000ull
/* Every rejection reason fits in this many bytes, terminator included. */
#define ELF_REASON_MAX 128u

/* Sizes of the ELF64 structures this loader reads. */
#define ELF_EHDR_SIZE 64u
#define ELF_PHDR_SIZE 56u

/* Segment protection in the plan. */
#define ELF_PROT_READ 0x1u
#define ELF_PROT_WRITE 0x2u
#define ELF_PROT_EXEC 0x4u

typedef struct {
	uint64_t map_start;   /* page-aligned first address to map */
	uint64_t map_end;     /* page-aligned end (exclusive) */
	uint64_t copy_vaddr;  /* where the file bytes go */
	uint64_t copy_offset; /* file offset of those bytes */
	uint64_t copy_size;   /* how many bytes (p_filesz) */
	uint64_t zero_size;   /* bytes after the copy that read as zero (p_memsz - p_filesz) */
	uint32_t prot;        /* ELF_PROT_* */
	uint32_t phindex;     /* index of the program header it came from */
} elf_segment_t;

typedef struct {
	bool present;
	uint64_t vaddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
} elf_tls_t;

typedef struct {
	uint64_t entry;
	uint64_t load_bias;  /* 0 for ET_EXEC */
	uint64_t phdr_vaddr; /* program headers in memory (AT_PHDR), 0 if not mapped */
	uint32_t phent;      /* AT_PHENT */
	uint32_t phnum;      /* AT_PHNUM */
	uint64_t brk_start;  /* page-aligned end of the highest segment */
	elf_tls_t tls;
	uint32_t segment_count;
	elf_segment_t segments[ELF_MAX_LOAD];
} elf_plan_t;

/*
 * Validate image[0..size) and fill *plan.  Returns 0, -ENOEXEC for a bad or
 * unsupported image, or -EINVAL for bad arguments; on failure *plan is all
 * zero and reason (if reason_len > 0) holds one terminated line.
 */
int elf_plan(const void *image, size_t size, elf_plan_t *plan, char *reason, size_t reason_len);

/* The width-byte little-endian number at p (width 1..8): ELF fields, read without alignment. */
uint64_t elf_load_le(const uint8_t *p, unsigned width);

#endif
