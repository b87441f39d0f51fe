/*
 * A process's capability state and how it changes at fork, exec and the
 * capability system calls (spec/capability-model.md CAP-030..086).
 *
 * Design: cap_proc_t is embedded in the process structure.  It holds the
 * table, the grants registered with cap_grant_exec for the process's next
 * exec, and the authenticated-session flag.  The functions are the pure
 * cores of fork, execve, 361, 364 and 365: the system-call layer finds the
 * processes, copies arguments, and calls these.  Like cap_table.c, this file
 * includes only <stdint.h>-level headers so Frama-C can prove it.
 */
#ifndef AEGIS_KERNEL_CAP_PROC_H
#define AEGIS_KERNEL_CAP_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "cap/cap_policy.h"
#include "cap/cap_table.h"

typedef struct {
	cap_table_t held;
	cap_table_t exec_grants; /* registered for the next exec only; always within held */
	bool authenticated;
} cap_proc_t;

/* Baseline sizes (CAP-060, CAP-061). */
#define CAP_BASELINE_COUNT 6u
#define CAP_INIT_BASELINE_COUNT 7u

/* Give init (PID 1) its seven capabilities; returns 7 (CAP-061). */
unsigned cap_proc_init_for_pid1(cap_proc_t *p);

/* Child state at fork: same table and flag, no exec grants (CAP-050, CAP-086). */
int cap_proc_fork(cap_proc_t *child, const cap_proc_t *parent);

/* Table after exec: baseline + policy tiers + exec grants still held (CAP-070, CAP-071). */
int cap_proc_exec(cap_proc_t *p, const cap_policy_t *policy);

/* Give up rights for good, also from the exec grants (CAP-030..032). */
int cap_proc_drop(cap_proc_t *p, uint32_t kind, uint32_t rights);

/* The core of cap_grant_exec (361): CAP-080, CAP-081. */
int cap_proc_register_exec_grant(cap_proc_t *p, uint32_t kind, uint32_t rights);

/* The core of auth_session (364): CAP-085, CAP-086. */
int cap_proc_auth_session(cap_proc_t *p);

/* Reset a table to the baseline every exec starts from (CAP-060). */
void cap_table_set_baseline(cap_table_t *t);

#endif
