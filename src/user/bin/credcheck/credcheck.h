/*
 * credcheck: the credential and resource-limit checks that run inside Aegis
 * as PID 1 (spec/credentials.md CRED-080..090), on both builds.
 *
 * One program plays several roles, chosen by argv[1]: with no argument it
 * is the driver (PID 1, uid 0, no SETUID); the test driver
 * (tests/credentials/test_credcheck.py) adds copies of it to the initrd with
 * set-user-ID and set-group-ID modes and other owners, and the driver execs
 * those to become the developer and the project tool of the change-
 * management scenario.
 */
#ifndef AEGIS_CREDCHECK_H
#define AEGIS_CREDCHECK_H

#include <stdbool.h>
#include <stdint.h>

/* The accounts of the scenario (CRED-046, CRED-090). */
#define CC_DEV_UID 1000u
#define CC_DEV_GID 100u
#define CC_PROJECT_UID 500u
#define CC_PROJECT_GID 600u
#define CC_ROOT_ID 0u
#define CC_NONE 0xFFFFFFFFu

/* The copies the test driver adds to the initrd (owner:group mode). */
#define CC_AS_DEV "/test/cred/as-dev"       /* 1000:100 06755 */
#define CC_TOOL "/test/cred/project-tool"   /* 500:600 04755 */
#define CC_SGID "/test/cred/sgid"           /* 0:600 02755 */
#define CC_SGID_NOX "/test/cred/sgid-nox"   /* 0:600 02745: set-gid without group execute */

/* Wait statuses (Linux encoding). */
static inline bool cc_exited_ok(int s) { return (s & 0x7f) == 0 && ((s >> 8) & 0xff) == 0; }
static inline int cc_term_sig(int s) { return s & 0x7f; }

/* Run fn in a child and wait: its wait status, or a negative error. */
int cc_in_child(int (*fn)(void));
/* Exec path with argv {path, role, args...} in a child and wait: its wait status. */
int cc_run(const char *path, const char *const *args);
/* Do the real, effective and saved IDs equal these? (detail on mismatch in buf) */
bool cc_ids_are(uint32_t r, uint32_t e, uint32_t s, uint32_t rg, uint32_t eg, uint32_t sg, char *buf, unsigned cap);

/* The parts (one file each). */
void cc_run_calls(void);               /* cc_calls.c: CRED-080, CRED-086 as PID 1 */
void cc_run_limits(void);              /* cc_limits.c: CRED-081..085 */
void cc_run_model(void);               /* cc_model.c: CRED-089, as the developer */
int cc_dev_main(void);                 /* cc_scenario.c: the developer's side (CRED-087, 088, 090, 047) */
int cc_tool_main(void);                /* cc_scenario.c: the set-uid project tool */
int cc_ids_main(int argc, char **argv); /* cc_scenario.c: exit 0 when the IDs are argv's */

#endif
