/*
 * Pseudo-terminal indices (spec/tty.md TTY-110, TTY-116): a fixed table of
 * PTY_MAX slots, the lowest free one for each new pair, so an index is
 * reused as soon as its pair is freed.  Pure: the table never looks inside
 * the pairs it holds.
 */
#ifndef AEGIS_KERNEL_TTY_PTY_TABLE_H
#define AEGIS_KERNEL_TTY_PTY_TABLE_H

#define PTY_MAX 64u /* pairs at once: /dev/pts/0 .. /dev/pts/63 */

struct pty_pair;

typedef struct pty_table {
	struct pty_pair *slot[PTY_MAX];
} pty_table_t;

/* Put pair in the lowest free slot: its index, or -ENOSPC when all are used. */
int pty_table_add(pty_table_t *t, struct pty_pair *pair);
/* The pair at index, or NULL (free or out of range). */
struct pty_pair *pty_table_get(const pty_table_t *t, unsigned index);
/* Free index (nothing happens when it is free or out of range). */
void pty_table_remove(pty_table_t *t, unsigned index);
/* The first used index >= from, or -1 when there is none. */
int pty_table_next(const pty_table_t *t, unsigned from);

#endif
