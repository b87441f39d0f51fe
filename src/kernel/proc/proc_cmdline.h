/*
 * The argument list a process's last execve left, for /proc/<pid>/cmdline
 * (spec/filesystems.md FS-084): each argument followed by a NUL, cut at
 * PROC_CMDLINE_MAX bytes.  The list is immutable and shared, with a
 * reference count, by a process and the children it forks, so fork copies
 * a pointer; execve puts a new list in place and the last owner frees it.
 */
#ifndef AEGIS_KERNEL_PROC_CMDLINE_H
#define AEGIS_KERNEL_PROC_CMDLINE_H

#include <stddef.h>

#include "proc/exec_stack.h"
#include "proc/process.h"

#define PROC_CMDLINE_MAX 4096u /* bytes kept (Linux before 4.2 showed one page) */

/* Give p the list of count arguments, dropping its old one: 0, or -ENOMEM (p's list is then empty). */
int proc_cmdline_set(process_t *p, const exec_string_t *args, size_t count);

/* Fork: child shares parent's list. */
void proc_cmdline_share(process_t *child, const process_t *parent);

/* Drop p's list (its record goes away). */
void proc_cmdline_drop(process_t *p);

/* p's list: its length, with *bytes pointing at it (0 and NULL when it has none). */
size_t proc_cmdline_get(const process_t *p, const char **bytes);

#endif
