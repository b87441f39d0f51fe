/*
 * Building the initial process stack of execve (spec/elf-loader.md
 * ELF-080..ELF-086).
 *
 * The image, from rsp (offset 0) upward:
 *
 *   argc | argv[0..argc) | 0 | envp[0..envc) | 0 | auxv pairs .. AT_NULL 0
 *   | zero padding (0..15) | 16 random bytes | "x86_64\0"
 *   | argv strings | envp strings | execfn string | 8 zero bytes | stack_top
 *
 * The layout is computed first, with every sum checked against the limit
 * (at most EXEC_STACK_MAX, so nothing can overflow); only then are string
 * contents read, and only then is the buffer written.
 */
#include "proc/exec_stack.h"

#include <aegis/errno.h>

#include "core/kstring.h"

#define WORD_SIZE 8u
/* The zero word Linux keeps at the very top of the stack. */
#define END_MARKER_SIZE WORD_SIZE
/* "x86_64" and its terminator. */
#define PLATFORM_SIZE (sizeof(EXEC_PLATFORM))
/* Words that are not pointers or aux pairs: argc, argv's 0, envp's 0. */
#define FIXED_WORDS 3u

typedef struct {
	size_t vectors;  /* bytes from rsp to the end of the auxiliary vector */
	size_t padding;  /* zero bytes after it */
	size_t random;   /* offset of the AT_RANDOM bytes */
	size_t platform; /* offset of the platform string */
	size_t strings;  /* offset of argv[0]'s string */
	size_t execfn;   /* offset of the execfn string */
	size_t total;    /* image size, a multiple of EXEC_STACK_ALIGN */
} exec_layout_t;

/* *acc += add unless that exceeds limit; false (and *acc unchanged) then. */
static bool exec_add_bounded(size_t *acc, size_t add, size_t limit)
{
	if (*acc > limit || add > limit - *acc)
		return false;
	*acc += add;
	return true;
}

/* Each string has bytes behind its length; call only once count is bounded. */
static bool exec_string_pointers_ok(const exec_string_t *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].data == NULL && list[i].len != 0)
			return false;
	return true;
}

/* Add the bytes of each string and its terminator. */
static bool exec_add_strings(size_t *acc, const exec_string_t *list, size_t count, size_t limit)
{
	for (size_t i = 0; i < count; i++)
		if (!exec_add_bounded(acc, list[i].len, limit) || !exec_add_bounded(acc, 1, limit))
			return false;
	return true;
}

/* True when no zero byte hides inside the string's length. */
static bool exec_string_clean(const exec_string_t *s)
{
	return s->len == 0 || kstrnlen(s->data, s->len) == s->len;
}

static bool exec_strings_clean(const exec_string_t *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!exec_string_clean(&list[i]))
			return false;
	return true;
}

static int exec_layout(const exec_stack_args_t *args, size_t max_size, exec_layout_t *lay)
{
	if (args == NULL || (args->argc > 0 && args->argv == NULL) ||
	    (args->envc > 0 && args->envp == NULL))
		return -EINVAL;
	/* The count first, so a hostile count is never walked. */
	if (args->argc > EXEC_STRINGS_MAX || args->envc > EXEC_STRINGS_MAX - args->argc)
		return -E2BIG;
	if (!exec_string_pointers_ok(args->argv, args->argc) ||
	    !exec_string_pointers_ok(args->envp, args->envc) ||
	    !exec_string_pointers_ok(&args->execfn, 1))
		return -EINVAL;
	size_t limit = max_size < EXEC_STACK_MAX ? max_size : EXEC_STACK_MAX;

	/* Bounded by EXEC_STRINGS_MAX, so these products are small. */
	size_t words = FIXED_WORDS + args->argc + args->envc + 2u * EXEC_AUXV_PAIRS;
	size_t vectors = 0;
	if (!exec_add_bounded(&vectors, words * WORD_SIZE, limit))
		return -E2BIG;

	size_t info = 0;
	if (!exec_add_bounded(&info, EXEC_RANDOM_SIZE + PLATFORM_SIZE, limit) ||
	    !exec_add_strings(&info, args->argv, args->argc, limit) ||
	    !exec_add_strings(&info, args->envp, args->envc, limit) ||
	    !exec_add_strings(&info, &args->execfn, 1, limit) ||
	    !exec_add_bounded(&info, END_MARKER_SIZE, limit))
		return -E2BIG;

	size_t total = vectors;
	if (!exec_add_bounded(&total, info, limit))
		return -E2BIG;
	size_t padding = (EXEC_STACK_ALIGN - total % EXEC_STACK_ALIGN) % EXEC_STACK_ALIGN;
	if (!exec_add_bounded(&total, padding, limit))
		return -E2BIG;

	/* Only now, with every length bounded, read the strings. */
	if (!exec_strings_clean(args->argv, args->argc) || !exec_strings_clean(args->envp, args->envc) ||
	    !exec_string_clean(&args->execfn))
		return -EINVAL;

	lay->vectors = vectors;
	lay->padding = padding;
	lay->random = vectors + padding;
	lay->platform = lay->random + EXEC_RANDOM_SIZE;
	lay->strings = lay->platform + PLATFORM_SIZE;
	lay->execfn = total - END_MARKER_SIZE - (args->execfn.len + 1);
	lay->total = total;
	return 0;
}

int exec_stack_size(const exec_stack_args_t *args, size_t max_size, size_t *size)
{
	if (size == NULL)
		return -EINVAL;
	*size = 0;
	exec_layout_t lay;
	int rc = exec_layout(args, max_size, &lay);
	if (rc == 0)
		*size = lay.total;
	return rc;
}

/* Little-endian word at buf + offset; the buffer need not be aligned. */
static void exec_put_word(uint8_t *buf, size_t offset, uint64_t value)
{
	for (unsigned i = 0; i < WORD_SIZE; i++)
		buf[offset + i] = (uint8_t)(value >> (8u * i));
}

/* Copy each string with its terminator from *at on; store its user address in the vector. */
static void exec_put_strings(uint8_t *buf, const exec_string_t *list, size_t count, size_t *at,
			     size_t vector, uint64_t rsp)
{
	for (size_t i = 0; i < count; i++) {
		if (list[i].len)
			kmemcpy(buf + *at, list[i].data, list[i].len);
		buf[*at + list[i].len] = 0;
		exec_put_word(buf, vector + i * WORD_SIZE, rsp + *at);
		*at += list[i].len + 1;
	}
	exec_put_word(buf, vector + count * WORD_SIZE, 0);
}

static void exec_put_auxv(uint8_t *buf, size_t *at, uint64_t type, uint64_t value)
{
	exec_put_word(buf, *at, type);
	exec_put_word(buf, *at + WORD_SIZE, value);
	*at += 2u * WORD_SIZE;
}

int exec_stack_build(const exec_stack_args_t *args, uint64_t stack_top, size_t max_size,
		     void *buf, size_t buf_len, exec_stack_image_t *out)
{
	if (out == NULL)
		return -EINVAL;
	out->rsp = 0;
	out->size = 0;
	if (buf == NULL || stack_top % EXEC_STACK_ALIGN != 0 || stack_top < ELF_USER_MIN ||
	    stack_top > ELF_USER_LIMIT)
		return -EINVAL;
	exec_layout_t lay;
	int rc = exec_layout(args, max_size, &lay);
	if (rc != 0)
		return rc;
	if (stack_top - ELF_USER_MIN < lay.total)
		return -E2BIG;
	if (buf_len < lay.total)
		return -EINVAL;

	uint8_t *img = buf;
	uint64_t rsp = stack_top - lay.total;

	/* Strings, with their pointers filled in as they are placed. */
	size_t argv_vec = WORD_SIZE;
	size_t envp_vec = argv_vec + (args->argc + 1) * WORD_SIZE;
	size_t auxv = envp_vec + (args->envc + 1) * WORD_SIZE;
	exec_put_word(img, 0, args->argc);
	size_t at = lay.strings;
	exec_put_strings(img, args->argv, args->argc, &at, argv_vec, rsp);
	exec_put_strings(img, args->envp, args->envc, &at, envp_vec, rsp);
	if (args->execfn.len)
		kmemcpy(img + lay.execfn, args->execfn.data, args->execfn.len);
	img[lay.execfn + args->execfn.len] = 0;
	kmemset(img + lay.total - END_MARKER_SIZE, 0, END_MARKER_SIZE);

	kmemset(img + lay.vectors, 0, lay.padding);
	kmemcpy(img + lay.random, args->random, EXEC_RANDOM_SIZE);
	kmemcpy(img + lay.platform, EXEC_PLATFORM, PLATFORM_SIZE);

	/* The auxiliary vector, in Linux's order (ELF-083). */
	exec_put_auxv(img, &auxv, EXEC_AT_HWCAP, args->hwcap);
	exec_put_auxv(img, &auxv, EXEC_AT_PAGESZ, ELF_PAGE_SIZE);
	exec_put_auxv(img, &auxv, EXEC_AT_CLKTCK, EXEC_CLKTCK);
	exec_put_auxv(img, &auxv, EXEC_AT_PHDR, args->phdr);
	exec_put_auxv(img, &auxv, EXEC_AT_PHENT, args->phent);
	exec_put_auxv(img, &auxv, EXEC_AT_PHNUM, args->phnum);
	exec_put_auxv(img, &auxv, EXEC_AT_BASE, args->base);
	exec_put_auxv(img, &auxv, EXEC_AT_FLAGS, 0);
	exec_put_auxv(img, &auxv, EXEC_AT_ENTRY, args->entry);
	exec_put_auxv(img, &auxv, EXEC_AT_UID, args->uid);
	exec_put_auxv(img, &auxv, EXEC_AT_EUID, args->euid);
	exec_put_auxv(img, &auxv, EXEC_AT_GID, args->gid);
	exec_put_auxv(img, &auxv, EXEC_AT_EGID, args->egid);
	exec_put_auxv(img, &auxv, EXEC_AT_SECURE, args->secure ? 1u : 0u);
	exec_put_auxv(img, &auxv, EXEC_AT_RANDOM, rsp + lay.random);
	exec_put_auxv(img, &auxv, EXEC_AT_EXECFN, rsp + lay.execfn);
	exec_put_auxv(img, &auxv, EXEC_AT_PLATFORM, rsp + lay.platform);
	exec_put_auxv(img, &auxv, EXEC_AT_NULL, 0);

	out->rsp = rsp;
	out->size = lay.total;
	return 0;
}

void exec_stack_use_plan(exec_stack_args_t *args, const elf_plan_t *plan)
{
	if (args == NULL || plan == NULL)
		return;
	args->entry = plan->entry;
	args->phent = plan->phent;
	args->base = 0;
	if (plan->phdr_vaddr == 0) {
		args->phdr = 0;
		args->phnum = 0;
	} else {
		args->phdr = plan->phdr_vaddr;
		args->phnum = plan->phnum;
	}
}
