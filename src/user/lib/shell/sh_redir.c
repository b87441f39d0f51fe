/* Applying and undoing redirections (sh_redir.h). */
#include "shell/sh_redir.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "shell/sh_errtext.h"

#define SH_SAVE_FD_MIN 10 /* saved copies live above what a redirection may name */
#define SH_CREATE_MODE 0666u

static long sh_redir_one(const sh_shell_t *sh, const sh_redir_t *r, const char *target)
{
	long fd;

	if (r->kind == SH_REDIR_DUP) {
		fd = sys_dup2(r->dup_fd, r->fd);
		if (fd < 0)
			sh_complain(sh, "%d: %s", r->dup_fd, sh_errtext(fd));
		return fd < 0 ? fd : 0;
	}
	int flags = r->kind == SH_REDIR_IN	? AEGIS_O_RDONLY
		    : r->kind == SH_REDIR_OUT ? AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC
					      : AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_APPEND;
	fd = sys_open(target, flags, SH_CREATE_MODE);
	if (fd < 0) {
		sh_complain(sh, "%s: %s", target, sh_errtext(fd));
		return fd;
	}
	if (fd != r->fd) {
		long rc = sys_dup2((int)fd, r->fd);
		sys_close((int)fd);
		if (rc < 0) {
			sh_complain(sh, "%s: %s", target, sh_errtext(rc));
			return rc;
		}
	}
	return 0;
}

long sh_redir_apply(const sh_shell_t *sh, const sh_cmd_t *cmd, const sh_cmdargs_t *ca, sh_redir_saved_t *saved)
{
	if (saved != NULL)
		saved->count = 0;
	for (size_t i = 0; i < cmd->nredir; i++) {
		const sh_redir_t *r = &cmd->redir[i];
		if (saved != NULL) {
			long copy = sys_fcntl(r->fd, AEGIS_F_DUPFD_CLOEXEC, SH_SAVE_FD_MIN);
			saved->fd[saved->count] = r->fd;
			saved->saved[saved->count++] = copy < 0 ? -1 : (int)copy;
		}
		long rc = sh_redir_one(sh, r, ca->target[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

void sh_redir_restore(sh_redir_saved_t *saved)
{
	while (saved->count > 0) {
		size_t i = --saved->count;
		if (saved->saved[i] < 0) {
			sys_close(saved->fd[i]);
			continue;
		}
		sys_dup2(saved->saved[i], saved->fd[i]);
		sys_close(saved->saved[i]);
	}
}
