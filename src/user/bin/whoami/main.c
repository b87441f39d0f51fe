/*
 * /bin/whoami: print the user name of the effective user ID, like GNU and
 * busybox whoami (spec/credentials.md CRED-108).  An effective uid without a
 * name in /etc/passwd is an error (exit status 1), as in GNU.
 */
#include <stdint.h>

#include "glue/glue.h"
#include "ident/ident_names.h"
#include "uio/uio.h"

#define EXIT_OK 0
#define EXIT_FAIL 1
#define STDOUT_FD 1
#define STDERR_FD 2

static ident_db_t db;

int main(int argc, char **argv)
{
	char name[IDENT_ID_TEXT_MAX];
	uint32_t euid = (uint32_t)sys_geteuid();

	(void)argv;
	if (argc > 1) {
		uio_printf(STDERR_FD, "whoami: extra operand\nusage: whoami\n");
		return EXIT_FAIL;
	}
	ident_db_load(&db);
	if (db.passwd.malformed)
		uio_printf(STDERR_FD, "whoami: %s\n", db.passwd.reason.text);
	if (!ident_user_name(&db, euid, name, sizeof(name))) {
		uio_printf(STDERR_FD, "whoami: cannot find name for user ID %u\n", (unsigned)euid);
		return EXIT_FAIL;
	}
	uio_printf(STDOUT_FD, "%s\n", name);
	return EXIT_OK;
}
