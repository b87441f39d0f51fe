/*
 * Credential rules (spec/credentials.md CRED-001..045).
 *
 * Design: the user-ID and group-ID families obey the same rules, so each
 * rule is written once over an id_triple_t (pointers to the real, effective
 * and saved fields) and the public functions pick the uid or gid fields.
 * Every setter computes the new triple first and stores it only when the
 * whole call is allowed, so a refusal changes nothing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/cred.h"

/* Permission bits of one class: owner shifts by 6, group by 3, other by 0. */
#define CRED_OWNER_SHIFT 6u
#define CRED_GROUP_SHIFT 3u
#define CRED_OTHER_SHIFT 0u

typedef struct {
	cred_id_t *real;
	cred_id_t *eff;
	cred_id_t *saved;
} id_triple_t;

static id_triple_t cred_uid_triple(cred_t *c)
{
	id_triple_t t = { &c->ruid, &c->euid, &c->suid };
	return t;
}

static id_triple_t cred_gid_triple(cred_t *c)
{
	id_triple_t t = { &c->rgid, &c->egid, &c->sgid };
	return t;
}

/* One of the caller's own IDs before the call (the unprivileged set). */
static bool triple_is_own(const id_triple_t *t, cred_id_t id)
{
	return id == *t->real || id == *t->eff || id == *t->saved;
}

static int triple_set(id_triple_t t, cred_id_t id, bool priv)
{
	if (id == CRED_ID_UNCHANGED)
		return -EINVAL;
	if (priv) {
		*t.real = id;
		*t.eff = id;
		*t.saved = id;
		return 0;
	}
	if (id != *t.real && id != *t.saved)
		return -ENOCAP;
	*t.eff = id;
	return 0;
}

static int triple_setre(id_triple_t t, cred_id_t r, cred_id_t e, bool priv)
{
	cred_id_t new_real = *t.real;
	cred_id_t new_eff = *t.eff;
	cred_id_t new_saved = *t.saved;

	if (r != CRED_ID_UNCHANGED) {
		if (!priv && r != *t.real && r != *t.eff)
			return -ENOCAP;
		new_real = r;
	}
	if (e != CRED_ID_UNCHANGED) {
		if (!priv && !triple_is_own(&t, e))
			return -ENOCAP;
		new_eff = e;
	}
	if (r != CRED_ID_UNCHANGED || (e != CRED_ID_UNCHANGED && e != *t.real))
		new_saved = new_eff;
	*t.real = new_real;
	*t.eff = new_eff;
	*t.saved = new_saved;
	return 0;
}

static int triple_setres(id_triple_t t, cred_id_t r, cred_id_t e, cred_id_t s, bool priv)
{
	if (!priv) {
		if (r != CRED_ID_UNCHANGED && !triple_is_own(&t, r))
			return -ENOCAP;
		if (e != CRED_ID_UNCHANGED && !triple_is_own(&t, e))
			return -ENOCAP;
		if (s != CRED_ID_UNCHANGED && !triple_is_own(&t, s))
			return -ENOCAP;
	}
	if (r != CRED_ID_UNCHANGED)
		*t.real = r;
	if (e != CRED_ID_UNCHANGED)
		*t.eff = e;
	if (s != CRED_ID_UNCHANGED)
		*t.saved = s;
	return 0;
}

static int triple_seteff(id_triple_t t, cred_id_t e, bool priv)
{
	if (e == CRED_ID_UNCHANGED)
		return -EINVAL;
	return triple_setres(t, CRED_ID_UNCHANGED, e, CRED_ID_UNCHANGED, priv);
}

int cred_init(cred_t *c, cred_id_t uid, cred_id_t gid)
{
	if (uid == CRED_ID_UNCHANGED || gid == CRED_ID_UNCHANGED)
		return -EINVAL;
	kmemset(c, 0, sizeof(*c));
	c->ruid = c->euid = c->suid = uid;
	c->rgid = c->egid = c->sgid = gid;
	return 0;
}

void cred_copy(cred_t *dst, const cred_t *src)
{
	kmemcpy(dst, src, sizeof(*dst));
}

int cred_setuid(cred_t *c, cred_id_t uid, bool priv)
{
	return triple_set(cred_uid_triple(c), uid, priv);
}

int cred_seteuid(cred_t *c, cred_id_t euid, bool priv)
{
	return triple_seteff(cred_uid_triple(c), euid, priv);
}

int cred_setreuid(cred_t *c, cred_id_t ruid, cred_id_t euid, bool priv)
{
	return triple_setre(cred_uid_triple(c), ruid, euid, priv);
}

int cred_setresuid(cred_t *c, cred_id_t ruid, cred_id_t euid, cred_id_t suid, bool priv)
{
	return triple_setres(cred_uid_triple(c), ruid, euid, suid, priv);
}

int cred_setgid(cred_t *c, cred_id_t gid, bool priv)
{
	return triple_set(cred_gid_triple(c), gid, priv);
}

int cred_setegid(cred_t *c, cred_id_t egid, bool priv)
{
	return triple_seteff(cred_gid_triple(c), egid, priv);
}

int cred_setregid(cred_t *c, cred_id_t rgid, cred_id_t egid, bool priv)
{
	return triple_setre(cred_gid_triple(c), rgid, egid, priv);
}

int cred_setresgid(cred_t *c, cred_id_t rgid, cred_id_t egid, cred_id_t sgid, bool priv)
{
	return triple_setres(cred_gid_triple(c), rgid, egid, sgid, priv);
}

int cred_setgroups(cred_t *c, uint32_t count, const cred_id_t *list, bool priv)
{
	if (count > CRED_NGROUPS_MAX || (count > 0 && list == NULL))
		return -EINVAL;
	for (uint32_t i = 0; i < count; i++)
		if (list[i] == CRED_ID_UNCHANGED)
			return -EINVAL;
	if (!priv)
		return -ENOCAP;
	for (uint32_t i = 0; i < count; i++)
		c->groups[i] = list[i];
	for (uint32_t i = count; i < CRED_NGROUPS_MAX; i++)
		c->groups[i] = 0;
	c->ngroups = count;
	return 0;
}

int cred_getgroups(const cred_t *c, int size, cred_id_t *out)
{
	if (size == 0)
		return (int)c->ngroups;
	if (size < 0 || (uint32_t)size < c->ngroups || out == NULL)
		return -EINVAL;
	for (uint32_t i = 0; i < c->ngroups; i++)
		out[i] = c->groups[i];
	return (int)c->ngroups;
}

int cred_exec(cred_t *c, cred_id_t file_uid, cred_id_t file_gid, uint32_t file_mode, bool nosuid)
{
	bool set_uid = !nosuid && (file_mode & CRED_MODE_SET_UID) != 0;
	bool set_gid = !nosuid && (file_mode & CRED_MODE_SET_GID) != 0 &&
		       (file_mode & CRED_MODE_GROUP_EXEC) != 0;

	if ((set_uid && file_uid == CRED_ID_UNCHANGED) || (set_gid && file_gid == CRED_ID_UNCHANGED))
		return -EINVAL;
	if (set_uid)
		c->euid = file_uid;
	if (set_gid)
		c->egid = file_gid;
	c->suid = c->euid;
	c->sgid = c->egid;
	return 0;
}

bool cred_in_group(const cred_t *c, cred_id_t gid)
{
	if (gid == c->egid)
		return true;
	for (uint32_t i = 0; i < c->ngroups && i < CRED_NGROUPS_MAX; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

int cred_dac_check(const cred_t *c, cred_id_t owner, cred_id_t group, uint32_t mode, uint32_t want,
		   bool is_dir)
{
	uint32_t shift;

	/* A directory's X bit means search; with no override the rule is the same (CRED-044). */
	(void)is_dir;
	if ((want & ~CRED_ACCESS_ALL) != 0)
		return -EINVAL;
	if (c->euid == owner)
		shift = CRED_OWNER_SHIFT;
	else if (cred_in_group(c, group))
		shift = CRED_GROUP_SHIFT;
	else
		shift = CRED_OTHER_SHIFT;
	if (((mode >> shift) & want) != want)
		return -EACCES;
	return 0;
}
