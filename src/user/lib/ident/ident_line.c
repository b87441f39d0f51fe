/* Bounded output lines for id and groups (see ident_line.h). */
#include "ident/ident_line.h"

#include <string.h>

#include <aegis/errno.h>

#include "uio/uio.h"

void ident_line_init(ident_line_t *l)
{
	l->len = 0;
	l->overflow = false;
}

void ident_line_add(ident_line_t *l, const char *s)
{
	size_t n = strlen(s);

	if (l->overflow || n + 1 > sizeof(l->text) - l->len) {
		l->overflow = true; /* keep room for the newline */
		return;
	}
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

long ident_line_write(const ident_line_t *l, int fd)
{
	char line[IDENT_LINE_MAX];
	long r;

	if (l->overflow)
		return -EMSGSIZE;
	memcpy(line, l->text, l->len);
	line[l->len] = '\n';
	r = uio_write_all(fd, line, l->len + 1);
	return r < 0 ? r : 0;
}
