/*
 * Names for numeric identities, as id, groups and whoami print them
 * (spec/credentials.md CRED-104..109): the account files are read once into
 * an ident_db_t, every lookup goes through libauth's parsers, and an ID
 * without a name (no file, no entry, or a malformed file) prints as its
 * number.  A malformed file is remembered with the parser's reason so the
 * program can warn once and fail.
 */
#ifndef AEGIS_USER_IDENT_NAMES_H
#define AEGIS_USER_IDENT_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ident/ident_file.h"
#include "libauth/result.h"

/* "4294967294(" + a 32-byte name + ")" and a NUL, with room to spare. */
#define IDENT_ID_TEXT_MAX 48u

/* One account file: its bytes, or why it has none to offer. */
typedef struct {
	const char *path;
	char bytes[IDENT_FILE_MAX];
	size_t len;
	bool readable;        /* false: missing or unreadable; every lookup finds nothing */
	bool malformed;       /* a line breaks the format; reason says which */
	auth_reason_t reason; /* "/etc/group: line 3: expected 4 fields, found 3" */
} ident_file_t;

typedef struct {
	ident_file_t passwd;
	ident_file_t group;
} ident_db_t;

/* Read both files (never fails: what cannot be read has no names). */
void ident_db_load(ident_db_t *db);

/* Load db from bytes already in memory (tests); NULL bytes mean "no such file". */
void ident_db_set(ident_db_t *db, const char *passwd, size_t passwd_len, const char *group, size_t group_len);

/* The first malformed file's reason, or NULL when both are well formed or absent. */
const char *ident_db_problem(const ident_db_t *db);

/* Copy the name of uid (gid) into out (size >= 33); false when it has none. */
bool ident_user_name(const ident_db_t *db, uint32_t uid, char *out, size_t size);
bool ident_group_name(const ident_db_t *db, uint32_t gid, char *out, size_t size);

/* "N(name)" or "N" into out (IDENT_ID_TEXT_MAX bytes). */
void ident_user_text(const ident_db_t *db, uint32_t uid, char *out);
void ident_group_text(const ident_db_t *db, uint32_t gid, char *out);

/*
 * The groups a process shows (id's groups=, groups): rgid, then egid when it
 * differs, then each supplementary gid in the kernel's order that is not
 * already shown.  Returns the count written to out (at most
 * IDENT_SHOWN_GROUPS_MAX).
 */
#define IDENT_SHOWN_GROUPS_MAX 66u /* rgid, egid and the kernel's 64 */
size_t ident_shown_groups(uint32_t rgid, uint32_t egid, const uint32_t *supp, size_t n, uint32_t *out);

#endif
