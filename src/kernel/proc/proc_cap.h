/*
 * The one question every capability gate asks: does this process hold a
 * kind with these rights?  (spec/capability-model.md CAP-110..)
 *
 * Every system call that checks a capability asks through proc_cap_require,
 * so the answer (0 or -ENOCAP) and its meaning (the requested rights are a
 * subset of the held ones, CAP-012) are the same at every site.  A NULL
 * process stands for the kernel itself, which holds everything.
 */
#ifndef AEGIS_KERNEL_PROC_PROC_CAP_H
#define AEGIS_KERNEL_PROC_PROC_CAP_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/cap.h>

#include "proc/process.h"

/* 0 when p holds kind with every bit of rights (or p is NULL), -ENOCAP otherwise. */
int proc_cap_require(const process_t *p, uint32_t kind, uint32_t rights);

/* proc_cap_require as a yes/no, for rules that take a privilege flag. */
bool proc_cap_holds(const process_t *p, uint32_t kind, uint32_t rights);

#endif
