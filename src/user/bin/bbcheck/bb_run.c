/*
 * Running one busybox command line with its output captured (see bbcheck.h).
 */
#include <string.h>

#include "bbcheck.h"
#include "glue/glue.h"

#define BB_ACCESS_X 1
#define BB_EXEC_FAILED 127

static char *const bb_env[] = { "PATH=/bin", "HOME=/", "TERM=dumb", NULL };

bool bb_present(void)
{
	return sys_access(BB_PATH, BB_ACCESS_X) == 0;
}

void bb_run(const bb_case_t *c, bb_result_t *r)
{
	memset(r, 0, sizeof(*r));
	int fds[2];
	long e = sys_pipe(fds);
	if (e != 0) {
		r->error = (int)e;
		return;
	}
	long pid = sys_fork();
	if (pid < 0) {
		r->error = (int)pid;
		sys_close(fds[0]);
		sys_close(fds[1]);
		return;
	}
	if (pid == 0) {
		sys_close(fds[0]);
		sys_dup2(fds[1], 1);
		sys_dup2(fds[1], 2);
		sys_close(fds[1]);
		sys_execve(BB_PATH, (char *const *)c->argv, bb_env);
		sys_exit(BB_EXEC_FAILED);
	}
	sys_close(fds[1]);
	size_t used = 0;
	for (;;) {
		char chunk[256];
		long n = sys_read(fds[0], chunk, sizeof(chunk));
		if (n <= 0)
			break;
		size_t take = (size_t)n;
		if (take > BB_OUTPUT_MAX - used)
			take = BB_OUTPUT_MAX - used;
		memcpy(r->output + used, chunk, take);
		used += take;
	}
	r->output[used] = '\0';
	sys_close(fds[0]);
	int status = 0;
	long w = sys_wait4((int)pid, &status, 0, NULL);
	if (w < 0) {
		r->error = (int)w;
		return;
	}
	r->exited = (status & 0x7f) == 0;
	r->code = (status >> 8) & 0xff;
	r->signal = status & 0x7f;
}
