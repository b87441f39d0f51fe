/*
 * Probe for test_ct_valgrind.py (spec/auth-flow.md AUTH-005): the ctgrind
 * method.  Secret bytes are marked "undefined" for valgrind's memcheck;
 * memcheck then reports every conditional jump and every memory address
 * that depends on them.  Code with no secret-dependent branch or address
 * runs clean.
 *
 *   ctgrind_probe ct        crypto_ct_equal on secret buffers (must be clean)
 *   ctgrind_probe sha       SHA-256 and SHA-512 of a secret message (clean)
 *   ctgrind_probe control   an early-exit comparison (memcheck must complain)
 *
 * Built without sanitizers (valgrind and ASan do not mix); the results are
 * marked defined again before they are printed, since printing branches.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "crypto/ct_equal.h"
#include "crypto/sha256.h"
#include "crypto/sha512.h"

#define SECRET_LEN 300

static int __attribute__((noinline)) early_exit_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	uint8_t a[SECRET_LEN], b[SECRET_LEN];
	const char *mode = argc > 1 ? argv[1] : "";
	int result = -1;

	for (size_t i = 0; i < SECRET_LEN; i++)
		a[i] = b[i] = (uint8_t)(i * 7 + 3);
	b[SECRET_LEN / 2] ^= 0x10;
	VALGRIND_MAKE_MEM_UNDEFINED(a, sizeof(a));
	VALGRIND_MAKE_MEM_UNDEFINED(b, sizeof(b));

	if (strcmp(mode, "ct") == 0) {
		volatile bool eq = crypto_ct_equal(a, b, sizeof(a));
		bool same = crypto_ct_equal(a, a, sizeof(a));
		bool r = eq;
		VALGRIND_MAKE_MEM_DEFINED(&r, sizeof(r));
		VALGRIND_MAKE_MEM_DEFINED(&same, sizeof(same));
		result = (r ? 1 : 0) + (same ? 2 : 0);
	} else if (strcmp(mode, "sha") == 0) {
		uint8_t d256[CRYPTO_SHA256_DIGEST_SIZE], d512[CRYPTO_SHA512_DIGEST_SIZE];
		crypto_sha256(a, sizeof(a), d256);
		crypto_sha512(a, sizeof(a), d512);
		VALGRIND_MAKE_MEM_DEFINED(d256, sizeof(d256));
		VALGRIND_MAKE_MEM_DEFINED(d512, sizeof(d512));
		result = d256[0] ^ d512[0];
	} else if (strcmp(mode, "control") == 0) {
		int r = early_exit_equal(a, b, sizeof(a));
		VALGRIND_MAKE_MEM_DEFINED(&r, sizeof(r));
		result = r;
	} else {
		fprintf(stderr, "usage: ctgrind_probe ct|sha|control\n");
		return 2;
	}
	printf("result %d\n", result);
	return 0;
}
