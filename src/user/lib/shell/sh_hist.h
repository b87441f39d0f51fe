/*
 * The shell's history (spec/shell.md SH-075): a ring of the last
 * SH_HIST_MAX lines entered; the oldest is forgotten first.  Empty lines and
 * a repeat of the newest line are not added.
 */
#ifndef AEGIS_SH_HIST_H
#define AEGIS_SH_HIST_H

#include <stddef.h>

#include "shell/sh_limits.h"

typedef struct {
	char line[SH_HIST_MAX][SH_LINE_MAX + 1];
	size_t count; /* lines held, at most SH_HIST_MAX */
	size_t next;  /* the slot the next line goes to */
} sh_hist_t;

void sh_hist_init(sh_hist_t *h);
void sh_hist_add(sh_hist_t *h, const char *line);
/* The line back steps before the newest (0: the newest), or NULL beyond what is held. */
const char *sh_hist_get(const sh_hist_t *h, size_t back);

#endif
