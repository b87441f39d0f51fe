/*
 * Running a program with its standard output and standard error captured
 * separately, and judging one expected run (see idcheck.h).  The programs
 * print far less than a pipe holds, so the parent waits first and then
 * drains both pipes.
 */
#include <string.h>

#include "glue/glue.h"
#include "idcheck.h"
#include "tcheck/tcheck.h"

#define IC_EXEC_FAILED 127
#define IC_WAIT_SIG_MASK 0x7f
#define IC_WAIT_CODE_SHIFT 8
#define IC_WAIT_CODE_MASK 0xff
#define IC_STDOUT 1
#define IC_STDERR 2

static char *const ic_env[] = { "PATH=/bin", NULL };

static void ic_drain(int fd, char *buf)
{
	size_t used = 0;
	long n = 1;

	while (n > 0 && used < IC_OUTPUT_MAX - 1) {
		n = sys_read(fd, buf + used, IC_OUTPUT_MAX - 1 - used);
		used += n > 0 ? (size_t)n : 0;
	}
	buf[used] = '\0';
	sys_close(fd);
}

void ic_run(const char *const *argv, ic_result_t *r)
{
	int out[2], err[2], status = 0;
	long pid;

	memset(r, 0, sizeof(*r));
	r->code = -1;
	r->error = sys_pipe(out);
	if (r->error == 0 && (r->error = sys_pipe(err)) != 0) {
		sys_close(out[0]);
		sys_close(out[1]);
	}
	if (r->error != 0)
		return;
	pid = sys_fork();
	if (pid == 0) {
		sys_dup2(out[1], IC_STDOUT);
		sys_dup2(err[1], IC_STDERR);
		sys_close(out[0]);
		sys_close(err[0]);
		sys_execve(argv[0], (char *const *)argv, ic_env);
		sys_exit(IC_EXEC_FAILED);
	}
	sys_close(out[1]);
	sys_close(err[1]);
	if (pid > 0)
		r->error = sys_wait4((int)pid, &status, 0, NULL) < 0 ? -1 : 0;
	else
		r->error = pid;
	ic_drain(out[0], r->out);
	ic_drain(err[0], r->err);
	if (r->error == 0 && (status & IC_WAIT_SIG_MASK) == 0)
		r->code = (status >> IC_WAIT_CODE_SHIFT) & IC_WAIT_CODE_MASK;
}

void ic_check(const ic_case_t *c)
{
	char text[TCHECK_DETAIL_MAX];
	ic_result_t r;
	size_t at = 0;

	for (unsigned i = 0; c->argv[i] && at < sizeof(text); i++) {
		size_t n = strlen(c->argv[i]);
		if (at + n + 2 >= sizeof(text))
			break;
		if (i > 0)
			text[at++] = ' ';
		memcpy(text + at, c->argv[i], n);
		at += n;
	}
	text[at] = '\0';
	ic_run(c->argv, &r);
	bool err_ok = c->err ? strstr(r.err, c->err) != NULL : r.err[0] == '\0';
	tcheck(r.error == 0 && r.code == c->code && strcmp(r.out, c->out) == 0 && err_ok, c->id, text,
	       "error %ld, exit %d (want %d), stdout '%s' (want '%s'), stderr '%s'", r.error, r.code, c->code, r.out,
	       c->out, r.err);
}
