/* crypto_wipe: zero a buffer through a volatile pointer so the stores stay. */
#include "crypto/wipe.h"

void crypto_wipe(void *buf, size_t len)
{
	volatile unsigned char *p = buf;

	while (len-- > 0)
		*p++ = 0;
}
