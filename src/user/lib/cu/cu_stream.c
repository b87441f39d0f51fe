/*
 * Block copies between descriptors (see cu_stream.h).
 */
#include "cu/cu_stream.h"

#include <aegis/errno.h>

#include "glue/glue.h"
#include "uio/uio.h"

long cu_stream_copy(int in, int out, bool *write_side)
{
	static char buf[CU_STREAM_BUF];

	*write_side = false;
	for (;;) {
		long n = sys_read(in, buf, sizeof(buf));
		if (n == -EINTR)
			continue;
		if (n <= 0)
			return n;
		long w = uio_write_all(out, buf, (size_t)n);
		if (w < 0) {
			*write_side = true;
			return w;
		}
	}
}
