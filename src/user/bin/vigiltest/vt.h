/*
 * vigiltest's roles shared between its files (see main.c and vt_control.c).
 */
#ifndef VIGILTEST_VT_H
#define VIGILTEST_VT_H

#include <stdio.h>

#define VT_STDOUT 1
#define VT_STDERR 2

/* Run program with up to two arguments; its exit code (or 128 + signal). */
int vt_run(const char *program, const char *a1, const char *a2);
/* Now, in milliseconds of CLOCK_MONOTONIC. */
long vt_now_ms(void);

int vt_sleep(void);
int vt_stubborn(void);
int vt_control(const char *then);
int vt_ctl_rights(const char *how);
/* vt_raw.c: raw clients of the control socket (VIG-111, VIG-150, VIG-151). */
void vt_raw_checks(void);
/* A socket bound to the control path and closed again: 0 or -errno. */
long vt_stale_socket(void);
int vt_novigil(void);
int vt_fifo(void);

#endif
