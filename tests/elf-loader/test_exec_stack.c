/*
 * exec_stack: the initial process stack of execve, read back the way musl's
 * _start and __libc_start_main read it (spec/elf-loader.md ELF-080..ELF-088).
 *
 * The reader below knows only the ABI: it walks argc, argv, envp (up to its
 * 0, without being told envc) and the auxiliary vector (up to AT_NULL),
 * turning every user address into an offset in the image and refusing any
 * that falls outside it.  The tests then compare what it found with what was
 * given, and check the layout of ELF-081 and ELF-082 byte by byte.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "proc/elf.h"
#include "proc/exec_stack.h"

#define DATA_DIR "tests/elf-loader/data/"
#define BUSYBOX_PATH "/bin/busybox"
#define STACK_TOP 0x00007ffffffff000ull
#define WORD 8u
#define PLATFORM_LEN 7u /* "x86_64" and its zero */
#define END_MARKER 8u
#define AUX_TYPES 64u /* more than any type the builder writes */
#define MAX_PARSED 20000u
#define CANARY 0xA5u
#define DEFAULT_SEED 1u
#define PROPERTY_ROUNDS 400u
#define ELF_PHOFF_OFFSET 32u
#define ELF_PHNUM_OFFSET 56u

static const uint64_t auxv_order[EXEC_AUXV_PAIRS] = {
	EXEC_AT_HWCAP, EXEC_AT_PAGESZ, EXEC_AT_CLKTCK, EXEC_AT_PHDR, EXEC_AT_PHENT, EXEC_AT_PHNUM,
	EXEC_AT_BASE, EXEC_AT_FLAGS, EXEC_AT_ENTRY, EXEC_AT_UID, EXEC_AT_EUID, EXEC_AT_GID,
	EXEC_AT_EGID, EXEC_AT_SECURE, EXEC_AT_RANDOM, EXEC_AT_EXECFN, EXEC_AT_PLATFORM, EXEC_AT_NULL,
};

/* ---- the musl-style reader ---------------------------------------------------- */

typedef struct {
	uint64_t rsp;
	size_t argc, envc;
	size_t argv_off[MAX_PARSED]; /* image offsets of the strings */
	size_t envp_off[MAX_PARSED];
	size_t auxv_off;   /* offset of the first aux pair */
	size_t auxv_end;   /* offset after the AT_NULL pair */
	size_t aux_count;  /* pairs, AT_NULL included */
	uint64_t aux_type[AUX_TYPES];
	uint64_t aux[AUX_TYPES]; /* value by type, as musl's aux[] */
} parsed_t;

static uint64_t word_at(const uint8_t *img, size_t off)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < WORD; i++)
		v |= (uint64_t)img[off + i] << (8u * i);
	return v;
}

/* A user address of a zero-terminated string inside the image, as an offset; NULL if ok. */
static const char *string_offset(const uint8_t *img, size_t size, uint64_t rsp, uint64_t addr, size_t *off)
{
	if (addr < rsp || addr - rsp >= size)
		return "string pointer outside the image";
	*off = (size_t)(addr - rsp);
	if (memchr(img + *off, 0, size - *off) == NULL)
		return "string runs off the image";
	return NULL;
}

static const char *parse_image(const uint8_t *img, size_t size, uint64_t stack_top, parsed_t *p)
{
	memset(p, 0, sizeof(*p));
	if (size % EXEC_STACK_ALIGN || size < WORD || size > stack_top)
		return "bad image size";
	p->rsp = stack_top - size;
	if (p->rsp % EXEC_STACK_ALIGN)
		return "rsp not 16-byte aligned";
	size_t at = 0;
	p->argc = word_at(img, at);
	at += WORD;
	if (p->argc > MAX_PARSED || (p->argc + 1) * WORD > size - at)
		return "argc beyond the image";
	for (size_t i = 0; i < p->argc; i++, at += WORD) {
		const char *err = string_offset(img, size, p->rsp, word_at(img, at), &p->argv_off[i]);
		if (err)
			return err;
	}
	if (word_at(img, at) != 0)
		return "argv not ended by 0";
	at += WORD;
	for (;; at += WORD) {
		if (size - at < WORD)
			return "envp runs off the image";
		uint64_t ptr = word_at(img, at);
		if (ptr == 0)
			break;
		if (p->envc == MAX_PARSED)
			return "too many envp entries";
		const char *err = string_offset(img, size, p->rsp, ptr, &p->envp_off[p->envc++]);
		if (err)
			return err;
	}
	at += WORD;
	p->auxv_off = at;
	for (;;) {
		if (size - at < 2 * WORD)
			return "auxv runs off the image";
		uint64_t type = word_at(img, at), value = word_at(img, at + WORD);
		at += 2 * WORD;
		if (p->aux_count == AUX_TYPES)
			return "too many aux pairs";
		p->aux_type[p->aux_count++] = type;
		if (type == EXEC_AT_NULL) {
			if (value != 0)
				return "AT_NULL with a value";
			break;
		}
		if (type >= AUX_TYPES)
			return "unknown aux type";
		p->aux[type] = value;
	}
	p->auxv_end = at;
	return NULL;
}

/* ---- building and judging ------------------------------------------------------ */

static void default_args(exec_stack_args_t *a, const exec_string_t *argv, size_t argc,
			 const exec_string_t *envp, size_t envc)
{
	memset(a, 0, sizeof(*a));
	a->argv = argv;
	a->argc = argc;
	a->envp = envp;
	a->envc = envc;
	a->execfn = (exec_string_t){ "/bin/prog", 9 };
	for (unsigned i = 0; i < EXEC_RANDOM_SIZE; i++)
		a->random[i] = (uint8_t)(0xC0 + i * 7);
	a->entry = 0x401000;
	a->phdr = 0x400040;
	a->phent = ELF_PHDR_SIZE;
	a->phnum = 7;
	a->uid = 1000;
	a->euid = 1001;
	a->gid = 100;
	a->egid = 101;
	a->secure = true;
	a->hwcap = EXEC_HWCAP_NONE;
}

static exec_string_t str(const char *s)
{
	return (exec_string_t){ s, strlen(s) };
}

/* The size ELF-081/082 imply before padding, computed independently of exec_stack.c. */
static size_t unpadded_size(const exec_stack_args_t *a)
{
	size_t n = WORD * (1 + a->argc + 1 + a->envc + 1 + 2 * EXEC_AUXV_PAIRS);
	n += EXEC_RANDOM_SIZE + PLATFORM_LEN;
	for (size_t i = 0; i < a->argc; i++)
		n += a->argv[i].len + 1;
	for (size_t i = 0; i < a->envc; i++)
		n += a->envp[i].len + 1;
	n += a->execfn.len + 1 + END_MARKER;
	return n;
}

static size_t expected_size(const exec_stack_args_t *a)
{
	return (unpadded_size(a) + EXEC_STACK_ALIGN - 1) / EXEC_STACK_ALIGN * EXEC_STACK_ALIGN;
}

static int same_string(const uint8_t *img, size_t off, const exec_string_t *s)
{
	return strlen((const char *)img + off) == s->len && (s->len == 0 || memcmp(img + off, s->data, s->len) == 0);
}

/* Everything ELF-081..083 promise about one image built from a. NULL when sound. */
static const char *judge(const uint8_t *img, size_t size, uint64_t stack_top, const exec_stack_args_t *a,
			 const exec_stack_image_t *out)
{
	static parsed_t p;
	const char *err = parse_image(img, size, stack_top, &p);
	if (err)
		return err;
	if (out->rsp != p.rsp || out->size != size)
		return "out does not describe the image";
	if (p.argc != a->argc || p.envc != a->envc)
		return "argc or envc wrong";
	/* ELF-083: the vector's order and values. */
	if (p.aux_count != EXEC_AUXV_PAIRS)
		return "wrong number of aux pairs";
	for (unsigned i = 0; i < EXEC_AUXV_PAIRS; i++)
		if (p.aux_type[i] != auxv_order[i])
			return "aux pairs not in Linux's order";
	if (p.aux[EXEC_AT_HWCAP] != a->hwcap || p.aux[EXEC_AT_PAGESZ] != 4096 || p.aux[EXEC_AT_CLKTCK] != 100 ||
	    p.aux[EXEC_AT_PHDR] != a->phdr || p.aux[EXEC_AT_PHENT] != a->phent || p.aux[EXEC_AT_PHNUM] != a->phnum ||
	    p.aux[EXEC_AT_BASE] != a->base || p.aux[EXEC_AT_FLAGS] != 0 || p.aux[EXEC_AT_ENTRY] != a->entry ||
	    p.aux[EXEC_AT_UID] != a->uid || p.aux[EXEC_AT_EUID] != a->euid || p.aux[EXEC_AT_GID] != a->gid ||
	    p.aux[EXEC_AT_EGID] != a->egid || p.aux[EXEC_AT_SECURE] != (a->secure ? 1u : 0u))
		return "aux value wrong";
	/* ELF-082: padding, random, platform, strings, execfn, end marker, in that order. */
	uint64_t random = p.aux[EXEC_AT_RANDOM];
	if (random < p.rsp + p.auxv_end || random - p.rsp > size - EXEC_RANDOM_SIZE)
		return "AT_RANDOM outside the image or below the vector";
	size_t at = (size_t)(random - p.rsp);
	if (at - p.auxv_end >= EXEC_STACK_ALIGN)
		return "padding of 16 bytes or more";
	for (size_t i = p.auxv_end; i < at; i++)
		if (img[i] != 0)
			return "padding not zero";
	if (memcmp(img + at, a->random, EXEC_RANDOM_SIZE) != 0)
		return "AT_RANDOM bytes differ";
	at += EXEC_RANDOM_SIZE;
	if (p.aux[EXEC_AT_PLATFORM] != p.rsp + at || size - at < PLATFORM_LEN || memcmp(img + at, "x86_64", PLATFORM_LEN))
		return "AT_PLATFORM wrong";
	at += PLATFORM_LEN;
	for (size_t i = 0; i < a->argc; i++) {
		if (p.argv_off[i] != at || !same_string(img, at, &a->argv[i]))
			return "argv string misplaced or different";
		at += a->argv[i].len + 1;
	}
	for (size_t i = 0; i < a->envc; i++) {
		if (p.envp_off[i] != at || !same_string(img, at, &a->envp[i]))
			return "envp string misplaced or different";
		at += a->envp[i].len + 1;
	}
	size_t fn;
	if (string_offset(img, size, p.rsp, p.aux[EXEC_AT_EXECFN], &fn) != NULL || fn != at ||
	    !same_string(img, at, &a->execfn))
		return "AT_EXECFN misplaced or different";
	at += a->execfn.len + 1;
	if (at != size - END_MARKER)
		return "strings do not end 8 bytes below stack_top";
	if (word_at(img, at) != 0)
		return "top word not zero";
	if (size != expected_size(a))
		return "size differs from the layout's";
	return NULL;
}

/* Size, build and judge; the buffer is one byte longer, and that byte must stay untouched. */
static void build_and_judge(const exec_stack_args_t *a, uint64_t stack_top, size_t max_size)
{
	size_t size = 0;
	assert_int_equal(exec_stack_size(a, max_size, &size), 0);
	uint8_t *buf = malloc(size + 1);
	assert_non_null(buf);
	memset(buf, CANARY, size + 1);
	exec_stack_image_t out;
	assert_int_equal(exec_stack_build(a, stack_top, max_size, buf, size + 1, &out), 0);
	assert_int_equal(out.size, size);
	assert_int_equal(buf[size], CANARY);
	const char *err = judge(buf, size, stack_top, a, &out);
	free(buf);
	if (err)
		fail_msg("%s", err);
}

/*
 * Expect rc from exec_stack_build, with the buffer untouched and out zero,
 * and size_rc from exec_stack_size (0 when only stack_top or buf_len is wrong).
 */
static void expect_refused_as(const exec_stack_args_t *a, uint64_t stack_top, size_t max_size, size_t buf_len,
			      int rc, int size_rc)
{
	size_t size = 123;
	assert_int_equal(exec_stack_size(a, max_size, &size), size_rc);
	if (size_rc != 0)
		assert_int_equal(size, 0);
	uint8_t *buf = malloc(EXEC_STACK_MAX);
	assert_non_null(buf);
	memset(buf, CANARY, EXEC_STACK_MAX);
	exec_stack_image_t out = { 1, 1 };
	assert_int_equal(exec_stack_build(a, stack_top, max_size, buf, buf_len, &out), rc);
	assert_int_equal(out.rsp, 0);
	assert_int_equal(out.size, 0);
	for (size_t i = 0; i < EXEC_STACK_MAX; i++)
		if (buf[i] != CANARY) {
			free(buf);
			fail_msg("byte %zu written on failure", i);
		}
	free(buf);
}

/* Refused by both functions alike: the arguments themselves are wrong. */
static void expect_refused(const exec_stack_args_t *a, uint64_t stack_top, size_t max_size, int rc)
{
	expect_refused_as(a, stack_top, max_size, EXEC_STACK_MAX, rc, rc);
}

/* ---- ELF-080..083: layouts ------------------------------------------------------ */

/* ELF-080, ELF-081, ELF-082, ELF-083: an ordinary command line. */
static void test_ELF_081_ordinary(void **state)
{
	(void)state;
	exec_string_t argv[] = { str("/bin/hello"), str("-v"), str("world") };
	exec_string_t envp[] = { str("PATH=/bin"), str("HOME=/"), str("TERM=vt100") };
	exec_stack_args_t a;
	default_args(&a, argv, 3, envp, 3);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	a.secure = false;
	a.hwcap = 0x178bfbffu;
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
}

/* ELF-081: empty argv, empty envp, both, and empty strings. */
static void test_ELF_081_empty_vectors(void **state)
{
	(void)state;
	exec_string_t argv[] = { str("prog"), str(""), str("x") };
	exec_string_t envp[] = { str(""), str("A=") };
	exec_stack_args_t a;
	default_args(&a, NULL, 0, envp, 2);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	default_args(&a, argv, 3, NULL, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	default_args(&a, NULL, 0, NULL, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	a.execfn = (exec_string_t){ NULL, 0 }; /* an empty path is still a string */
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	/* Non-NULL vectors with zero counts are fine too. */
	default_args(&a, argv, 0, envp, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
}

/* ELF-082: every padding length 0..15 occurs and is zero. */
static void test_ELF_082_every_padding(void **state)
{
	(void)state;
	char text[EXEC_STACK_ALIGN + 1];
	memset(text, 'p', sizeof(text) - 1);
	text[EXEC_STACK_ALIGN] = 0;
	unsigned seen = 0;
	for (size_t len = 0; len < EXEC_STACK_ALIGN; len++) {
		exec_string_t argv[] = { { text, len } };
		exec_stack_args_t a;
		default_args(&a, argv, 1, NULL, 0);
		build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
		size_t size;
		assert_int_equal(exec_stack_size(&a, EXEC_STACK_MAX, &size), 0);
		size_t unpadded = WORD * (3 + 1 + 2 * EXEC_AUXV_PAIRS) + EXEC_RANDOM_SIZE + PLATFORM_LEN + len + 1 +
				  a.execfn.len + 1 + END_MARKER;
		seen |= 1u << (size - unpadded);
	}
	assert_int_equal(seen, 0xFFFFu);
}

/* ELF-082: long strings, and stack tops anywhere in user space. */
static void test_ELF_082_long_strings(void **state)
{
	(void)state;
	size_t big = 100 * 1024;
	char *s = malloc(big);
	assert_non_null(s);
	for (size_t i = 0; i < big; i++)
		s[i] = (char)('a' + i % 26);
	exec_string_t argv[] = { str("prog"), { s, big } };
	exec_string_t envp[] = { { s, 64 * 1024 } };
	exec_stack_args_t a;
	default_args(&a, argv, 2, envp, 1);
	a.execfn = (exec_string_t){ s, 4000 };
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	build_and_judge(&a, ELF_USER_LIMIT, EXEC_STACK_MAX);
	build_and_judge(&a, ELF_USER_MIN + EXEC_STACK_MAX, EXEC_STACK_MAX);
	free(s);
}

/* ELF-085: many strings, up to exactly EXEC_STRINGS_MAX, and one more. */
static void test_ELF_085_many_strings(void **state)
{
	(void)state;
	exec_string_t *v = malloc(sizeof(*v) * (EXEC_STRINGS_MAX + 1));
	assert_non_null(v);
	static const char *names[] = { "a", "", "bc" };
	for (size_t i = 0; i <= EXEC_STRINGS_MAX; i++)
		v[i] = str(names[i % 3]);
	exec_stack_args_t a;
	default_args(&a, v, EXEC_STRINGS_MAX / 2, v + EXEC_STRINGS_MAX / 2, EXEC_STRINGS_MAX / 2);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	default_args(&a, v, EXEC_STRINGS_MAX, NULL, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	default_args(&a, NULL, 0, v, EXEC_STRINGS_MAX);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	default_args(&a, v, EXEC_STRINGS_MAX / 2 + 1, v, EXEC_STRINGS_MAX / 2);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	default_args(&a, v, EXEC_STRINGS_MAX + 1, NULL, 0);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	/* Counts that would overflow a sum are refused without walking the vectors. */
	default_args(&a, v, SIZE_MAX, v, SIZE_MAX);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	default_args(&a, v, 1, v, SIZE_MAX);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	free(v);
}

/* Check an image of exactly limit bytes is built and one byte more is refused. */
static void check_exact_limit(size_t limit, size_t max_size)
{
	exec_stack_args_t a;
	exec_string_t argv[] = { str("prog"), { NULL, 0 } };
	default_args(&a, argv, 2, NULL, 0);
	size_t base = unpadded_size(&a); /* the empty second string costs its zero byte */
	size_t len = limit - base;
	char *s = malloc(len + 1);
	assert_non_null(s);
	memset(s, 'L', len + 1);
	argv[1] = (exec_string_t){ s, len };
	assert_int_equal(unpadded_size(&a), limit);
	build_and_judge(&a, STACK_TOP, max_size);
	argv[1].len = len + 1;
	expect_refused(&a, STACK_TOP, max_size, -E2BIG);
	free(s);
}

/* ELF-085: the size limit, at exactly the limit and one byte over. */
static void test_ELF_085_exact_limit(void **state)
{
	(void)state;
	check_exact_limit(EXEC_STACK_MAX, EXEC_STACK_MAX);
	check_exact_limit(EXEC_STACK_MAX, SIZE_MAX); /* max_size above the fixed bound */
	check_exact_limit(8192, 8192);
	check_exact_limit(8192, 8192 + 15); /* the image is a multiple of 16 */
}

/* ELF-085: huge lengths are refused by arithmetic, before a byte is read (ASan watches). */
static void test_ELF_085_hostile_lengths(void **state)
{
	(void)state;
	char *tiny = malloc(4);
	assert_non_null(tiny);
	memcpy(tiny, "abc", 4);
	exec_string_t argv[] = { str("prog"), { tiny, SIZE_MAX } };
	exec_string_t envp[] = { { tiny, SIZE_MAX - 8 }, { tiny, SIZE_MAX } };
	exec_stack_args_t a;
	default_args(&a, argv, 2, NULL, 0);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	default_args(&a, NULL, 0, envp, 2);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	default_args(&a, NULL, 0, NULL, 0);
	a.execfn = (exec_string_t){ tiny, SIZE_MAX };
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	a.execfn = (exec_string_t){ tiny, EXEC_STACK_MAX + 1 };
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -E2BIG);
	/* Sizes tiny enough to fit nothing. */
	default_args(&a, NULL, 0, NULL, 0);
	expect_refused(&a, STACK_TOP, 0, -E2BIG);
	expect_refused(&a, STACK_TOP, 16, -E2BIG);
	/* A stack top too low for the image. */
	expect_refused_as(&a, ELF_USER_MIN + EXEC_STACK_ALIGN, EXEC_STACK_MAX, EXEC_STACK_MAX, -E2BIG, 0);
	size_t size;
	assert_int_equal(exec_stack_size(&a, EXEC_STACK_MAX, &size), 0);
	build_and_judge(&a, ELF_USER_MIN + size, EXEC_STACK_MAX);
	expect_refused_as(&a, ELF_USER_MIN + size - EXEC_STACK_ALIGN, EXEC_STACK_MAX, EXEC_STACK_MAX, -E2BIG, 0);
	free(tiny);
}

/* ---- ELF-086: caller mistakes ------------------------------------------------------ */

/* ELF-086 */
static void test_ELF_086_invalid_arguments(void **state)
{
	(void)state;
	exec_string_t argv[] = { str("prog") };
	exec_string_t null_data[] = { str("ok"), { NULL, 3 } };
	exec_string_t hidden_zero[] = { str("ok"), { "ab\0cd", 5 } };
	exec_stack_args_t a;
	default_args(&a, argv, 1, NULL, 0);
	size_t size;
	exec_stack_image_t out;
	uint8_t buf[64];

	assert_int_equal(exec_stack_size(NULL, EXEC_STACK_MAX, &size), -EINVAL);
	assert_int_equal(size, 0);
	assert_int_equal(exec_stack_size(&a, EXEC_STACK_MAX, NULL), -EINVAL);
	assert_int_equal(exec_stack_build(&a, STACK_TOP, EXEC_STACK_MAX, buf, sizeof(buf), NULL), -EINVAL);
	assert_int_equal(exec_stack_build(NULL, STACK_TOP, EXEC_STACK_MAX, buf, sizeof(buf), &out), -EINVAL);
	assert_int_equal(exec_stack_build(&a, STACK_TOP, EXEC_STACK_MAX, NULL, EXEC_STACK_MAX, &out), -EINVAL);

	/* Vectors and strings. */
	default_args(&a, NULL, 1, NULL, 0);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, NULL, 0, NULL, 2);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, null_data, 2, NULL, 0);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, NULL, 0, null_data, 2);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, NULL, 0, NULL, 0);
	a.execfn = (exec_string_t){ NULL, 1 };
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, hidden_zero, 2, NULL, 0);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, NULL, 0, hidden_zero, 2);
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	default_args(&a, NULL, 0, NULL, 0);
	a.execfn = (exec_string_t){ "/bin\0sh", 7 };
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);
	/* The zero byte at the very end of the length counts too. */
	a.execfn = (exec_string_t){ "/bin/sh", 8 };
	expect_refused(&a, STACK_TOP, EXEC_STACK_MAX, -EINVAL);

	/* Stack tops. */
	default_args(&a, argv, 1, NULL, 0);
	expect_refused_as(&a, STACK_TOP + 8, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);
	expect_refused_as(&a, STACK_TOP - 1, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);
	expect_refused_as(&a, 0, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);
	expect_refused_as(&a, ELF_USER_MIN - EXEC_STACK_ALIGN, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);
	expect_refused_as(&a, ELF_USER_LIMIT + EXEC_STACK_ALIGN, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);
	expect_refused_as(&a, UINT64_MAX - 15, EXEC_STACK_MAX, EXEC_STACK_MAX, -EINVAL, 0);

	/* A buffer one byte short. */
	assert_int_equal(exec_stack_size(&a, EXEC_STACK_MAX, &size), 0);
	expect_refused_as(&a, STACK_TOP, EXEC_STACK_MAX, size - 1, -EINVAL, 0);
	expect_refused_as(&a, STACK_TOP, EXEC_STACK_MAX, 0, -EINVAL, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
}

/* ---- ELF-084: facts from a plan --------------------------------------------------- */

/* ELF-084 */
static void test_ELF_084_use_plan(void **state)
{
	(void)state;
	elf_plan_t plan;
	memset(&plan, 0, sizeof(plan));
	plan.entry = 0x401234;
	plan.phdr_vaddr = 0x400040;
	plan.phent = ELF_PHDR_SIZE;
	plan.phnum = 9;
	exec_stack_args_t a;
	default_args(&a, NULL, 0, NULL, 0);
	a.base = 77;
	exec_stack_use_plan(&a, &plan);
	assert_int_equal(a.entry, 0x401234);
	assert_int_equal(a.phdr, 0x400040);
	assert_int_equal(a.phent, ELF_PHDR_SIZE);
	assert_int_equal(a.phnum, 9);
	assert_int_equal(a.base, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	/* Headers not in memory: AT_PHDR and AT_PHNUM 0 (ELF-034). */
	plan.phdr_vaddr = 0;
	exec_stack_use_plan(&a, &plan);
	assert_int_equal(a.phdr, 0);
	assert_int_equal(a.phnum, 0);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	/* NULL arguments change nothing and do not crash. */
	exec_stack_use_plan(NULL, &plan);
	exec_stack_use_plan(&a, NULL);
	assert_int_equal(a.entry, 0x401234);
}

/* ---- ELF-087: seeded random argument sets ---------------------------------------- */

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define PROP_MAX_STRINGS 64u
#define PROP_MAX_LEN 300u

/* ELF-087: random sets, random stack tops and limits; built images read back intact. */
static void test_ELF_087_seeded_property(void **state)
{
	(void)state;
	const char *env = getenv("AEGIS_TEST_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : DEFAULT_SEED;
	print_message("# AEGIS_TEST_SEED=%" PRIu64 "\n", seed);
	uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 1;
	static char pool[2 * PROP_MAX_STRINGS + 1][PROP_MAX_LEN];
	static exec_string_t argv[PROP_MAX_STRINGS], envp[PROP_MAX_STRINGS];
	unsigned built = 0, refused = 0;
	for (unsigned round = 0; round < PROPERTY_ROUNDS; round++) {
		exec_stack_args_t a;
		size_t argc = next_random(&rng) % (PROP_MAX_STRINGS + 1);
		size_t envc = next_random(&rng) % (PROP_MAX_STRINGS + 1);
		default_args(&a, argc ? argv : NULL, argc, envc ? envp : NULL, envc);
		for (size_t i = 0; i < 2 * PROP_MAX_STRINGS + 1; i++) {
			size_t len = next_random(&rng) % PROP_MAX_LEN;
			for (size_t j = 0; j < len; j++)
				pool[i][j] = (char)(1 + next_random(&rng) % 255); /* any byte but zero */
			exec_string_t s = { pool[i], len };
			if (i < PROP_MAX_STRINGS)
				argv[i] = s;
			else if (i < 2 * PROP_MAX_STRINGS)
				envp[i - PROP_MAX_STRINGS] = s;
			else
				a.execfn = s;
		}
		for (unsigned i = 0; i < EXEC_RANDOM_SIZE; i++)
			a.random[i] = (uint8_t)next_random(&rng);
		a.uid = (cred_id_t)next_random(&rng);
		a.euid = (cred_id_t)next_random(&rng);
		a.gid = (cred_id_t)next_random(&rng);
		a.egid = (cred_id_t)next_random(&rng);
		a.secure = next_random(&rng) & 1;
		a.entry = next_random(&rng);
		a.phdr = next_random(&rng);
		a.phnum = next_random(&rng) % ELF_MAX_PHNUM;
		uint64_t top = ELF_USER_MIN + EXEC_STACK_MAX +
			       (next_random(&rng) % (ELF_USER_LIMIT - ELF_USER_MIN - EXEC_STACK_MAX));
		top &= ~(uint64_t)(EXEC_STACK_ALIGN - 1);
		size_t max_size = (next_random(&rng) & 1) ? EXEC_STACK_MAX : (size_t)(next_random(&rng) % (40 * 1024));
		size_t want = expected_size(&a);
		if (want <= max_size) {
			build_and_judge(&a, top, max_size);
			built++;
		} else {
			size_t size;
			assert_int_equal(exec_stack_size(&a, max_size, &size), -E2BIG);
			refused++;
		}
	}
	print_message("# %u images built, %u refused as too big\n", built, refused);
	assert_true(built > 0 && refused > 0);
}

/* ---- ELF-088: AT_PHDR of real programs ------------------------------------------ */

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
	assert_non_null(buf);
	size_t got = fread(buf, 1, (size_t)len, f);
	fclose(f);
	assert_int_equal(got, (size_t)len);
	*size = got;
	return buf;
}

static void check_phdr_of(const char *path)
{
	size_t size;
	uint8_t *img = read_file(path, &size);
	assert_non_null(img);
	elf_plan_t plan;
	char reason[ELF_REASON_MAX];
	assert_int_equal(elf_plan(img, size, &plan, reason, sizeof(reason)), 0);
	assert_true(size >= ELF_EHDR_SIZE);
	uint64_t phoff = word_at(img, ELF_PHOFF_OFFSET);
	assert_int_not_equal(plan.phdr_vaddr, 0);
	unsigned found = 0;
	for (uint32_t i = 0; i < plan.segment_count; i++) {
		const elf_segment_t *s = &plan.segments[i];
		uint64_t table = (uint64_t)plan.phnum * plan.phent;
		if (plan.phdr_vaddr >= s->copy_vaddr && plan.phdr_vaddr - s->copy_vaddr <= s->copy_size &&
		    s->copy_size - (plan.phdr_vaddr - s->copy_vaddr) >= table) {
			/* The bytes at AT_PHDR are the file's program header table. */
			assert_int_equal(s->copy_offset + (plan.phdr_vaddr - s->copy_vaddr), phoff);
			found++;
		}
	}
	assert_int_equal(found, 1);
	exec_string_t argv[] = { str(path) };
	exec_stack_args_t a;
	default_args(&a, argv, 1, NULL, 0);
	exec_stack_use_plan(&a, &plan);
	assert_int_equal(a.phdr, plan.phdr_vaddr);
	assert_int_equal(a.phnum, plan.phnum);
	assert_int_equal(a.phnum, img[ELF_PHNUM_OFFSET] | img[ELF_PHNUM_OFFSET + 1] << 8);
	build_and_judge(&a, STACK_TOP, EXEC_STACK_MAX);
	print_message("# %s: AT_PHDR 0x%" PRIx64 " = file offset %" PRIu64 ", %u headers\n", path, plan.phdr_vaddr,
		      phoff, plan.phnum);
	free(img);
}

/* ELF-088 */
static void test_ELF_088_phdr_musl(void **state)
{
	(void)state;
	check_phdr_of(DATA_DIR "hello-musl");
	check_phdr_of(DATA_DIR "tls-musl");
}

/* ELF-088 */
static void test_ELF_088_phdr_busybox(void **state)
{
	(void)state;
	FILE *f = fopen(BUSYBOX_PATH, "rb");
	if (f == NULL) {
		print_message("# " BUSYBOX_PATH " is absent (Debian package busybox-static not installed)\n");
		skip();
	}
	fclose(f);
	check_phdr_of(BUSYBOX_PATH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ELF_081_ordinary),
		cmocka_unit_test(test_ELF_081_empty_vectors),
		cmocka_unit_test(test_ELF_082_every_padding),
		cmocka_unit_test(test_ELF_082_long_strings),
		cmocka_unit_test(test_ELF_084_use_plan),
		cmocka_unit_test(test_ELF_085_many_strings),
		cmocka_unit_test(test_ELF_085_exact_limit),
		cmocka_unit_test(test_ELF_085_hostile_lengths),
		cmocka_unit_test(test_ELF_086_invalid_arguments),
		cmocka_unit_test(test_ELF_087_seeded_property),
		cmocka_unit_test(test_ELF_088_phdr_musl),
		cmocka_unit_test(test_ELF_088_phdr_busybox),
	};
	return cmocka_run_group_tests_name("elf-loader initial stack", tests, NULL, NULL);
}
