/*
 * Where the shell's lines come from (spec/shell.md SH-070, SH-080..SH-082):
 * plainly from a descriptor (a script, a pipe, a terminal we do not edit
 * on), or through the line editor in raw mode on a terminal.
 */
#ifndef AEGIS_SH_INPUT_H
#define AEGIS_SH_INPUT_H

#include <stddef.h>

#include "shell/sh_shell.h"

#define SH_READ_CHUNK 512

typedef struct {
	int fd;
	char buf[SH_READ_CHUNK];
	size_t pos;
	size_t len;
	int eof;
} sh_reader_t;

/* Results besides a line length (>= 0). */
#define SH_INPUT_EOF (-1)
#define SH_INPUT_AGAIN (-2) /* nothing to run (an abandoned or too-long line): ask again */

void sh_reader_init(sh_reader_t *r, int fd);

/*
 * The next line without its newline into line (SH_LINE_MAX + 1 bytes).
 * Returns its length, SH_INPUT_EOF at the end, or SH_INPUT_AGAIN for a line
 * longer than SH_LINE_MAX (skipped after a complaint; $? becomes 2).
 */
long sh_read_plain(sh_shell_t *sh, sh_reader_t *r, char *line);

/* Prompt and edit one line on the terminal; same results (SH_INPUT_AGAIN after Ctrl-C). */
long sh_read_edit(sh_shell_t *sh, char *line);

#endif
