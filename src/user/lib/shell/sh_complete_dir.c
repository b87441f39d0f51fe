/* Reading a directory's names for Tab completion (sh_complete_dir.h). */
#include "shell/sh_complete_dir.h"

#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "glue/glue.h"
#include "shell/sh_limits.h"

#define SH_COMPLETE_DIR_CHUNK 2048

/* Whether dir/name is a directory, for entries whose d_type does not say (links, unknown). */
static bool sh_complete_dir_is_dir(const char *dir, const char *name)
{
	char path[SH_PATH_MAX];
	aegis_stat_t st;
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sizeof(path) || sys_stat(path, &st) < 0)
		return false;
	return (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR;
}

void sh_complete_dir_list(void *ctx, const char *dir, sh_complete_t *c)
{
	static _Alignas(8) char buf[SH_COMPLETE_DIR_CHUNK];
	int fd = (int)sys_open(dir, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY | AEGIS_O_CLOEXEC, 0);
	long n;

	(void)ctx;
	if (fd < 0)
		return;
	while ((n = sys_getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			const aegis_dirent64_t *d = (const aegis_dirent64_t *)(const void *)(buf + off);
			if (d->d_reclen == 0)
				break; /* a malformed record: stop rather than spin */
			off += d->d_reclen;
			if (strncmp(d->d_name, c->want, c->wantlen) != 0)
				continue; /* spare the stat of names that cannot match */
			bool is_dir = d->d_type == AEGIS_DT_DIR;
			if (d->d_type == AEGIS_DT_LNK || d->d_type == AEGIS_DT_UNKNOWN)
				is_dir = sh_complete_dir_is_dir(dir, d->d_name);
			sh_complete_offer(c, d->d_name, is_dir);
		}
	}
	sys_close(fd);
}
