/*
 * The capability state of PID 1's first program (spec/capability-model.md
 * CAP-062): init's seven plus the service tier of its program's policy.
 *
 * Kept apart from cap_proc.c, the file `make prove` covers, because it is
 * only a composition of proved operations (cap_proc_init_for_pid1,
 * cap_proc_exec, cap_table_grant) and holds no rule of its own.
 */
#ifndef AEGIS_KERNEL_CAP_PROC_FIRST_H
#define AEGIS_KERNEL_CAP_PROC_FIRST_H

#include "cap/cap_policy.h"
#include "cap/cap_proc.h"

/* Replace p's state with PID 1's first program's: 0, or -EINVAL for a NULL p. */
int cap_proc_exec_first(cap_proc_t *p, const cap_policy_t *policy);

#endif
