/*
 * procbench's pipe ping-pong: the parent writes one byte into one pipe, a
 * forked child reads it and writes it back through a second pipe, the
 * parent reads it.  One round trip is two writes, two reads and (on one
 * CPU) two switches between the processes.  The byte changes every round
 * and the parent checks the echo.  The child echoes until its pipe reaches
 * end of file, so setting up and tearing down stay outside the timed part.
 */
#include "glue/glue.h"
#include "procbench.h"

#define PB_READ_END 0
#define PB_WRITE_END 1
#define PB_ECHO_FAILED_CODE 1

/* The child: echo every byte from in to out until end of file. */
static void echo_until_eof(int in, int out)
{
	unsigned char c;
	for (;;) {
		long r = sys_read(in, &c, 1);
		if (r == 0)
			sys_exit(0);
		if (r != 1 || sys_write(out, &c, 1) != 1)
			sys_exit(PB_ECHO_FAILED_CODE);
	}
}

/* Rounds [first, first + n): false after a FAILED line. */
static bool ping_pong(const char *name, int to_child, int from_child, unsigned first, unsigned n)
{
	for (unsigned i = first; i < first + n; i++) {
		unsigned char out = (unsigned char)i, in = 0;
		long w = sys_write(to_child, &out, 1);
		if (w != 1) {
			pb_fail(name, "write to the child", w);
			return false;
		}
		long r = sys_read(from_child, &in, 1);
		if (r != 1 || in != out) {
			pb_fail(name, r != 1 ? "read from the child" : "the echo differs", r);
			return false;
		}
	}
	return true;
}

/* End the child: end of file on its pipe, then wait; false after a FAILED line. */
static bool finish_child(const char *name, long pid, int to_child, int from_child, bool ok)
{
	sys_close(to_child);
	sys_close(from_child);
	int status = -1;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	if (!ok)
		return false;
	if (r != pid || status != 0) {
		pb_fail(name, r != pid ? "wait4" : "the child's wait status is not 0", r != pid ? r : status);
		return false;
	}
	return true;
}

bool pb_op_pipe_pingpong(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns)
{
	(void)env;
	int down[2], up[2];
	long r = sys_pipe(down);
	if (r != 0) {
		pb_fail(name, "pipe", r);
		return false;
	}
	r = sys_pipe(up);
	if (r != 0) {
		sys_close(down[PB_READ_END]);
		sys_close(down[PB_WRITE_END]);
		pb_fail(name, "pipe", r);
		return false;
	}
	long pid = sys_fork();
	if (pid == 0) {
		sys_close(down[PB_WRITE_END]);
		sys_close(up[PB_READ_END]);
		echo_until_eof(down[PB_READ_END], up[PB_WRITE_END]);
	}
	sys_close(down[PB_READ_END]);
	sys_close(up[PB_WRITE_END]);
	if (pid < 0) {
		sys_close(down[PB_WRITE_END]);
		sys_close(up[PB_READ_END]);
		pb_fail(name, "fork", pid);
		return false;
	}
	unsigned warm = pb_warmup_of(n);
	bool ok = ping_pong(name, down[PB_WRITE_END], up[PB_READ_END], 0, warm);
	uint64_t start = pb_now_ns();
	ok = ok && ping_pong(name, down[PB_WRITE_END], up[PB_READ_END], warm, n);
	*elapsed_ns = pb_now_ns() - start;
	return finish_child(name, pid, down[PB_WRITE_END], up[PB_READ_END], ok);
}
