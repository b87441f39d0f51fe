/*
 * /bin/id: print real and effective user and group IDs and the groups, like
 * GNU and busybox id (spec/credentials.md CRED-105, CRED-106).
 *
 *   id [-u|-g|-G] [-n] [-r] [USER]
 *
 * Without options: uid=R(name) gid=G(name), euid=/egid= when they differ from
 * the real ones, groups=...  Names come from /etc/passwd and /etc/group; an
 * ID without one prints as its number.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "ident/ident_line.h"
#include "ident/ident_who.h"
#include "uio/uio.h"

#define EXIT_OK 0
#define EXIT_FAIL 1
#define STDOUT_FD 1
#define STDERR_FD 2

typedef enum { SHOW_ALL, SHOW_UID, SHOW_GID, SHOW_GROUPS } id_show_t;

typedef struct {
	id_show_t show;
	bool names;
	bool real;
	const char *user;
} id_opts_t;

static ident_db_t db;
static ident_line_t line;

static int id_usage(const char *why)
{
	uio_printf(STDERR_FD, "id: %s\nusage: id [-u|-g|-G] [-n] [-r] [USER]\n", why);
	return EXIT_FAIL;
}

/* Parse argv into o; 0, or the exit status of a usage error. */
static int id_parse(int argc, char **argv, id_opts_t *o)
{
	int i = 1;

	memset(o, 0, sizeof(*o));
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *c = argv[i] + 1; *c; c++) {
			id_show_t want = *c == 'u' ? SHOW_UID : *c == 'g' ? SHOW_GID : *c == 'G' ? SHOW_GROUPS : SHOW_ALL;
			if (*c == 'n')
				o->names = true;
			else if (*c == 'r')
				o->real = true;
			else if (want == SHOW_ALL)
				return id_usage("unknown option");
			else if (o->show != SHOW_ALL && o->show != want)
				return id_usage("cannot print \"only\" of more than one choice");
			else
				o->show = want;
		}
	}
	if (i < argc)
		o->user = argv[i++];
	if (i < argc)
		return id_usage("extra operand");
	if (o->show == SHOW_ALL && (o->names || o->real))
		return id_usage("cannot print only names or real IDs in default format");
	return 0;
}

/* One ID for -u/-g/-G: its name with -n (the number and an error when it has none). */
static bool id_one(uint32_t id, bool group, bool names)
{
	char name[IDENT_ID_TEXT_MAX], text[IDENT_ID_TEXT_MAX];
	bool found = names && (group ? ident_group_name(&db, id, name, sizeof(name))
				     : ident_user_name(&db, id, name, sizeof(name)));

	if (names && !found)
		uio_printf(STDERR_FD, "id: cannot find name for %s ID %u\n", group ? "group" : "user", (unsigned)id);
	snprintf(text, sizeof(text), "%u", (unsigned)id);
	ident_line_add(&line, found ? name : text);
	return !names || found;
}

static bool id_only(const id_opts_t *o, const ident_who_t *who)
{
	uint32_t shown[IDENT_SHOWN_GROUPS_MAX];
	size_t n;
	bool ok = true;

	if (o->show == SHOW_UID)
		return id_one(o->real ? who->ruid : who->euid, false, o->names);
	if (o->show == SHOW_GID)
		return id_one(o->real ? who->rgid : who->egid, true, o->names);
	n = ident_who_shown(who, shown);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			ident_line_add(&line, " ");
		ok = id_one(shown[i], true, o->names) && ok;
	}
	return ok;
}

static void id_field(const char *label, uint32_t id, bool group)
{
	char text[IDENT_ID_TEXT_MAX];

	if (group)
		ident_group_text(&db, id, text);
	else
		ident_user_text(&db, id, text);
	ident_line_add(&line, label);
	ident_line_add(&line, text);
}

static void id_full(const ident_who_t *who)
{
	uint32_t shown[IDENT_SHOWN_GROUPS_MAX];
	size_t n = ident_who_shown(who, shown);

	id_field("uid=", who->ruid, false);
	id_field(" gid=", who->rgid, true);
	if (who->euid != who->ruid)
		id_field(" euid=", who->euid, false);
	if (who->egid != who->rgid)
		id_field(" egid=", who->egid, true);
	for (size_t i = 0; i < n; i++)
		id_field(i == 0 ? " groups=" : ",", shown[i], true);
}

int main(int argc, char **argv)
{
	id_opts_t o;
	ident_who_t who;
	int status = id_parse(argc, argv, &o);
	long r;
	bool ok;

	if (status != 0)
		return status;
	ident_db_load(&db);
	r = o.user ? ident_who_user(&db, o.user, &who) : ident_who_self(&who);
	if (r == -ENOENT) {
		uio_printf(STDERR_FD, "id: '%s': no such user\n", o.user);
		return EXIT_FAIL;
	}
	if (r < 0 && !(o.user && ident_db_problem(&db))) {
		uio_printf(STDERR_FD, "id: %s: %ld\n", o.user ? "cannot list the user's groups" : "getgroups failed", r);
		return EXIT_FAIL;
	}
	ok = ident_db_problem(&db) == NULL;
	if (!ok)
		uio_printf(STDERR_FD, "id: %s\n", ident_db_problem(&db));
	if (r < 0)
		return EXIT_FAIL; /* a named user cannot be read from a malformed file */
	ident_line_init(&line);
	if (o.show == SHOW_ALL)
		id_full(&who);
	else
		ok = id_only(&o, &who) && ok;
	if (ident_line_write(&line, STDOUT_FD) < 0)
		return EXIT_FAIL;
	return ok ? EXIT_OK : EXIT_FAIL;
}
