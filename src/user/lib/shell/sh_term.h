/*
 * The shell and its terminal (spec/shell.md SH-053..SH-055, SH-070): raw
 * mode for the line editor, the foreground process group (TIOCSPGRP,
 * spec/tty.md TTY-125) and the signals an interactive shell ignores.
 */
#ifndef AEGIS_SH_TERM_H
#define AEGIS_SH_TERM_H

#include <stdbool.h>

#include <aegis/termios.h>

#define SH_TTY_FD 0

/* Whether fd is a terminal; fills mode with its settings when it is. */
bool sh_term_get(int fd, aegis_termios_t *mode);

/* Raw mode from mode: no canonical lines, echo or signal keys; one byte at a time. */
long sh_term_raw(int fd, const aegis_termios_t *mode);

/* Put mode back. */
long sh_term_set(int fd, const aegis_termios_t *mode);

/* Make pgid the terminal's foreground group. */
long sh_term_foreground(int fd, int pgid);

/* ignore true: SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU are ignored; false: back to their defaults. */
void sh_term_signals(bool ignore);

#endif
