/*
 * Shared helpers for the Multiboot2 parser tests (spec/multiboot2.md).
 *
 * Every input is copied into a heap buffer of exactly its size before it is
 * parsed, so AddressSanitizer reports any read past the structure (MB2-003).
 * mb2t_reject() checks the whole failure contract of MB2-002 (status, the
 * exact reason, one line, the output wiped) for one malformed input.
 */
#ifndef AEGIS_TESTS_MB2_TEST_H
#define AEGIS_TESTS_MB2_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "boot/multiboot2.h"
#include "mb2_build.h"

#define MB2T_BUF 4096u
#define MB2T_ERR 256u

/* Offsets inside a built structure: the first tag starts right after the 8-byte header. */
#define MB2T_FIRST_TAG 8u

static inline void mb2t_put_u32(uint8_t *buf, size_t at, uint32_t v)
{
	memcpy(buf + at, &v, sizeof(v));
}

static inline void mb2t_put_u64(uint8_t *buf, size_t at, uint64_t v)
{
	memcpy(buf + at, &v, sizeof(v));
}

/* Parse a copy of buf[0..len) with exactly len bytes available. */
static inline int mb2t_parse(const uint8_t *buf, size_t len, bootinfo_t *out, char *err)
{
	uint8_t *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, buf, len);
	int rc = mb2_parse(copy, len, out, err, MB2T_ERR);
	free(copy);
	return rc;
}

/* Parse and keep the copy alive (pointers in *out point into it); caller frees *keep. */
static inline int mb2t_parse_keep(const uint8_t *buf, size_t len, bootinfo_t *out, char *err, uint8_t **keep)
{
	*keep = malloc(len ? len : 1);
	assert_non_null(*keep);
	memcpy(*keep, buf, len);
	return mb2_parse(*keep, len, out, err, MB2T_ERR);
}

static inline bool mb2t_all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* MB2-002: -EINVAL, exactly this reason, one line, *out all zero. */
static inline void mb2t_reject(const uint8_t *buf, size_t len, const char *reason)
{
	bootinfo_t out;
	memset(&out, 0xA5, sizeof(out));
	char err[MB2T_ERR];
	int rc = mb2t_parse(buf, len, &out, err);
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(err, reason);
	assert_null(strchr(err, '\n'));
	assert_true(mb2t_all_zero(&out, sizeof(out)));
}

/* Parse buf, expecting success; *out filled; returns the kept copy for the caller to free. */
static inline uint8_t *mb2t_accept(const uint8_t *buf, size_t len, bootinfo_t *out)
{
	char err[MB2T_ERR];
	uint8_t *keep;
	int rc = mb2t_parse_keep(buf, len, out, err, &keep);
	if (rc != 0)
		fail_msg("expected success, got %d: %s", rc, err);
	assert_int_equal(out->info_size, len);
	return keep;
}

#endif
