/*
 * vigiltest's roles shared between its files (see main.c and vt_control.c).
 */
#ifndef VIGILTEST_VT_H
#define VIGILTEST_VT_H

#include <stdio.h>

#define VT_STDOUT 1
#define VT_STDERR 2

int vt_sleep(void);
int vt_stubborn(void);
int vt_control(const char *then);
int vt_ctl_rights(void);
int vt_novigil(void);
int vt_fifo(void);

#endif
