/*
 * Process credentials: real, effective and saved user and group IDs and the
 * supplementary group list, and the pure rules that change and use them
 * (spec/credentials.md CRED-001..045).
 *
 * Design: cred_t is a plain fixed-size value embedded in the process, so
 * fork is a copy.  Every function is a pure decision on that value: the
 * system-call layer finds the process, copies arguments in, checks the
 * SETUID(W) capability and passes the answer as `priv`.  A refused call
 * leaves the credential untouched.  uid 0 is not special anywhere.
 */
#ifndef AEGIS_KERNEL_PROC_CRED_H
#define AEGIS_KERNEL_PROC_CRED_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t cred_id_t;

/* "-1" as uid_t/gid_t: never a valid ID; "leave unchanged" where allowed. */
#define CRED_ID_UNCHANGED 0xFFFFFFFFu
/* Supplementary groups a credential holds at most (CRED-001). */
#define CRED_NGROUPS_MAX 64u

/* Mode bits the exec rule reads (CRED-030, CRED-031). */
#define CRED_MODE_SET_UID 04000u
#define CRED_MODE_SET_GID 02000u
#define CRED_MODE_GROUP_EXEC 0010u

/* Rights asked of cred_dac_check: access()'s R_OK, W_OK, X_OK (CRED-043). */
#define CRED_ACCESS_R 4u
#define CRED_ACCESS_W 2u
#define CRED_ACCESS_X 1u
#define CRED_ACCESS_ALL (CRED_ACCESS_R | CRED_ACCESS_W | CRED_ACCESS_X)

typedef struct {
	cred_id_t ruid, euid, suid;
	cred_id_t rgid, egid, sgid;
	uint32_t ngroups;
	cred_id_t groups[CRED_NGROUPS_MAX];
} cred_t;

/* All user IDs uid, all group IDs gid, no groups; -EINVAL for -1 (CRED-002). */
int cred_init(cred_t *c, cred_id_t uid, cred_id_t gid);
/* Fork: dst becomes an independent copy of src (CRED-003). */
void cred_copy(cred_t *dst, const cred_t *src);

/* User IDs (CRED-010..017).  0 on success, -EINVAL or -ENOCAP. */
int cred_setuid(cred_t *c, cred_id_t uid, bool priv);
int cred_seteuid(cred_t *c, cred_id_t euid, bool priv);
int cred_setreuid(cred_t *c, cred_id_t ruid, cred_id_t euid, bool priv);
int cred_setresuid(cred_t *c, cred_id_t ruid, cred_id_t euid, cred_id_t suid, bool priv);

/* Group IDs: the same rules on rgid, egid, sgid (CRED-018). */
int cred_setgid(cred_t *c, cred_id_t gid, bool priv);
int cred_setegid(cred_t *c, cred_id_t egid, bool priv);
int cred_setregid(cred_t *c, cred_id_t rgid, cred_id_t egid, bool priv);
int cred_setresgid(cred_t *c, cred_id_t rgid, cred_id_t egid, cred_id_t sgid, bool priv);

/* Supplementary groups (CRED-020..022). */
int cred_setgroups(cred_t *c, uint32_t count, const cred_id_t *list, bool priv);
/* Returns the count, or -EINVAL; size 0 only counts. */
int cred_getgroups(const cred_t *c, int size, cred_id_t *out);

/* Exec: set-user-ID / set-group-ID bits, then saved = effective (CRED-030..033). */
int cred_exec(cred_t *c, cred_id_t file_uid, cred_id_t file_gid, uint32_t file_mode, bool nosuid);

/* egid or a supplementary group (CRED-040). */
bool cred_in_group(const cred_t *c, cred_id_t gid);
/* POSIX owner/group/other check, no override: 0, -EACCES or -EINVAL (CRED-041..044). */
int cred_dac_check(const cred_t *c, cred_id_t owner, cred_id_t group, uint32_t mode, uint32_t want,
		   bool is_dir);

#endif
