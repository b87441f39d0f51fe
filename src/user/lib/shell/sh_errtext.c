/* Error texts for the shell's messages (sh_errtext.h), as the C library words them. */
#include "shell/sh_errtext.h"

#include <stdio.h>

#include <aegis/errno.h>

const char *sh_errtext(long err)
{
	static char other[32];
	static const struct {
		long err;
		const char *text;
	} texts[] = {
		{ EPERM, "Operation not permitted" },
		{ ENOENT, "No such file or directory" },
		{ ESRCH, "No such process" },
		{ EIO, "Input/output error" },
		{ E2BIG, "Argument list too long" },
		{ ENOEXEC, "Exec format error" },
		{ EBADF, "Bad file descriptor" },
		{ ENOMEM, "Cannot allocate memory" },
		{ EACCES, "Permission denied" },
		{ EEXIST, "File exists" },
		{ ENOTDIR, "Not a directory" },
		{ EISDIR, "Is a directory" },
		{ EINVAL, "Invalid argument" },
		{ EMFILE, "Too many open files" },
		{ ENOSPC, "No space left on device" },
		{ EROFS, "Read-only file system" },
		{ ENAMETOOLONG, "File name too long" },
		{ ELOOP, "Too many levels of symbolic links" },
		{ ENOCAP, "Capability required" },
	};

	if (err < 0)
		err = -err;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].err == err)
			return texts[i].text;
	snprintf(other, sizeof(other), "error %ld", err);
	return other;
}
