/*
 * capcheck: the capability system calls and gates through the real system
 * calls, run as PID 1 on both builds (spec/capability-model.md CAP-119).
 * main.c holds the shared helpers and the PID 1 flow; ck_calls.c the error
 * cases of 361-365; ck_gates.c the gates after cap_drop and the kill rules;
 * ck_policy.c the policy path through copies of itself as /bin/login and
 * /bin/stsh.  Every check prints "ok - CAP-NNN text" or "not ok - ...".
 */
#ifndef AEGIS_CAPCHECK_H
#define AEGIS_CAPCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/cap.h>

#define CK_SELF "/bin/capcheck"
#define CK_CHILD_OK 0
#define CK_CHILD_FAIL 1

/* The rights the caller (pid 0) or pid holds for every kind: rights[kind], 0 when not held; false on error. */
bool ck_rights_of(int pid, uint32_t rights[CAP_KIND_MAX + 1]);

/* Does the caller hold exactly want (indexed by kind)? */
bool ck_holds_exactly(const uint32_t want[CAP_KIND_MAX + 1]);

/* The baseline of CAP-060 into want. */
void ck_baseline(uint32_t want[CAP_KIND_MAX + 1]);

/* Fork, run fn in the child (its return value is the child's exit status), wait: the exit status or -1. */
int ck_in_child(int (*fn)(void));

/* Fork and execve CK_SELF-like path with argv {name, role, NULL}, wait: the exit status or -1. */
int ck_run_role(const char *path, const char *role);

void ck_calls(void);
void ck_gates(void);
void ck_kill_rules(void);
void ck_policy(void);

/* The roles the policy path execs; each returns its exit status. */
int ck_role_login(void);
int ck_role_stsh(void);
int ck_role_after(void);
int ck_role_baseline(void);

#endif
