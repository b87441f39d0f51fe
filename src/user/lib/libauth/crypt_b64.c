/* Crypt base64 encoding (see crypt_b64.h). */
#include "libauth/crypt_b64.h"

#define B64_BITS 6
#define B64_MASK 0x3fu

static const char b64_alphabet[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool auth_b64_is_char(unsigned char c)
{
	return c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

char *auth_b64_put24(char *out, uint8_t b2, uint8_t b1, uint8_t b0, unsigned n_chars)
{
	uint32_t w = ((uint32_t)b2 << 16) | ((uint32_t)b1 << 8) | b0;

	while (n_chars-- > 0) {
		*out++ = b64_alphabet[w & B64_MASK];
		w >>= B64_BITS;
	}
	return out;
}
