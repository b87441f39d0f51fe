/*
 * An outside judge built the way any Linux program is: glibc, static, no
 * Aegis code at all (spec/processes.md PROC-137).  Run as PID 1 in QEMU it
 * exercises what glibc's start-up and common calls need (TLS, brk/mmap for
 * malloc, stdio over write, fork/waitpid, pipes, open/read, getcwd, clocks,
 * signals) and prints "glibc-judge: ok NAME" or "glibc-judge: FAIL NAME" per
 * check, then exits 0 only when all passed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define JUDGE_BIG_ALLOC (8u << 20) /* large enough that malloc uses mmap */
#define JUDGE_CHILD_CODE 3

static int failures;
static __thread int tls_value = 42;
static volatile sig_atomic_t got_usr1;

static void judge(int ok, const char *name)
{
	printf("glibc-judge: %s %s\n", ok ? "ok" : "FAIL", name);
	if (!ok)
		failures++;
}

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0); /* the console is not a TTY yet: no buffer to duplicate at fork */
	judge(tls_value == 42, "thread-local storage");
	char *big = malloc(JUDGE_BIG_ALLOC);
	if (big)
		memset(big, 7, JUDGE_BIG_ALLOC);
	judge(big && big[JUDGE_BIG_ALLOC - 1] == 7, "malloc of 8 MiB (mmap)");
	free(big);
	char *small = malloc(100);
	judge(small != NULL, "malloc (brk)");
	free(small);
	struct utsname u;
	judge(uname(&u) == 0 && strcmp(u.sysname, "Aegis") == 0, "uname");
	pid_t child = fork();
	if (child == 0)
		_exit(JUDGE_CHILD_CODE);
	int status = 0;
	judge(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		      WEXITSTATUS(status) == JUDGE_CHILD_CODE,
	      "fork and waitpid");
	int fds[2];
	char byte = 0;
	judge(pipe(fds) == 0 && write(fds[1], "z", 1) == 1 && read(fds[0], &byte, 1) == 1 && byte == 'z', "pipe");
	FILE *f = fopen("/etc/initrd-release", "r");
	char line[64] = "";
	judge(f && fgets(line, sizeof(line), f) && strncmp(line, "NAME=", 5) == 0, "fopen and fgets");
	if (f)
		fclose(f);
	char cwd[64];
	judge(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0, "getcwd");
	struct timespec a, b, nap = { 0, 10000000 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&nap, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	judge((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= nap.tv_nsec, "nanosleep");
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	judge(got_usr1 == SIGUSR1, "signal handler");
	printf("glibc-judge: %d failed\n", failures);
	return failures ? 1 : 0;
}
