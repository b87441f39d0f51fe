/*
 * Running one pipeline (sh_shell.h, spec/shell.md SH-030..SH-034,
 * SH-050..SH-054): a lone builtin or assignment runs in the shell with its
 * redirections undone afterwards; everything else is forked, one child per
 * command joined by pipes, in a new process group that gets the terminal
 * while it runs in the foreground.
 */
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "shell/sh_builtin.h"
#include "shell/sh_cmdargs.h"
#include "shell/sh_errtext.h"
#include "shell/sh_path.h"
#include "shell/sh_redir.h"
#include "shell/sh_shell.h"
#include "shell/sh_status.h"
#include "shell/sh_term.h"
#include "uio/uio.h"

#define SH_ENV_MAX (SH_VARS_MAX + 1)

static void sh_assign_all(sh_shell_t *sh, const sh_cmdargs_t *ca, bool export)
{
	for (size_t i = 0; i < ca->nassign; i++) {
		char *eq = strchr(ca->assign[i], '=');
		if (sh_vars_set(&sh->vars, ca->assign[i], (size_t)(eq - ca->assign[i]), eq + 1, export) < 0)
			sh_complain(sh, "%.*s: cannot set (at most %d variables)", (int)(eq - ca->assign[i]), ca->assign[i], SH_VARS_MAX);
	}
}

/* A lone builtin or assignment, in the shell itself. */
static int sh_run_here(sh_shell_t *sh, const sh_cmd_t *cmd, sh_cmdargs_t *ca, sh_builtin_fn fn)
{
	sh_redir_saved_t saved;
	int status = SH_STATUS_FAIL;

	if (sh_redir_apply(sh, cmd, ca, &saved) == 0) {
		if (fn != NULL)
			status = fn(sh, (int)ca->argc, ca->argv);
		else {
			sh_assign_all(sh, ca, false);
			status = 0;
		}
	}
	sh_redir_restore(&saved);
	return status;
}

/* The child's side: its group, the terminal, signals, pipes, redirections, then the command. */
__attribute__((noreturn)) static void sh_child(sh_shell_t *sh, const sh_cmd_t *cmd, sh_cmdargs_t *ca, int pgid,
					       bool foreground, int in, int out)
{
	if (sh->interactive) {
		(void)sys_setpgid(0, pgid);
		if (foreground)
			(void)sh_term_foreground(SH_TTY_FD, pgid == 0 ? (int)sys_getpid() : pgid);
		sh_term_signals(false);
	}
	if (in >= 0) {
		sys_dup2(in, 0);
		sys_close(in);
	}
	if (out >= 0) {
		sys_dup2(out, 1);
		sys_close(out);
	}
	if (sh_redir_apply(sh, cmd, ca, NULL) < 0)
		sys_exit_group(SH_STATUS_FAIL);
	if (ca->argc == 0)
		sys_exit_group(0);
	sh_builtin_fn fn = sh_builtin_find(sh, ca->argv[0]);
	if (fn != NULL)
		sys_exit_group(fn(sh, (int)ca->argc, ca->argv) & 0xff);
	sh_assign_all(sh, ca, true);
	char *envp[SH_ENV_MAX];
	sh_vars_environ(&sh->vars, envp, SH_ENV_MAX);
	sh_path_exec(sh, ca->argv, envp);
}

/* The line's text of pl, for job messages. */
static const char *sh_pipeline_text(const sh_program_t *prog, const char *line, const sh_pipeline_t *pl, size_t *len)
{
	const sh_cmd_t *first = &pl->cmd[0], *last = &pl->cmd[pl->ncmd - 1];
	size_t a = first->nwords ? first->word[0] : first->redir[0].word;
	size_t b = last->nwords ? last->word[last->nwords - 1] : last->redir[last->nredir - 1].word;
	size_t start = prog->toks.tok[a].start;
	size_t end = prog->toks.tok[b].start + prog->toks.tok[b].len;
	*len = end > start ? end - start : 0;
	return line + start;
}

static int sh_fork_all(sh_shell_t *sh, const sh_program_t *prog, const char *line, const sh_pipeline_t *pl,
		       sh_cmdargs_t *args, bool background)
{
	int pids[SH_PIPE_MAX];
	size_t started = 0;
	int pgid = 0, prev = -1;

	for (size_t i = 0; i < pl->ncmd; i++) {
		int fds[2] = { -1, -1 };
		if (i + 1 < pl->ncmd && sys_pipe2(fds, AEGIS_O_CLOEXEC) < 0) {
			sh_complain(sh, "cannot make a pipe");
			break;
		}
		long pid = sys_fork();
		if (pid == 0)
			sh_child(sh, &pl->cmd[i], &args[i], pgid, !background, prev, fds[1]);
		if (prev >= 0)
			sys_close(prev);
		if (fds[1] >= 0)
			sys_close(fds[1]);
		prev = fds[0];
		if (pid < 0) {
			sh_complain(sh, "fork: %s", sh_errtext(pid));
			break;
		}
		if (pgid == 0)
			pgid = (int)pid;
		if (sh->interactive)
			(void)sys_setpgid((int)pid, pgid);
		pids[started++] = (int)pid;
	}
	if (prev >= 0)
		sys_close(prev);
	if (started == 0)
		return SH_STATUS_FAIL;
	size_t textlen;
	const char *text = sh_pipeline_text(prog, line, pl, &textlen);
	if (!background)
		return sh_wait_foreground(sh, pids, started, text, textlen);
	long id = sh_jobs_add(&sh->jobs, pids, started, text, textlen);
	if (id < 0)
		sh_complain(sh, "too many background jobs (at most %d); this one is not tracked", SH_JOBS_MAX);
	else
		uio_printf(2, "[%ld] %d\n", id, pids[started - 1]);
	return 0;
}

int sh_run_pipeline(sh_shell_t *sh, const sh_program_t *prog, const char *line, const sh_pipeline_t *pl, bool background)
{
	sh_cmdargs_t *args = calloc(pl->ncmd ? pl->ncmd : 1, sizeof(sh_cmdargs_t));
	sh_error_t err;
	int status;

	if (args == NULL) {
		sh_complain(sh, "out of memory");
		return SH_STATUS_FAIL;
	}
	for (size_t i = 0; i < pl->ncmd; i++) {
		long rc = sh_cmdargs_expand(&args[i], prog, line, &pl->cmd[i], sh_lookup, sh, &err);
		if (rc < 0) {
			sh_complain(sh, "%s", err.msg);
			free(args);
			return rc == -E2BIG ? SH_STATUS_SYNTAX : SH_STATUS_FAIL;
		}
	}
	sh_builtin_fn fn = args[0].argc > 0 ? sh_builtin_find(sh, args[0].argv[0]) : NULL;
	if (pl->ncmd == 1 && !background && (fn != NULL || args[0].argc == 0))
		status = sh_run_here(sh, &pl->cmd[0], &args[0], fn);
	else
		status = sh_fork_all(sh, prog, line, pl, args, background);
	free(args);
	return status;
}
