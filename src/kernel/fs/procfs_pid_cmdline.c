/*
 * /proc/<pid>/cmdline (spec/filesystems.md FS-084): the argument list of
 * the last execve, each argument followed by a NUL; empty for a zombie.
 */
#include "fs/procfs_pid.h"

#include "fs/procfs_text.h"
#include "proc/proc_cmdline.h"

size_t procfs_pid_cmdline(const process_t *p, char *buf, size_t cap)
{
	procfs_text_t t;
	procfs_text_init(&t, buf, cap);
	if (!p || p->state == PROC_ZOMBIE)
		return 0;
	const char *bytes;
	size_t len = proc_cmdline_get(p, &bytes);
	procfs_text_bytes(&t, bytes, len);
	return t.len;
}
