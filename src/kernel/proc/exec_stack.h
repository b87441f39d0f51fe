/*
 * The initial process stack of execve: argc, argv, envp, the auxiliary
 * vector and their strings, laid out as the System V x86-64 ABI and Linux
 * do (spec/elf-loader.md ELF-080..ELF-088).
 *
 * exec_stack_build() writes the image into a caller-provided kernel buffer;
 * execve copies it to [stack_top - size, stack_top) of the new address space
 * and enters the program with rsp = stack_top - size.  Pure code: it maps,
 * allocates and logs nothing.  exec_stack_size() gives the size first so the
 * caller can allocate the buffer.
 */
#ifndef AEGIS_KERNEL_PROC_EXEC_STACK_H
#define AEGIS_KERNEL_PROC_EXEC_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc/cred.h"
#include "proc/elf.h"

/* Largest image, all parts included (ELF-085). */
#define EXEC_STACK_MAX (256u * 1024u)
/* Most argument plus environment strings (ELF-085). */
#define EXEC_STRINGS_MAX 16384u
/* Bytes behind AT_RANDOM (ELF-083). */
#define EXEC_RANDOM_SIZE 16u
/* Alignment of rsp at the program's entry and of stack_top (ELF-081). */
#define EXEC_STACK_ALIGN 16u
/* AT_PLATFORM's string (ELF-082). */
#define EXEC_PLATFORM "x86_64"
/* AT_CLKTCK: the tick rate times() reports in. */
#define EXEC_CLKTCK 100u
/* AT_HWCAP: no CPU feature claims for now (ELF-083). */
#define EXEC_HWCAP_NONE 0u

/* Auxiliary vector types (Linux's values; EXEC_ prefix so hosts' <elf.h> can coexist). */
#define EXEC_AT_NULL 0u
#define EXEC_AT_PHDR 3u
#define EXEC_AT_PHENT 4u
#define EXEC_AT_PHNUM 5u
#define EXEC_AT_PAGESZ 6u
#define EXEC_AT_BASE 7u
#define EXEC_AT_FLAGS 8u
#define EXEC_AT_ENTRY 9u
#define EXEC_AT_UID 11u
#define EXEC_AT_EUID 12u
#define EXEC_AT_GID 13u
#define EXEC_AT_EGID 14u
#define EXEC_AT_PLATFORM 15u
#define EXEC_AT_HWCAP 16u
#define EXEC_AT_CLKTCK 17u
#define EXEC_AT_SECURE 23u
#define EXEC_AT_RANDOM 25u
#define EXEC_AT_EXECFN 31u
/* (type, value) pairs in the vector, AT_NULL included. */
#define EXEC_AUXV_PAIRS 18u

/* A string already in the kernel: len bytes at data, no terminator counted. */
typedef struct {
	const char *data; /* may be NULL only when len is 0 */
	size_t len;
} exec_string_t;

typedef struct {
	const exec_string_t *argv; /* argc entries; may be NULL when argc is 0 */
	size_t argc;
	const exec_string_t *envp; /* envc entries; may be NULL when envc is 0 */
	size_t envc;
	exec_string_t execfn; /* the path given to execve (AT_EXECFN) */
	uint8_t random[EXEC_RANDOM_SIZE]; /* from the kernel CSPRNG (AT_RANDOM) */
	/* Program facts: fill with exec_stack_use_plan(). */
	uint64_t entry;
	uint64_t phdr;
	uint64_t phent;
	uint64_t phnum;
	uint64_t base; /* interpreter base; 0 for static programs */
	/* Credentials after the exec rule, and whether the exec raised privilege. */
	cred_id_t uid, euid, gid, egid;
	bool secure;
	uint64_t hwcap; /* EXEC_HWCAP_NONE for now */
} exec_stack_args_t;

typedef struct {
	uint64_t rsp; /* user rsp at entry: stack_top - size, 16-byte aligned */
	size_t size;  /* bytes written to buf; the image covers [rsp, stack_top) */
} exec_stack_image_t;

/*
 * Size of the image args describe (ELF-080).  0, -EINVAL (ELF-086) or
 * -E2BIG when it exceeds min(max_size, EXEC_STACK_MAX) or the string
 * count (ELF-085).
 */
int exec_stack_size(const exec_stack_args_t *args, size_t max_size, size_t *size);

/*
 * Build the image for [stack_top - size, stack_top) into buf[0, size)
 * (ELF-080..ELF-083).  Same errors as exec_stack_size, plus -EINVAL for a
 * bad stack_top or a buffer too small and -E2BIG when the image would
 * reach below ELF_USER_MIN.  On failure buf is untouched and *out zero.
 */
int exec_stack_build(const exec_stack_args_t *args, uint64_t stack_top, size_t max_size,
		     void *buf, size_t buf_len, exec_stack_image_t *out);

/* Program facts from a load plan; phdr and phnum 0 when unmapped (ELF-084, ELF-034). */
void exec_stack_use_plan(exec_stack_args_t *args, const elf_plan_t *plan);

#endif
