/* Running a line: parse, then each pipeline as ; && || & say (sh_shell.h); $-parameters; messages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "glue/glue.h"
#include "shell/sh_shell.h"
#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_POSITIONAL_MAX 9

void sh_complain(const sh_shell_t *sh, const char *fmt, ...)
{
	char msg[UIO_PRINTF_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	uio_printf(2, "%s: %s\n", sh->cfg->name, msg);
}

const char *sh_lookup(void *ctx, const char *name, size_t len)
{
	sh_shell_t *sh = ctx;

	if (len == 1 && name[0] >= '0' && name[0] <= '0' + SH_POSITIONAL_MAX) {
		int i = name[0] - '0';
		return i < sh->argc ? sh->argv[i] : NULL;
	}
	if (len == 1 && (name[0] == '?' || name[0] == '$' || name[0] == '#')) {
		long v = name[0] == '?' ? sh->status : name[0] == '$' ? sys_getpid() : (sh->argc > 0 ? sh->argc - 1 : 0);
		snprintf(sh->num_text, sizeof(sh->num_text), "%ld", v);
		return sh->num_text;
	}
	return sh_vars_get(&sh->vars, name, len);
}

int sh_run_line(sh_shell_t *sh, const char *line, size_t len)
{
	static sh_program_t prog;
	sh_error_t err;
	sh_next_t before = SH_NEXT_SEQ;

	if (sh_parse(line, len, &prog, &err) < 0) {
		sh_complain(sh, "%s", err.msg);
		sh->status = SH_STATUS_SYNTAX;
		return sh->status;
	}
	for (size_t i = 0; i < prog.npipe && !sh->exiting; i++) {
		const sh_pipeline_t *pl = &prog.pipe[i];
		bool run = before == SH_NEXT_SEQ || before == SH_NEXT_BG || (before == SH_NEXT_AND && sh->status == 0) ||
			   (before == SH_NEXT_OR && sh->status != 0);
		if (run)
			sh->status = sh_run_pipeline(sh, &prog, line, pl, pl->next == SH_NEXT_BG);
		before = pl->next;
	}
	return sh->status;
}
