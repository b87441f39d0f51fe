/*
 * One output line of id or groups, built in a bounded buffer and written
 * whole (a full groups= list is longer than uio_printf's bound).  Text that
 * does not fit is dropped and remembered, never written cut.
 */
#ifndef AEGIS_USER_IDENT_LINE_H
#define AEGIS_USER_IDENT_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define IDENT_LINE_MAX 4096u /* 66 groups of "4294967294(32-byte name)," fit */

typedef struct {
	char text[IDENT_LINE_MAX];
	size_t len;
	bool overflow;
} ident_line_t;

void ident_line_init(ident_line_t *l);
void ident_line_add(ident_line_t *l, const char *s);

/* Write the line and a newline to fd: 0, -EMSGSIZE after an overflow, or the write's -errno. */
long ident_line_write(const ident_line_t *l, int fd);

#endif
