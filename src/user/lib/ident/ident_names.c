/*
 * Names of user and group IDs from /etc/passwd and /etc/group, and the order
 * groups are shown in (see ident_names.h).
 */
#include "ident/ident_names.h"

#include <stdio.h>
#include <string.h>

#include "libauth/group.h"
#include "libauth/passwd.h"

typedef auth_result_t (*validate_fn)(const char *buf, size_t len, size_t *entries, auth_reason_t *why);

static void file_take(ident_file_t *f, const char *path, const char *bytes, size_t len, validate_fn validate)
{
	auth_reason_t inner;

	f->path = path;
	f->len = 0;
	f->readable = bytes != NULL && len <= sizeof(f->bytes);
	f->malformed = false;
	auth_reason_clear(&f->reason);
	if (!f->readable)
		return;
	if (bytes != f->bytes)
		memcpy(f->bytes, bytes, len);
	f->len = len;
	if (validate(f->bytes, f->len, NULL, &inner) != AUTH_OK) {
		f->malformed = true;
		auth_reason_set(&f->reason, 0, "%s: %s", path, inner.text);
	}
}

static void file_load(ident_file_t *f, const char *path, validate_fn validate)
{
	size_t len = 0;
	bool ok = ident_file_read(path, f->bytes, sizeof(f->bytes), &len) == 0;

	file_take(f, path, ok ? f->bytes : NULL, len, validate);
}

void ident_db_load(ident_db_t *db)
{
	file_load(&db->passwd, IDENT_PASSWD_PATH, auth_passwd_validate);
	file_load(&db->group, IDENT_GROUP_PATH, auth_group_validate);
}

void ident_db_set(ident_db_t *db, const char *passwd, size_t passwd_len, const char *group, size_t group_len)
{
	file_take(&db->passwd, IDENT_PASSWD_PATH, passwd, passwd_len, auth_passwd_validate);
	file_take(&db->group, IDENT_GROUP_PATH, group, group_len, auth_group_validate);
}

const char *ident_db_problem(const ident_db_t *db)
{
	if (db->passwd.malformed)
		return db->passwd.reason.text;
	if (db->group.malformed)
		return db->group.reason.text;
	return NULL;
}

static bool usable(const ident_file_t *f)
{
	return f->readable && !f->malformed;
}

static bool copy_name(const char *name, char *out, size_t size)
{
	size_t n = strlen(name);

	if (n >= size)
		return false;
	memcpy(out, name, n + 1);
	return true;
}

bool ident_user_name(const ident_db_t *db, uint32_t uid, char *out, size_t size)
{
	auth_passwd_t pw;

	return usable(&db->passwd) && auth_passwd_find_uid(db->passwd.bytes, db->passwd.len, uid, &pw, NULL) == AUTH_OK &&
	       copy_name(pw.name, out, size);
}

bool ident_group_name(const ident_db_t *db, uint32_t gid, char *out, size_t size)
{
	auth_group_t gr;

	return usable(&db->group) && auth_group_find_gid(db->group.bytes, db->group.len, gid, &gr, NULL) == AUTH_OK &&
	       copy_name(gr.name, out, size);
}

static void id_text(bool named, uint32_t id, const char *name, char *out)
{
	if (named)
		snprintf(out, IDENT_ID_TEXT_MAX, "%u(%s)", (unsigned)id, name);
	else
		snprintf(out, IDENT_ID_TEXT_MAX, "%u", (unsigned)id);
}

void ident_user_text(const ident_db_t *db, uint32_t uid, char *out)
{
	char name[AUTH_NAME_MAX + 1];

	id_text(ident_user_name(db, uid, name, sizeof(name)), uid, name, out);
}

void ident_group_text(const ident_db_t *db, uint32_t gid, char *out)
{
	char name[AUTH_NAME_MAX + 1];

	id_text(ident_group_name(db, gid, name, sizeof(name)), gid, name, out);
}

static bool shown(const uint32_t *list, size_t n, uint32_t gid)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == gid)
			return true;
	return false;
}

size_t ident_shown_groups(uint32_t rgid, uint32_t egid, const uint32_t *supp, size_t n, uint32_t *out)
{
	size_t count = 0;

	out[count++] = rgid;
	if (egid != rgid)
		out[count++] = egid;
	for (size_t i = 0; i < n && count < IDENT_SHOWN_GROUPS_MAX; i++)
		if (!shown(out, count, supp[i]))
			out[count++] = supp[i];
	return count;
}
