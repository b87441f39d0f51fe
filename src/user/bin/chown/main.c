/*
 * /bin/chown: change file owner and group, like GNU chown (spec/coreutils.md CU-310).
 *
 *   chown [-Rhv] OWNER[:[GROUP]] | :GROUP FILE...
 *
 * Names come from /etc/passwd and /etc/group, numbers are taken as they
 * are.  In Aegis giving a file away needs the SETUID(W) capability; a
 * refusal for want of it (ENOCAP) is reported with that explanation.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_arena.h"
#include "cu/cu_msg.h"
#include "cu/cu_usage.h"
#include "cu/cu_walk.h"
#include "glue/glue.h"
#include "ident/ident_names.h"
#include "libauth/group.h"
#include "libauth/passwd.h"

#define PROG "chown"
#define CHOWN_ARENA (1024u * 1024u)
#define CHOWN_KEEP ((uint32_t)-1)
#define CHOWN_NAME_MAX 64
#define DECIMAL 10
#define USAGE \
	"Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...\n" \
	"Change the owner and/or group of each FILE to OWNER and/or GROUP.\n" \
	"  -h  affect symbolic links instead of any referenced file\n" \
	"  -R  operate on files and directories recursively\n" \
	"  -v  output a diagnostic for every file processed\n"

typedef struct {
	bool recursive, no_deref, verbose, help;
	uint32_t uid, gid;
	bool told_cap;
} chown_opts_t;

static ident_db_t db;

static int chown_opt(void *ctx, int opt, const char *arg)
{
	chown_opts_t *o = ctx;

	switch (opt) {
	case 'R': o->recursive = true; return 0;
	case 'h': o->no_deref = true; return 0;
	case 'v': o->verbose = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool chown_number(const char *text, uint32_t *id)
{
	char *end;
	unsigned long v;

	if (*text < '0' || *text > '9')
		return false;
	v = strtoul(text, &end, DECIMAL);
	if (*end || v >= CHOWN_KEEP)
		return false;
	*id = (uint32_t)v;
	return true;
}

/* OWNER[:GROUP] into o; false (reported) for an unknown name. */
static bool chown_spec(chown_opts_t *o, const char *spec)
{
	char user[CHOWN_NAME_MAX];
	const char *colon = strchr(spec, ':');
	size_t ulen = colon ? (size_t)(colon - spec) : strlen(spec);
	auth_passwd_t pw;
	auth_group_t gr;

	o->uid = o->gid = CHOWN_KEEP;
	if (ulen >= sizeof(user)) {
		cu_msg(PROG, "invalid user: '%s'", spec);
		return false;
	}
	memcpy(user, spec, ulen);
	user[ulen] = '\0';
	if (ulen) {
		if (auth_passwd_find_name(db.passwd.bytes, db.passwd.len, user, &pw, NULL) == AUTH_OK) {
			o->uid = pw.uid;
			if (colon && !colon[1])
				o->gid = pw.gid; /* "user:": the login group */
		} else if (!chown_number(user, &o->uid)) {
			cu_msg(PROG, "invalid user: '%s'", spec);
			return false;
		}
	}
	if (colon && colon[1]) {
		if (auth_group_find_name(db.group.bytes, db.group.len, colon + 1, &gr, NULL) == AUTH_OK)
			o->gid = gr.gid;
		else if (!chown_number(colon + 1, &o->gid)) {
			cu_msg(PROG, "invalid group: '%s'", spec);
			return false;
		}
	}
	return true;
}

static void chown_names(uint32_t uid, uint32_t gid, char *out, size_t size)
{
	char u[IDENT_ID_TEXT_MAX], g[IDENT_ID_TEXT_MAX];

	if (!ident_user_name(&db, uid, u, sizeof(u)))
		snprintf(u, sizeof(u), "%u", (unsigned)uid);
	if (!ident_group_name(&db, gid, g, sizeof(g)))
		snprintf(g, sizeof(g), "%u", (unsigned)gid);
	snprintf(out, size, "%s:%s", u, g);
}

static bool chown_visit(void *ctx, const char *path, const aegis_stat_t *st)
{
	chown_opts_t *o = ctx;
	char before[2 * IDENT_ID_TEXT_MAX], after[2 * IDENT_ID_TEXT_MAX];
	uint32_t uid = o->uid == CHOWN_KEEP ? st->st_uid : o->uid;
	uint32_t gid = o->gid == CHOWN_KEEP ? st->st_gid : o->gid;
	long r = o->no_deref ? sys_lchown(path, o->uid, o->gid) : sys_chown(path, o->uid, o->gid);

	if (r < 0) {
		cu_msg_err(PROG, r, "changing ownership of '%s'", path);
		if (r == -ENOCAP && !o->told_cap)
			cu_msg(PROG, "giving a file away needs the SETUID(W) capability (spec/capability-model.md)");
		o->told_cap = o->told_cap || r == -ENOCAP;
		return false;
	}
	chown_names(st->st_uid, st->st_gid, before, sizeof(before));
	chown_names(uid, gid, after, sizeof(after));
	if (o->verbose && (uid != st->st_uid || gid != st->st_gid))
		uio_printf(CU_STDOUT, "changed ownership of '%s' from %s to %s\n", path, before, after);
	else if (o->verbose)
		uio_printf(CU_STDOUT, "ownership of '%s' retained as %s\n", path, before);
	return true;
}

int main(int argc, char **argv)
{
	static char arena_buf[CHOWN_ARENA];
	cu_arena_t arena;
	chown_opts_t o = {0};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "Rhv", 0, chown_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n < 2) {
		if (n == 0)
			cu_msg(PROG, "missing operand");
		else
			cu_msg(PROG, "missing operand after '%s'", argv[1]);
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	ident_db_load(&db);
	if (!chown_spec(&o, argv[1]))
		return CU_EXIT_FAIL;
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	int status = CU_EXIT_OK;
	for (int i = 2; i <= n; i++)
		if (!cu_walk(PROG, argv[i], o.recursive, !o.no_deref, &arena, chown_visit, &o))
			status = CU_EXIT_FAIL;
	return status;
}
