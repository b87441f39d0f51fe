/*
 * Constant-time equality of two equal-length buffers (see ct_equal.h).
 * The accumulator is volatile so the compiler cannot turn the loop back into
 * an early-exit comparison; the final reduction to 0/1 is arithmetic.
 */
#include <stdint.h>

#include "crypto/ct_equal.h"

bool crypto_ct_equal(const void *a, const void *b, size_t len)
{
	const unsigned char *pa = a;
	const unsigned char *pb = b;
	volatile unsigned char diff = 0;

	for (size_t i = 0; i < len; i++)
		diff = (unsigned char)(diff | (pa[i] ^ pb[i]));

	/* (diff - 1) has bit 8 set exactly when diff was 0. */
	return (bool)((((unsigned)diff - 1u) >> 8) & 1u);
}
