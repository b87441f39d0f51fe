/*
 * procbench: what the process machinery costs, per operation
 * (spec/processes.md, "Figures", PROC-120..).
 *
 * Run as PID 1 (kernel command line "init=/bin/procbench test=init") it
 * times four operations with CLOCK_MONOTONIC, each over a fixed number of
 * iterations after a warm-up of a tenth of them:
 *
 *   getpid            one system-call round trip
 *   fork_exit_wait    fork, the child exits 0, the parent waits for it
 *   fork_execve_wait  fork, the child execs this program as "procbench exit"
 *                     (a static program that exits 0 at once), wait
 *   pipe_pingpong     one byte to a forked child and back, per round trip
 *
 * and prints
 *
 *   procbench: build qemu, clock monotonic, exec /bin/procbench exit
 *   bench: getpid 200000 iterations, 812 ns/op
 *   ...
 *   procbench: done in 5123 ms
 *
 * exiting 0, or 1 when any call failed ("bench: NAME FAILED: what (result
 * R)" instead of that figure).  In the sim the programs are host processes
 * and the clock is virtual time, which stands still while they run: the
 * figures read 0 there and the counts are small; the lines are the same.
 */
#ifndef AEGIS_PROCBENCH_H
#define AEGIS_PROCBENCH_H

#include <stdbool.h>
#include <stdint.h>

/* The argument that makes procbench exit 0 at once: the exec target. */
#define PB_EXIT_ARG "exit"

/* Iterations per operation (the build picks one set: main.c). */
typedef struct pb_counts {
	unsigned getpid;
	unsigned fork;
	unsigned exec;
	unsigned pipe;
} pb_counts_t;

/* What an operation needs to know beyond its count. */
typedef struct pb_env {
	const char *self;   /* this program's path, the exec target */
	char **envp;        /* the environment the exec target gets */
} pb_env_t;

/*
 * One operation: runs its own warm-up, then n timed iterations, and stores
 * the elapsed nanoseconds of the timed part.  Returns false after printing
 * a FAILED line (pb_fail) when a call went wrong.
 */
typedef bool (*pb_op_fn)(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns);

/* pb_time.c: the clock and the report lines. */
uint64_t pb_now_ns(void);
unsigned pb_warmup_of(unsigned n);
void pb_report(const char *name, unsigned n, uint64_t elapsed_ns);
void pb_fail(const char *name, const char *what, long result);

/* pb_proc.c: the system-call, fork and exec operations. */
bool pb_op_getpid(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns);
bool pb_op_fork_exit_wait(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns);
bool pb_op_fork_execve_wait(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns);

/* pb_pipe.c: the pipe ping-pong. */
bool pb_op_pipe_pingpong(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns);

#endif
