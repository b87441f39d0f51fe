/*
 * Directory listings for in-system conformance programs (see tcheck.h):
 * whether getdents64 on a path reports a name.
 */
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define TCHECK_DIRBUF 1024 /* bytes of getdents64 records per call */

bool tcheck_dir_has(const char *path, const char *name)
{
	static char dirbuf[TCHECK_DIRBUF];
	long fd = sys_open(path, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY, 0);
	if (fd < 0)
		return false;
	bool found = false;
	long n;
	while (!found && (n = sys_getdents64((int)fd, dirbuf, sizeof(dirbuf))) > 0) {
		for (long at = 0; at < n;) {
			aegis_dirent64_t *d = (aegis_dirent64_t *)(dirbuf + at);
			found = found || strcmp(d->d_name, name) == 0;
			at += d->d_reclen;
		}
	}
	sys_close((int)fd);
	return found;
}
