/* The `caps [pid]` builtin (sh_builtin.h, spec/shell.md SH-060, SH-061). */
#include "shell/sh_builtin.h"

#include <stdlib.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "shell/sh_caps.h"
#include "shell/sh_errtext.h"
#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_CAPS_TEXT_MAX (CAP_TABLE_SLOTS * 24)

int sh_builtin_caps(sh_shell_t *sh, int argc, char **argv)
{
	cap_slot_t slots[CAP_TABLE_SLOTS];
	char text[SH_CAPS_TEXT_MAX];
	long pid = 0;

	if (argc > 2) {
		sh_complain(sh, "caps: usage: caps [pid]");
		return SH_STATUS_SYNTAX;
	}
	if (argc == 2) {
		char *end = NULL;
		pid = strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0' || pid <= 0) {
			sh_complain(sh, "caps: '%s' is not a process id", argv[1]);
			return SH_STATUS_SYNTAX;
		}
	}
	long n = sys_cap_query((int)pid, slots, sizeof(slots));
	if (n == -ENOCAP) {
		sh_complain(sh, "caps: reading the capabilities of pid %ld needs CAP_QUERY", pid);
		return SH_STATUS_FAIL;
	}
	if (n < 0) {
		sh_complain(sh, "caps: pid %ld: %s", pid, sh_errtext(n));
		return SH_STATUS_FAIL;
	}
	long len = sh_caps_format(slots, (size_t)n, text, sizeof(text));
	if (len < 0) {
		sh_complain(sh, "caps: %s", sh_errtext(len));
		return SH_STATUS_FAIL;
	}
	uio_write_all(1, text, (size_t)len);
	return 0;
}
