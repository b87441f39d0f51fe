/*
 * Pseudo-terminal indices (see pty_table.h).
 */
#include "tty/pty_table.h"

#include <stddef.h>

#include <aegis/errno.h>

int pty_table_add(pty_table_t *t, struct pty_pair *pair)
{
	for (unsigned i = 0; i < PTY_MAX; i++) {
		if (!t->slot[i]) {
			t->slot[i] = pair;
			return (int)i;
		}
	}
	return -ENOSPC;
}

struct pty_pair *pty_table_get(const pty_table_t *t, unsigned index)
{
	return index < PTY_MAX ? t->slot[index] : NULL;
}

void pty_table_remove(pty_table_t *t, unsigned index)
{
	if (index < PTY_MAX)
		t->slot[index] = NULL;
}

int pty_table_next(const pty_table_t *t, unsigned from)
{
	for (unsigned i = from; i < PTY_MAX; i++)
		if (t->slot[i])
			return (int)i;
	return -1;
}
