/*
 * Policy files of /etc/aegis/caps.d: the parsed form, the parser and the
 * registry that matches a program to its policy (spec/security-policy.md).
 *
 * Design: everything here is a pure function over bytes and attributes.
 * The parser reads one file's bytes into a cap_policy_t (two kind sets,
 * bit k for kind k) and reports each refused line through a callback; the
 * registry is a fixed array filled by cap_policy_db_add and searched by
 * cap_policy_match with the canonical path, owner and mode of the file being
 * executed.  Reading the directory and stat'ing the file belong to the VFS
 * and exec code, which call these functions.
 */
#ifndef AEGIS_KERNEL_CAP_POLICY_H
#define AEGIS_KERNEL_CAP_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest policy file read; larger files are refused whole (POL-006). */
#define CAP_POLICY_FILE_MAX 4096u
/* Longest word quoted whole in a warning (POL-007). */
#define CAP_POLICY_QUOTE_MAX 32u
/* Longest policy (= program) name (POL-010), and the registry size (POL-012). */
#define CAP_POLICY_NAME_MAX 63u
#define CAP_POLICY_DB_MAX 64u
/* Where policies live and which directory their programs must be in. */
#define CAP_POLICY_DIR "/etc/aegis/caps.d"
#define CAP_POLICY_BIN_DIR "/bin/"

/* One program's policy: bit k of a set stands for kind k. */
typedef struct {
	uint32_t service; /* granted at every exec */
	uint32_t admin;   /* granted only in an authenticated session */
	unsigned lines_accepted;
	unsigned lines_refused;
} cap_policy_t;

/* A warning about line `line` of `file` (0: the whole file). */
typedef void (*cap_policy_warn_fn)(void *ctx, const char *file, unsigned line, const char *reason);

/* Parse one file (POL-001..008): 0, -EFBIG (oversized, nothing applies) or -EINVAL (NULL). */
int cap_policy_parse(const char *file, const uint8_t *data, size_t len, cap_policy_t *out, cap_policy_warn_fn warn,
                     void *ctx);

/* The kernel's warning printer: "[CAP_POLICY] WARN: <file>:<line>: <reason>". */
void cap_policy_warn_printk(void *ctx, const char *file, unsigned line, const char *reason);

typedef struct {
	char name[CAP_POLICY_NAME_MAX + 1];
	cap_policy_t policy;
} cap_policy_entry_t;

typedef struct {
	unsigned count;
	cap_policy_entry_t entry[CAP_POLICY_DB_MAX];
} cap_policy_db_t;

void cap_policy_db_init(cap_policy_db_t *db);

/* Is `name` (len bytes) a valid policy file name (POL-010)? */
bool cap_policy_name_valid(const char *name, size_t len);

/*
 * Parse the file caps.d/<name> and register it (POL-010..012): 0, or
 * -EINVAL, -EFBIG, -ENODATA, -ENOSPC, -EEXIST with a warning for each.
 */
int cap_policy_db_add(cap_policy_db_t *db, const char *name, size_t name_len, const uint8_t *data, size_t len,
                      cap_policy_warn_fn warn, void *ctx);

/* Print "[CAP_POLICY] OK: <n> policies loaded" (POL-013). */
void cap_policy_db_report(const cap_policy_db_t *db);

/* Unix file-type and permission bits the matcher looks at (same values as Linux). */
#define CAP_MODE_TYPE_MASK 0170000u
#define CAP_MODE_REGULAR 0100000u
#define CAP_MODE_GROUP_WRITE 0020u
#define CAP_MODE_OTHER_WRITE 0002u
#define CAP_ROOT_UID 0u

/* The policy for the file about to run, or NULL for baseline only (POL-020). */
const cap_policy_t *cap_policy_match(const cap_policy_db_t *db, const char *canonical_path, uint32_t owner_uid,
                                     uint32_t mode);

#endif
