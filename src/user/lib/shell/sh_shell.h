/*
 * The running shell (spec/shell.md): its state and the functions that
 * execute parsed lines.  /bin/stsh and /bin/sh are each a main() that fills
 * an sh_config_t and calls sh_main().
 */
#ifndef AEGIS_SH_SHELL_H
#define AEGIS_SH_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include <aegis/termios.h>

#include "shell/sh_hist.h"
#include "shell/sh_jobs.h"
#include "shell/sh_parse.h"
#include "shell/sh_vars.h"

#define SH_NUM_TEXT_MAX 24

typedef struct sh_shell sh_shell_t;

/* Write the prompt for sh into out (cap bytes, NUL-terminated). */
typedef void (*sh_prompt_fn)(sh_shell_t *sh, char *out, size_t cap);

typedef struct {
	const char *name;   /* message prefix: "stsh" -> "stsh: syntax error: ..." */
	bool caps_builtin;  /* offer `caps` */
	sh_prompt_fn prompt;
} sh_config_t;

struct sh_shell {
	const sh_config_t *cfg;
	sh_vars_t vars;
	int status;     /* $? */
	int argc;       /* $# is argc - 1; $0..$9 are argv[0..9] */
	char **argv;
	char num_text[SH_NUM_TEXT_MAX]; /* where $?, $$ and $# are formatted */
	bool interactive;               /* reading a terminal: prompt, editing, job control */
	int pgid;                       /* the shell's own process group */
	aegis_termios_t tty_mode;       /* the terminal's settings for commands */
	sh_jobs_t jobs;
	sh_hist_t hist;
	bool exiting; /* `exit` ran: stop reading after this line */
};

/* Run a whole shell: options, then commands; returns the exit status. */
int sh_main(const sh_config_t *cfg, int argc, char **argv, char **envp);

/* Parse and run one line; returns its status (also left in sh->status). */
int sh_run_line(sh_shell_t *sh, const char *line, size_t len);

/* Run one pipeline of prog (its words already checked by the parser); returns its status. */
int sh_run_pipeline(sh_shell_t *sh, const sh_program_t *prog, const char *line, const sh_pipeline_t *pl, bool background);

/*
 * Wait for a foreground job's pids (the pipeline text for messages); returns the last one's status.
 * A stopped job is kept in the job table and reported "[N] Stopped TEXT"; the terminal goes back to the shell.
 */
int sh_wait_foreground(sh_shell_t *sh, const int *pids, size_t n, const char *text, size_t textlen);

/* "<name>: <formatted>\n" on standard error. */
void sh_complain(const sh_shell_t *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The $NAME lookup expansion uses (sh_expand.h's sh_lookup_fn, ctx the shell). */
const char *sh_lookup(void *ctx, const char *name, size_t len);

#endif
