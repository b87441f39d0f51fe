/* Whole-file reads of the account files (see ident_file.h). */
#include "ident/ident_file.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"

long ident_file_read(const char *path, char *buf, size_t cap, size_t *len)
{
	char probe;
	size_t used = 0;
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	long r = 0;

	*len = 0;
	if (fd < 0)
		return fd;
	for (;;) {
		/* Once the buffer is full, one more byte tells "exactly cap" from "too big". */
		long n = used < cap ? sys_read((int)fd, buf + used, cap - used) : sys_read((int)fd, &probe, 1);
		if (n == -EINTR)
			continue;
		if (n < 0 || (n > 0 && used == cap)) {
			r = n < 0 ? n : -EFBIG;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	sys_close((int)fd);
	if (r == 0)
		*len = used;
	return r;
}
