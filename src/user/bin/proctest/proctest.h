/*
 * proctest: the process conformance program (spec/processes.md).
 *
 * Run as PID 1 (kernel command line "init=/bin/proctest test=init") it checks
 * fork, exec, wait, exit statuses, zombies, orphans, copy-on-write
 * isolation, signals, bad pointers and malformed programs, printing one line
 * per check ("ok - ID text", "not ok - ID text: detail", "skip - ID text:
 * why") and a summary, and exits 0 only when nothing failed.  The same source
 * runs in QEMU (musl) and in the sim (host build); checks that need what one
 * build lacks say so as a skip.  Run with arguments it is a helper the checks
 * exec ("proctest exit N", "proctest env NAME VALUE", ...).
 */
#ifndef AEGIS_PROCTEST_H
#define AEGIS_PROCTEST_H

#include <stdbool.h>

/* The groups of checks (one file each). */
void pt_run_life(void);    /* pt_life.c: fork, exit, wait, zombies, orphans, exec */
void pt_run_memory(void);  /* pt_memory.c: copy-on-write, brk/mmap where paged */
void pt_run_signals(void); /* pt_signals.c: kill, default actions, masks */
void pt_run_faults(void);  /* pt_faults.c: EFAULT, ENOEXEC, ENOSYS */
void pt_run_misc(void);    /* pt_misc.c: uname, clocks, getrandom, identity */
void pt_run_procfs(void);   /* pt_procfs.c: /proc/<pid>, memfd, epoll_pwait, /etc/shadow (FS-063, FS-088, FS-111, FS-130) */
void pt_run_writable(void); /* pt_writable.c: changing the namespace (spec/filesystems.md FS-020..) */
void pt_run_files(void);   /* pt_files.c: the namespace and the file calls (spec/filesystems.md) */
void pt_run_futex(void);   /* pt_futex.c: futex wait/wake, timeouts, bad input */
void pt_run_sysinfo(void); /* pt_sysinfo.c: sysinfo, the leak check */

/* Helper modes when run with arguments (pt_helper.c): the exit status says the result. */
int pt_helper_main(int argc, char **argv, char **envp);

/* Fork a child that runs fn and exits with its return value; the child's wait status or -errno. */
int pt_fork_run(int (*fn)(void *ctx), void *ctx);

/*
 * Whether the kernel pages this program's memory (QEMU), or the program is a
 * sanitized host process (sim: brk answers ENOSYS, and ASan owns SIGSEGV).
 */
bool pt_user_paged(void);

/* This program's path (argv[0] of PID 1). */
extern const char *pt_self;

#endif
