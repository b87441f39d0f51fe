/*
 * The "crypt base64" used by SHA-crypt and the other Unix crypt schemes.
 *
 * Alphabet "./0-9A-Za-z" (value 0 is '.'), and each 24-bit group is written
 * least significant six bits first, which is not RFC 4648 base64.  The
 * caller decides which digest bytes go into each group (see crypt_sha.c).
 */
#ifndef LIBAUTH_CRYPT_B64_H
#define LIBAUTH_CRYPT_B64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool auth_b64_is_char(unsigned char c);

/* Write the low 6*n_chars bits of (b2 << 16 | b1 << 8 | b0), 6 bits per char. Returns out + n_chars. */
char *auth_b64_put24(char *out, uint8_t b2, uint8_t b1, uint8_t b0, unsigned n_chars);

#endif
