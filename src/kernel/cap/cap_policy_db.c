/*
 * The policy registry: which parsed policy belongs to which program, and the
 * decision whether it applies to the file being executed (POL-010..020).
 *
 * Design: a fixed array of at most CAP_POLICY_DB_MAX named entries, filled
 * once at boot and searched linearly at exec (64 short string compares).
 * The match never looks at a basename of an arbitrary path: the canonical
 * path must be exactly /bin/<name>, and the file's owner and mode must show
 * that only root could have put it there.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "cap/cap_policy.h"
#include "core/format.h"
#include "core/kstring.h"
#include "core/log.h"

/* A message about the directory or one file in it, terminator included. */
#define CAP_POLICY_MSG_MAX 160u
#define CAP_POLICY_LABEL_MAX (sizeof(CAP_POLICY_DIR) + 1u + CAP_POLICY_NAME_MAX + 1u)
#define CAP_POLICY_SHOWN_NAME_MAX (CAP_POLICY_NAME_MAX + 4u)

void cap_policy_db_init(cap_policy_db_t *db)
{
	kmemset(db, 0, sizeof(*db));
}

static bool cap_policy_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

bool cap_policy_name_valid(const char *name, size_t len)
{
	if (name == NULL || len == 0 || len > CAP_POLICY_NAME_MAX || name[0] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!cap_policy_name_char(name[i]))
			return false;
	}
	return true;
}

/* A name as warnings show it: printable bytes, others as '?', long ones cut with "...". */
static void cap_policy_show_name(char *dst, const char *name, size_t len)
{
	size_t n = len > CAP_POLICY_NAME_MAX ? CAP_POLICY_NAME_MAX : len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		dst[i] = c >= 0x21 && c <= 0x7e ? (char)c : '?';
	}
	if (len > CAP_POLICY_NAME_MAX) {
		kmemcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

static void cap_policy_dir_warn(cap_policy_warn_fn warn, void *ctx, const char *msg)
{
	if (warn != NULL)
		warn(ctx, CAP_POLICY_DIR, 0, msg);
}

static const cap_policy_entry_t *cap_policy_find(const cap_policy_db_t *db, const char *name, size_t len)
{
	for (unsigned i = 0; i < db->count; i++) {
		const cap_policy_entry_t *e = &db->entry[i];
		if (kstrlen(e->name) == len && kmemcmp(e->name, name, len) == 0)
			return e;
	}
	return NULL;
}

int cap_policy_db_add(cap_policy_db_t *db, const char *name, size_t name_len, const uint8_t *data, size_t len,
                      cap_policy_warn_fn warn, void *ctx)
{
	if (db == NULL || name == NULL || (data == NULL && len > 0))
		return -EINVAL;
	char msg[CAP_POLICY_MSG_MAX];
	char shown[CAP_POLICY_SHOWN_NAME_MAX];
	cap_policy_show_name(shown, name, name_len);
	if (!cap_policy_name_valid(name, name_len)) {
		ksnprintf(msg, sizeof(msg), "invalid policy file name '%s'", shown);
		cap_policy_dir_warn(warn, ctx, msg);
		return -EINVAL;
	}
	if (cap_policy_find(db, name, name_len) != NULL) {
		ksnprintf(msg, sizeof(msg), "policy '%s' already registered", shown);
		cap_policy_dir_warn(warn, ctx, msg);
		return -EEXIST;
	}
	if (db->count >= CAP_POLICY_DB_MAX) {
		ksnprintf(msg, sizeof(msg), "policy table full (%u), '%s' ignored", CAP_POLICY_DB_MAX, shown);
		cap_policy_dir_warn(warn, ctx, msg);
		return -ENOSPC;
	}
	char label[CAP_POLICY_LABEL_MAX];
	ksnprintf(label, sizeof(label), "%s/%s", CAP_POLICY_DIR, shown);
	cap_policy_t policy;
	int rc = cap_policy_parse(label, data, len, &policy, warn, ctx);
	if (rc < 0)
		return rc;
	if (policy.service == 0 && policy.admin == 0)
		return -ENODATA;
	cap_policy_entry_t *e = &db->entry[db->count++];
	kmemcpy(e->name, name, name_len);
	e->name[name_len] = '\0';
	e->policy = policy;
	return 0;
}

void cap_policy_db_report(const cap_policy_db_t *db)
{
	boot_mark("CAP_POLICY", MARK_OK, "%u policies loaded", db != NULL ? db->count : 0u);
}

void cap_policy_warn_printk(void *ctx, const char *file, unsigned line, const char *reason)
{
	(void)ctx;
	boot_mark("CAP_POLICY", MARK_WARN, "%s:%u: %s", file, line, reason);
}

const cap_policy_t *cap_policy_match(const cap_policy_db_t *db, const char *canonical_path, uint32_t owner_uid,
                                     uint32_t mode)
{
	static const char bin_dir[] = CAP_POLICY_BIN_DIR;
	const size_t bin_len = sizeof(bin_dir) - 1;
	if (db == NULL || canonical_path == NULL)
		return NULL;
	if (kstrncmp(canonical_path, bin_dir, bin_len) != 0)
		return NULL;
	const char *name = canonical_path + bin_len;
	size_t len = kstrnlen(name, CAP_POLICY_NAME_MAX + 1);
	/* A '/', '.' or '..' component, or a trailing '/', fails the name rule. */
	if (!cap_policy_name_valid(name, len))
		return NULL;
	if (owner_uid != CAP_ROOT_UID || (mode & CAP_MODE_TYPE_MASK) != CAP_MODE_REGULAR ||
	    (mode & (CAP_MODE_GROUP_WRITE | CAP_MODE_OTHER_WRITE)) != 0)
		return NULL;
	const cap_policy_entry_t *e = cap_policy_find(db, name, len);
	return e != NULL ? &e->policy : NULL;
}
