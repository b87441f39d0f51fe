/*
 * crypto_wipe: erase secrets (keys, intermediate digests) from memory.
 *
 * A plain memset before a buffer goes out of scope may be removed by the
 * compiler as a dead store; writing through a volatile pointer keeps it.
 */
#ifndef CRYPTO_WIPE_H
#define CRYPTO_WIPE_H

#include <stddef.h>

void crypto_wipe(void *buf, size_t len);

#endif
