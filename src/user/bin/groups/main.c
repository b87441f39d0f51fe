/*
 * /bin/groups: print the groups of the calling process, or of each USER
 * given, by name, like GNU and busybox groups (spec/credentials.md
 * CRED-107).
 *
 *   groups [USER]...
 *
 * Without operands: the real group, the effective group when it differs, and
 * the supplementary groups, separated by spaces.  With operands, one line
 * "USER : groups" each.  A group without a name prints as its number and
 * makes the exit status 1.
 */
#include <stdbool.h>

#include <aegis/errno.h>

#include "ident/ident_line.h"
#include "ident/ident_who.h"
#include "uio/uio.h"

#define EXIT_OK 0
#define EXIT_FAIL 1
#define STDOUT_FD 1
#define STDERR_FD 2

static ident_db_t db;
static ident_line_t line;

/* The names of who's groups on one line; false when a group has no name. */
static bool groups_print(const ident_who_t *who, const char *user)
{
	uint32_t shown[IDENT_SHOWN_GROUPS_MAX];
	size_t n = ident_who_shown(who, shown);
	char text[IDENT_ID_TEXT_MAX];
	bool ok = true;

	ident_line_init(&line);
	if (user) {
		ident_line_add(&line, user);
		ident_line_add(&line, " :");
	}
	for (size_t i = 0; i < n; i++) {
		if (!ident_group_name(&db, shown[i], text, sizeof(text))) {
			uio_printf(STDERR_FD, "groups: cannot find name for group ID %u\n", (unsigned)shown[i]);
			ok = false;
			ident_group_text(&db, shown[i], text);
		}
		if (i > 0 || user)
			ident_line_add(&line, " ");
		ident_line_add(&line, text);
	}
	return ident_line_write(&line, STDOUT_FD) == 0 && ok;
}

int main(int argc, char **argv)
{
	ident_who_t who;
	bool ok;
	long r;

	ident_db_load(&db);
	ok = ident_db_problem(&db) == NULL;
	if (!ok)
		uio_printf(STDERR_FD, "groups: %s\n", ident_db_problem(&db));
	if (argc < 2) {
		r = ident_who_self(&who);
		if (r < 0) {
			uio_printf(STDERR_FD, "groups: getgroups failed: %ld\n", r);
			return EXIT_FAIL;
		}
		return groups_print(&who, NULL) && ok ? EXIT_OK : EXIT_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		r = ident_who_user(&db, argv[i], &who);
		if (r == 0)
			ok = groups_print(&who, argv[i]) && ok;
		else {
			if (r == -ENOENT)
				uio_printf(STDERR_FD, "groups: '%s': no such user\n", argv[i]);
			else if (ident_db_problem(&db) == NULL)
				uio_printf(STDERR_FD, "groups: '%s': cannot list the groups: %ld\n", argv[i], r);
			ok = false;
		}
	}
	return ok ? EXIT_OK : EXIT_FAIL;
}
