/*
 * Shared set-up for the initrd tests (spec/initrd.md): a simulated machine
 * with a kernel heap and a captured log, and a small cpio newc writer that
 * builds valid archives and lets a test damage any field of any header.
 *
 * Each test program includes this once.
 */
#ifndef AEGIS_TESTS_INITRD_FIXTURE_H
#define AEGIS_TESTS_INITRD_FIXTURE_H

#include "memory/mem_fixture.h"

#include "fs/initrd.h"

#define IFX_MACHINE_BYTES (64ull << 20)
#define IFX_HDR 110u
#define IFX_FIELD_LEN 8u
#define IFX_MAGIC_LEN 6u
#define IFX_CAP (1u << 20)

#define IFX_REG 0100644u
#define IFX_EXE 0100755u
#define IFX_DIR 0040755u
#define IFX_LNK 0120777u

/* Header field numbers (the order of spec/initrd.md INITRD-001). */
enum {
	IFX_INO, IFX_MODE, IFX_UID, IFX_GID, IFX_NLINK, IFX_MTIME, IFX_FILESIZE,
	IFX_DEVMAJOR, IFX_DEVMINOR, IFX_RDEVMAJOR, IFX_RDEVMINOR, IFX_NAMESIZE, IFX_CHECK, IFX_FIELDS,
};

typedef struct {
	uint8_t *buf;
	size_t len;
	size_t offsets[64]; /* header offset of each entry written */
	size_t entries;
} ifx_cpio_t;

static inline void ifx_machine(void)
{
	mem_log_capture();
	mem_machine(IFX_MACHINE_BYTES);
}

static inline void ifx_begin(ifx_cpio_t *c)
{
	memset(c, 0, sizeof(*c));
	c->buf = calloc(1, IFX_CAP);
	assert_non_null(c->buf);
}

static inline void ifx_end(ifx_cpio_t *c)
{
	free(c->buf);
	c->buf = NULL;
}

static inline void ifx_pad(ifx_cpio_t *c)
{
	while (c->len % 4u)
		c->buf[c->len++] = 0;
}

/* One entry with every field given (namesize is the name's length + 1). */
static inline void ifx_entry_full(ifx_cpio_t *c, const char *name, uint32_t mode, uint32_t uid, uint32_t gid,
                                  uint32_t mtime, const void *data, size_t size)
{
	size_t nlen = strlen(name) + 1;
	assert_true(c->len + IFX_HDR + nlen + size + 8 < IFX_CAP);
	if (c->entries < sizeof(c->offsets) / sizeof(c->offsets[0]))
		c->offsets[c->entries] = c->len;
	c->entries++;
	char hdr[IFX_HDR + 1];
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", (unsigned)c->entries, mode,
	         uid, gid, 1u, mtime, (unsigned)size, 0u, 0u, 0u, 0u, (unsigned)nlen, 0u);
	memcpy(c->buf + c->len, hdr, IFX_HDR);
	c->len += IFX_HDR;
	memcpy(c->buf + c->len, name, nlen);
	c->len += nlen;
	ifx_pad(c);
	if (size)
		memcpy(c->buf + c->len, data, size);
	c->len += size;
	ifx_pad(c);
}

static inline void ifx_entry(ifx_cpio_t *c, const char *name, uint32_t mode, const char *text)
{
	ifx_entry_full(c, name, mode, 0, 0, 0, text, text ? strlen(text) : 0);
}

static inline void ifx_trailer(ifx_cpio_t *c)
{
	ifx_entry_full(c, "TRAILER!!!", 0, 0, 0, 0, NULL, 0);
}

/* Overwrite field f of entry e with 8 characters. */
static inline void ifx_set_field(ifx_cpio_t *c, size_t e, unsigned f, const char *eight)
{
	assert_true(e < c->entries && strlen(eight) == IFX_FIELD_LEN);
	memcpy(c->buf + c->offsets[e] + IFX_MAGIC_LEN + f * IFX_FIELD_LEN, eight, IFX_FIELD_LEN);
}

static inline void ifx_set_value(ifx_cpio_t *c, size_t e, unsigned f, uint32_t v)
{
	char eight[IFX_FIELD_LEN + 1];
	snprintf(eight, sizeof(eight), "%08x", v);
	ifx_set_field(c, e, f, eight);
}

static inline uint64_t ifx_live_blocks(void)
{
	kheap_stats_t st;
	kheap_stats(&st);
	return st.live_blocks;
}

/* Parse buf[0..len); the result code, with the reason in reason (INITRD_REASON_MAX). */
static inline int ifx_parse_buf(const void *buf, size_t len, initrd_t **rd, char *reason)
{
	uint64_t before = ifx_live_blocks();
	int rc = initrd_parse(buf, len, rd, reason, INITRD_REASON_MAX);
	if (rc != 0) {
		assert_null(*rd);
		assert_true(reason[0] != '\0');
		assert_int_equal(ifx_live_blocks(), before); /* INITRD-010: nothing kept on failure */
	} else {
		assert_non_null(*rd);
	}
	return rc;
}

/* Expect the archive to be rejected with a reason containing want. */
static inline void ifx_expect_reject(const ifx_cpio_t *c, const char *want)
{
	/* An exact-size heap copy: ASan sees any read past the end. */
	uint8_t *copy = malloc(c->len ? c->len : 1);
	assert_non_null(copy);
	memcpy(copy, c->buf, c->len);
	initrd_t *rd = NULL;
	char reason[INITRD_REASON_MAX];
	int rc = ifx_parse_buf(copy, c->len, &rd, reason);
	if (rc != -EINVAL || strstr(reason, want) == NULL) {
		printf("# want -EINVAL with '%s', got %d '%s'\n", want, rc, rc ? reason : "");
		initrd_free(rd);
		free(copy);
		fail_msg("archive not rejected as expected");
	}
	free(copy);
}

/* Expect acceptance; the caller frees *rd. */
static inline initrd_t *ifx_expect_ok(const ifx_cpio_t *c)
{
	initrd_t *rd = NULL;
	char reason[INITRD_REASON_MAX];
	int rc = ifx_parse_buf(c->buf, c->len, &rd, reason);
	if (rc != 0) {
		printf("# parse failed: %d %s\n", rc, reason);
		fail_msg("valid archive rejected");
	}
	return rd;
}

#endif
