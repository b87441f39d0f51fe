/*
 * The \_S5_ object of a DSDT: finds `Name(_S5_, Package(){a, b, ...})` in
 * the AML and decodes its first two integers, SLP_TYPa and SLP_TYPb
 * (spec/vigil.md VIG-131).  Only what the name's package can hold is
 * understood: ZeroOp, OneOp, OnesOp and the byte, word and dword constants.
 */
#include <aegis/errno.h>

#include "acpi/acpi.h"
#include "core/kstring.h"

#define AML_NAME_OP 0x08u
#define AML_PACKAGE_OP 0x12u
#define AML_ZERO_OP 0x00u
#define AML_ONE_OP 0x01u
#define AML_ONES_OP 0xFFu
#define AML_BYTE_PREFIX 0x0Au
#define AML_WORD_PREFIX 0x0Bu
#define AML_DWORD_PREFIX 0x0Cu
#define AML_ROOT_CHAR '\\'
#define AML_NAME_LEN 4u
#define AML_PKGLEN_EXTRA_SHIFT 6u /* bits 6-7 of the lead byte: how many bytes follow */
#define SLP_TYP_MASK 0x7u         /* SLP_TYP is a 3-bit field of PM1_CNT */
#define S5_MIN_ELEMENTS 2u

typedef struct {
	const uint8_t *p;
	size_t left;
} aml_cursor_t;

static int aml_byte(aml_cursor_t *c, uint8_t *out)
{
	if (c->left == 0)
		return -EINVAL;
	*out = *c->p++;
	c->left--;
	return 0;
}

static int aml_uint(aml_cursor_t *c, size_t bytes, uint32_t *out)
{
	uint32_t v = 0;
	for (size_t i = 0; i < bytes; i++) {
		uint8_t b;
		if (aml_byte(c, &b) != 0)
			return -EINVAL;
		v |= (uint32_t)b << (8 * i);
	}
	*out = v;
	return 0;
}

/* One integer element of the package. */
static int aml_integer(aml_cursor_t *c, uint32_t *out)
{
	uint8_t op;
	if (aml_byte(c, &op) != 0)
		return -EINVAL;
	switch (op) {
	case AML_ZERO_OP:
		*out = 0;
		return 0;
	case AML_ONE_OP:
		*out = 1;
		return 0;
	case AML_ONES_OP:
		*out = UINT32_MAX;
		return 0;
	case AML_BYTE_PREFIX:
		return aml_uint(c, 1, out);
	case AML_WORD_PREFIX:
		return aml_uint(c, 2, out);
	case AML_DWORD_PREFIX:
		return aml_uint(c, 4, out);
	default:
		return -EINVAL;
	}
}

/* Skip a PkgLength; its value is not needed (the elements are read one by one, bounded). */
static int aml_skip_pkglen(aml_cursor_t *c)
{
	uint8_t lead;
	if (aml_byte(c, &lead) != 0)
		return -EINVAL;
	size_t extra = lead >> AML_PKGLEN_EXTRA_SHIFT;
	if (extra > c->left)
		return -EINVAL;
	c->p += extra;
	c->left -= extra;
	return 0;
}

int acpi_s5_decode(const uint8_t *aml, size_t len, uint16_t *slp_typ_a, uint16_t *slp_typ_b)
{
	for (size_t at = 1; aml != NULL && at + AML_NAME_LEN <= len; at++) {
		if (kmemcmp(aml + at, "_S5_", AML_NAME_LEN) != 0)
			continue;
		bool named = aml[at - 1] == AML_NAME_OP || (aml[at - 1] == AML_ROOT_CHAR && at >= 2 && aml[at - 2] == AML_NAME_OP);
		if (!named)
			continue; /* a reference to _S5_, not its definition */
		aml_cursor_t c = {aml + at + AML_NAME_LEN, len - at - AML_NAME_LEN};
		uint8_t op, count;
		uint32_t a, b;
		if (aml_byte(&c, &op) != 0 || op != AML_PACKAGE_OP || aml_skip_pkglen(&c) != 0 ||
		    aml_byte(&c, &count) != 0 || count < S5_MIN_ELEMENTS || aml_integer(&c, &a) != 0 ||
		    aml_integer(&c, &b) != 0)
			return -EINVAL;
		*slp_typ_a = (uint16_t)(a & SLP_TYP_MASK);
		*slp_typ_b = (uint16_t)(b & SLP_TYP_MASK);
		return 0;
	}
	return -ENOENT;
}
