/*
 * The names Tab completion offers from a real directory (spec/shell.md
 * SH-079): the sh_complete_list_fn the interactive shell passes, reading
 * with getdents64.
 */
#ifndef AEGIS_SH_COMPLETE_DIR_H
#define AEGIS_SH_COMPLETE_DIR_H

#include "shell/sh_complete.h"

/* Offer every name of directory dir to c (ctx unused); an unreadable directory offers nothing. */
void sh_complete_dir_list(void *ctx, const char *dir, sh_complete_t *c);

#endif
