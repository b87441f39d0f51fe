/*
 * The kernel console as an open file: what PID 1 gets as descriptors 0, 1
 * and 2 until the VFS and the TTY line discipline provide /dev/console.
 * Writes go to the serial port (the log of record) and the screen; reads
 * return end-of-file, since console input arrives with the TTY.
 */
#ifndef AEGIS_KERNEL_TTY_CONSOLE_FILE_H
#define AEGIS_KERNEL_TTY_CONSOLE_FILE_H

#include "proc/fdtable.h"

/* A new open console file (one reference), NULL when memory is short. */
file_t *console_file_open(void);

#endif
