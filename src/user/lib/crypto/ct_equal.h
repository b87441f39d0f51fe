/*
 * crypto_ct_equal: compare two byte strings of the same length in constant time.
 *
 * memcmp and strcmp may stop at the first difference, so their running time
 * tells an observer how long the matching prefix is.  This function always
 * reads every byte of both buffers, folds the differences into one
 * accumulator with XOR and OR, and has no branch that depends on the data:
 * its running time depends on len only.
 */
#ifndef CRYPTO_CT_EQUAL_H
#define CRYPTO_CT_EQUAL_H

#include <stdbool.h>
#include <stddef.h>

bool crypto_ct_equal(const void *a, const void *b, size_t len);

#endif
