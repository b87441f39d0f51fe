/*
 * Signal names for the tools that take or show them (kill; spec/coreutils.md
 * CU-007): Linux's numbering and procps's names without the SIG prefix.
 */
#ifndef AEGIS_CU_SIGNAL_H
#define AEGIS_CU_SIGNAL_H

#define CU_SIGNAL_LAST 31 /* the highest signal with a name (SYS) */
#define CU_SIGNAL_MAX 64  /* the highest signal number a tool accepts */

/* The name of sig without "SIG" ("TERM"), or NULL when it has none. */
const char *cu_signal_name(int sig);

/* A signal given as a number (0..CU_SIGNAL_MAX) or a name, with or without SIG, any case; -1 if none. */
int cu_signal_parse(const char *text);

#endif
