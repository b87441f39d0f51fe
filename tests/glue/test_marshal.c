/*
 * GLUE-001, GLUE-002, GLUE-003: the sys_* functions hand the kernel exactly
 * what they were given.  This test defines glue_syscall6 itself, so the
 * linker takes this fake transport instead of libuser.a's channel to
 * aegis-sim; the fake records the number and the six arguments and returns
 * what the test chose.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "glue/glue.h"
#include "glue/glue_call.h"

/* What the fake transport saw last, and how often it was called. */
static struct {
	long nr;
	long args[6];
	int calls;
} seen;
static long fake_ret;

/* sys_exit tests: after this many calls to an exit number the fake jumps out. */
#define EXIT_ATTEMPTS 3
static jmp_buf exit_escape;
static int escape_armed;

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	seen.nr = nr;
	seen.args[0] = a1;
	seen.args[1] = a2;
	seen.args[2] = a3;
	seen.args[3] = a4;
	seen.args[4] = a5;
	seen.args[5] = a6;
	seen.calls++;
	if (escape_armed && seen.calls >= EXIT_ATTEMPTS)
		longjmp(exit_escape, 1);
	return fake_ret;
}

static _Alignas(16) char mem[8][16];
#define P(i) ((long)(uintptr_t)&mem[i])
/* A 64-bit value that would be cut by any 32-bit step on the way. */
#define BIG(i) ((int64_t)0x123456789aLL + (i))

#define CHECK(call, NR, A1, A2, A3, A4, A5, A6)                                         \
	do {                                                                             \
		seen.calls = 0;                                                          \
		fake_ret = 0x7000 + (NR);                                                \
		long r_ = (call);                                                        \
		const long want_[6] = {(long)(A1), (long)(A2), (long)(A3),               \
		                       (long)(A4), (long)(A5), (long)(A6)};              \
		assert_int_equal(seen.calls, 1);                                         \
		assert_int_equal(seen.nr, (NR));                                         \
		for (int i_ = 0; i_ < 6; i_++)                                           \
			assert_int_equal(seen.args[i_], want_[i_]);                      \
		assert_int_equal(r_, 0x7000 + (NR));                                     \
	} while (0)

/* GLUE-001: each function uses its own number and passes every argument in order, unused ones 0. */
static void test_glue_001_every_call_marshals_its_arguments(void **state)
{
	(void)state;
	/* glue_file.c */
	CHECK(sys_read(11, (void *)&mem[1], 33), SYS_read, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_write(11, (const void *)(void *)&mem[1], 33), SYS_write, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_open((const char *)(void *)&mem[0], 22, 33), SYS_open, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_openat(11, (const char *)(void *)&mem[1], 33, 44), SYS_openat, 11, P(1), 33, 44, 0, 0);
	CHECK(sys_close(11), SYS_close, 11, 0, 0, 0, 0, 0);
	CHECK(sys_lseek(11, BIG(1), 33), SYS_lseek, 11, BIG(1), 33, 0, 0, 0);
	CHECK(sys_pread64(11, (void *)&mem[1], 33, BIG(3)), SYS_pread64, 11, P(1), 33, BIG(3), 0, 0);
	CHECK(sys_pwrite64(11, (const void *)(void *)&mem[1], 33, BIG(3)), SYS_pwrite64, 11, P(1), 33, BIG(3), 0, 0);
	CHECK(sys_readv(11, (const aegis_iovec_t *)(void *)&mem[1], 33), SYS_readv, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_writev(11, (const aegis_iovec_t *)(void *)&mem[1], 33), SYS_writev, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_ioctl(11, 22, 33), SYS_ioctl, 11, 22, 33, 0, 0, 0);
	CHECK(sys_fcntl(11, 22, 33), SYS_fcntl, 11, 22, 33, 0, 0, 0);
	CHECK(sys_dup(11), SYS_dup, 11, 0, 0, 0, 0, 0);
	CHECK(sys_dup2(11, 22), SYS_dup2, 11, 22, 0, 0, 0, 0);
	CHECK(sys_dup3(11, 22, 33), SYS_dup3, 11, 22, 33, 0, 0, 0);
	CHECK(sys_pipe((int *)(void *)&mem[0]), SYS_pipe, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_pipe2((int *)(void *)&mem[0], 22), SYS_pipe2, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_fsync(11), SYS_fsync, 11, 0, 0, 0, 0, 0);
	CHECK(sys_fdatasync(11), SYS_fdatasync, 11, 0, 0, 0, 0, 0);
	CHECK(sys_truncate((const char *)(void *)&mem[0], BIG(1)), SYS_truncate, P(0), BIG(1), 0, 0, 0, 0);
	CHECK(sys_ftruncate(11, BIG(1)), SYS_ftruncate, 11, BIG(1), 0, 0, 0, 0);
	CHECK(sys_sync(), SYS_sync, 0, 0, 0, 0, 0, 0);
	CHECK(sys_memfd_create((const char *)(void *)&mem[0], 22), SYS_memfd_create, P(0), 22, 0, 0, 0, 0);
	/* glue_path.c */
	CHECK(sys_stat((const char *)(void *)&mem[0], (aegis_stat_t *)(void *)&mem[1]), SYS_stat, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_lstat((const char *)(void *)&mem[0], (aegis_stat_t *)(void *)&mem[1]), SYS_lstat, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_fstat(11, (aegis_stat_t *)(void *)&mem[1]), SYS_fstat, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_newfstatat(11, (const char *)(void *)&mem[1], (aegis_stat_t *)(void *)&mem[2], 44), SYS_newfstatat, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_utimensat(11, (const char *)(void *)&mem[1], (const aegis_timespec_t *)(void *)&mem[2], 44), SYS_utimensat, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_statfs((const char *)(void *)&mem[1], (aegis_statfs_t *)(void *)&mem[2]), SYS_statfs, P(1), P(2), 0, 0, 0, 0);
	CHECK(sys_fstatfs(11, (aegis_statfs_t *)(void *)&mem[2]), SYS_fstatfs, 11, P(2), 0, 0, 0, 0);
	CHECK(sys_access((const char *)(void *)&mem[0], 22), SYS_access, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_faccessat(11, (const char *)(void *)&mem[1], 33), SYS_faccessat, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_getcwd((char *)(void *)&mem[0], 22), SYS_getcwd, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_chdir((const char *)(void *)&mem[0]), SYS_chdir, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_fchdir(11), SYS_fchdir, 11, 0, 0, 0, 0, 0);
	CHECK(sys_rename((const char *)(void *)&mem[0], (const char *)(void *)&mem[1]), SYS_rename, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_renameat(11, (const char *)(void *)&mem[1], 33, (const char *)(void *)&mem[3]), SYS_renameat, 11, P(1), 33, P(3), 0, 0);
	CHECK(sys_renameat2(11, (const char *)(void *)&mem[1], 33, (const char *)(void *)&mem[3], 55), SYS_renameat2, 11, P(1), 33, P(3), 55, 0);
	CHECK(sys_linkat(11, (const char *)(void *)&mem[1], 33, (const char *)(void *)&mem[3], 55), SYS_linkat, 11, P(1), 33, P(3), 55, 0);
	CHECK(sys_mkdir((const char *)(void *)&mem[0], 22), SYS_mkdir, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_mkdirat(11, (const char *)(void *)&mem[1], 33), SYS_mkdirat, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_mknod((const char *)(void *)&mem[0], 010644, 5), SYS_mknod, P(0), 010644, 5, 0, 0, 0);
	CHECK(sys_mknodat(11, (const char *)(void *)&mem[1], 010600, 6), SYS_mknodat, 11, P(1), 010600, 6, 0, 0);
	CHECK(sys_rmdir((const char *)(void *)&mem[0]), SYS_rmdir, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_link((const char *)(void *)&mem[0], (const char *)(void *)&mem[1]), SYS_link, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_unlink((const char *)(void *)&mem[0]), SYS_unlink, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_unlinkat(11, (const char *)(void *)&mem[1], 33), SYS_unlinkat, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_symlink((const char *)(void *)&mem[0], (const char *)(void *)&mem[1]), SYS_symlink, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_symlinkat((const char *)(void *)&mem[0], 22, (const char *)(void *)&mem[2]), SYS_symlinkat, P(0), 22, P(2), 0, 0, 0);
	CHECK(sys_readlink((const char *)(void *)&mem[0], (char *)(void *)&mem[1], 33), SYS_readlink, P(0), P(1), 33, 0, 0, 0);
	CHECK(sys_readlinkat(11, (const char *)(void *)&mem[1], (char *)(void *)&mem[2], 44), SYS_readlinkat, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_chmod((const char *)(void *)&mem[0], 22), SYS_chmod, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_fchmod(11, 22), SYS_fchmod, 11, 22, 0, 0, 0, 0);
	CHECK(sys_fchmodat(11, (const char *)(void *)&mem[1], 33), SYS_fchmodat, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_chown((const char *)(void *)&mem[0], 22, 33), SYS_chown, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_fchown(11, 22, 33), SYS_fchown, 11, 22, 33, 0, 0, 0);
	CHECK(sys_lchown((const char *)(void *)&mem[0], 22, 33), SYS_lchown, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_fchownat(11, (const char *)(void *)&mem[1], 33, 44, 55), SYS_fchownat, 11, P(1), 33, 44, 55, 0);
	CHECK(sys_umask(11), SYS_umask, 11, 0, 0, 0, 0, 0);
	CHECK(sys_getdents64(11, (void *)&mem[1], 33), SYS_getdents64, 11, P(1), 33, 0, 0, 0);
	/* glue_poll.c */
	CHECK(sys_poll((aegis_pollfd_t *)(void *)&mem[0], 22, 33), SYS_poll, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_ppoll((aegis_pollfd_t *)(void *)&mem[0], 22, (const aegis_timespec_t *)(void *)&mem[2], (const aegis_sigset_t *)(void *)&mem[3], 55), SYS_ppoll, P(0), 22, P(2), P(3), 55, 0);
	CHECK(sys_select(11, (void *)&mem[1], (void *)(void *)&mem[2], (void *)(void *)&mem[3], (aegis_timeval_t *)(void *)&mem[4]), SYS_select, 11, P(1), P(2), P(3), P(4), 0);
	CHECK(sys_pselect6(11, (void *)&mem[1], (void *)(void *)&mem[2], (void *)(void *)&mem[3], (const aegis_timespec_t *)(void *)&mem[4], (const void *)(void *)&mem[5]), SYS_pselect6, 11, P(1), P(2), P(3), P(4), P(5));
	CHECK(sys_epoll_create1(11), SYS_epoll_create1, 11, 0, 0, 0, 0, 0);
	CHECK(sys_epoll_ctl(11, 22, 33, (aegis_epoll_event_t *)(void *)&mem[3]), SYS_epoll_ctl, 11, 22, 33, P(3), 0, 0);
	CHECK(sys_epoll_wait(11, (aegis_epoll_event_t *)(void *)&mem[1], 33, 44), SYS_epoll_wait, 11, P(1), 33, 44, 0, 0);
	CHECK(sys_epoll_pwait(11, (aegis_epoll_event_t *)(void *)&mem[1], 33, 44, (const aegis_sigset_t *)(void *)&mem[2], 8),
	      SYS_epoll_pwait, 11, P(1), 33, 44, P(2), 8);
	/* glue_mem.c */
	CHECK(sys_mmap((void *)&mem[0], 22, 33, 44, 55, BIG(5)), SYS_mmap, P(0), 22, 33, 44, 55, BIG(5));
	CHECK(sys_munmap((void *)&mem[0], 22), SYS_munmap, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_mprotect((void *)&mem[0], 22, 33), SYS_mprotect, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_brk((void *)&mem[0]), SYS_brk, P(0), 0, 0, 0, 0, 0);
	/* glue_signal.c */
	CHECK(sys_rt_sigaction(11, (const aegis_sigaction_t *)(void *)&mem[1], (aegis_sigaction_t *)(void *)&mem[2], 44), SYS_rt_sigaction, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_rt_sigprocmask(11, (const aegis_sigset_t *)(void *)&mem[1], (aegis_sigset_t *)(void *)&mem[2], 44), SYS_rt_sigprocmask, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_rt_sigreturn(), SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
	CHECK(sys_rt_sigsuspend((const aegis_sigset_t *)(void *)&mem[0], 22), SYS_rt_sigsuspend, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_sigaltstack((const aegis_stack_t *)(void *)&mem[0], (aegis_stack_t *)(void *)&mem[1]), SYS_sigaltstack, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_kill(11, 22), SYS_kill, 11, 22, 0, 0, 0, 0);
	CHECK(sys_tgkill(11, 22, 33), SYS_tgkill, 11, 22, 33, 0, 0, 0);
	CHECK(sys_tkill(11, 22), SYS_tkill, 11, 22, 0, 0, 0, 0);
	CHECK(sys_rt_sigpending((aegis_sigset_t *)(void *)&mem[1], 8), SYS_rt_sigpending, P(1), 8, 0, 0, 0, 0);
	CHECK(sys_pause(), SYS_pause, 0, 0, 0, 0, 0, 0);
	/* glue_proc.c */
	CHECK(sys_fork(), SYS_fork, 0, 0, 0, 0, 0, 0);
	CHECK(sys_clone(11, (void *)&mem[1], (int *)(void *)&mem[2], (int *)(void *)&mem[3], 55), SYS_clone, 11, P(1), P(2), P(3), 55, 0);
	CHECK(sys_execve((const char *)(void *)&mem[0], (char *const *)(void *)&mem[1], (char *const *)(void *)&mem[2]), SYS_execve, P(0), P(1), P(2), 0, 0, 0);
	CHECK(sys_wait4(11, (int *)(void *)&mem[1], 33, (aegis_rusage_t *)(void *)&mem[3]), SYS_wait4, 11, P(1), 33, P(3), 0, 0);
	CHECK(sys_getpid(), SYS_getpid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_getppid(), SYS_getppid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_gettid(), SYS_gettid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_sched_yield(), SYS_sched_yield, 0, 0, 0, 0, 0, 0);
	CHECK(sys_set_tid_address((int *)(void *)&mem[0]), SYS_set_tid_address, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_set_robust_list((void *)&mem[0], 22), SYS_set_robust_list, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_futex((uint32_t *)(void *)&mem[0], 22, 33, (const aegis_timespec_t *)(void *)&mem[3], (uint32_t *)(void *)&mem[4], 66), SYS_futex, P(0), 22, 33, P(3), P(4), 66);
	CHECK(sys_arch_prctl(11, 22), SYS_arch_prctl, 11, 22, 0, 0, 0, 0);
	CHECK(sys_setpgid(11, 22), SYS_setpgid, 11, 22, 0, 0, 0, 0);
	CHECK(sys_getpgrp(), SYS_getpgrp, 0, 0, 0, 0, 0, 0);
	CHECK(sys_getpgid(11), SYS_getpgid, 11, 0, 0, 0, 0, 0);
	CHECK(sys_setsid(), SYS_setsid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_getsid(11), SYS_getsid, 11, 0, 0, 0, 0, 0);
	CHECK(sys_getrlimit(11, (aegis_rlimit_t *)(void *)&mem[1]), SYS_getrlimit, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_setrlimit(11, (const aegis_rlimit_t *)(void *)&mem[1]), SYS_setrlimit, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_prlimit64(11, 22, (const aegis_rlimit_t *)(void *)&mem[2], (aegis_rlimit_t *)(void *)&mem[3]), SYS_prlimit64, 11, 22, P(2), P(3), 0, 0);
	/* glue_id.c */
	CHECK(sys_getuid(), SYS_getuid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_geteuid(), SYS_geteuid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_getgid(), SYS_getgid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_getegid(), SYS_getegid, 0, 0, 0, 0, 0, 0);
	CHECK(sys_setuid(11), SYS_setuid, 11, 0, 0, 0, 0, 0);
	CHECK(sys_setgid(11), SYS_setgid, 11, 0, 0, 0, 0, 0);
	CHECK(sys_setreuid(11, 22), SYS_setreuid, 11, 22, 0, 0, 0, 0);
	CHECK(sys_setregid(11, 22), SYS_setregid, 11, 22, 0, 0, 0, 0);
	CHECK(sys_setresuid(11, 22, 33), SYS_setresuid, 11, 22, 33, 0, 0, 0);
	CHECK(sys_setresgid(11, 22, 33), SYS_setresgid, 11, 22, 33, 0, 0, 0);
	CHECK(sys_getresuid((uint32_t *)(void *)&mem[0], (uint32_t *)(void *)&mem[1], (uint32_t *)(void *)&mem[2]), SYS_getresuid, P(0), P(1), P(2), 0, 0, 0);
	CHECK(sys_getresgid((uint32_t *)(void *)&mem[0], (uint32_t *)(void *)&mem[1], (uint32_t *)(void *)&mem[2]), SYS_getresgid, P(0), P(1), P(2), 0, 0, 0);
	CHECK(sys_getgroups(11, (uint32_t *)(void *)&mem[1]), SYS_getgroups, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_setgroups(11, (const uint32_t *)(void *)&mem[1]), SYS_setgroups, 11, P(1), 0, 0, 0, 0);
	/* glue_time.c */
	CHECK(sys_clock_gettime(11, (aegis_timespec_t *)(void *)&mem[1]), SYS_clock_gettime, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_clock_settime(11, (const aegis_timespec_t *)(void *)&mem[1]), SYS_clock_settime, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_clock_getres(11, (aegis_timespec_t *)(void *)&mem[1]), SYS_clock_getres, 11, P(1), 0, 0, 0, 0);
	CHECK(sys_clock_nanosleep(11, 22, (const aegis_timespec_t *)(void *)&mem[2], (aegis_timespec_t *)(void *)&mem[3]), SYS_clock_nanosleep, 11, 22, P(2), P(3), 0, 0);
	CHECK(sys_nanosleep((const aegis_timespec_t *)(void *)&mem[0], (aegis_timespec_t *)(void *)&mem[1]), SYS_nanosleep, P(0), P(1), 0, 0, 0, 0);
	CHECK(sys_gettimeofday((aegis_timeval_t *)(void *)&mem[0], (void *)&mem[1]), SYS_gettimeofday, P(0), P(1), 0, 0, 0, 0);
	/* glue_sys.c */
	CHECK(sys_uname((aegis_utsname_t *)(void *)&mem[0]), SYS_uname, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_sethostname((const char *)(void *)&mem[0], 22), SYS_sethostname, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_getrandom((void *)&mem[0], 22, 33), SYS_getrandom, P(0), 22, 33, 0, 0, 0);
	CHECK(sys_sysinfo((aegis_sysinfo_t *)(void *)&mem[0]), SYS_sysinfo, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_reboot(11, 22, 33, (void *)&mem[3]), SYS_reboot, 11, 22, 33, P(3), 0, 0);
	/* glue_net.c */
	CHECK(sys_socket(11, 22, 33), SYS_socket, 11, 22, 33, 0, 0, 0);
	CHECK(sys_socketpair(11, 22, 33, (int *)(void *)&mem[3]), SYS_socketpair, 11, 22, 33, P(3), 0, 0);
	CHECK(sys_bind(11, (const void *)(void *)&mem[1], 33), SYS_bind, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_listen(11, 22), SYS_listen, 11, 22, 0, 0, 0, 0);
	CHECK(sys_accept(11, (void *)&mem[1], (aegis_socklen_t *)(void *)&mem[2]), SYS_accept, 11, P(1), P(2), 0, 0, 0);
	CHECK(sys_accept4(11, (void *)&mem[1], (aegis_socklen_t *)(void *)&mem[2], 44), SYS_accept4, 11, P(1), P(2), 44, 0, 0);
	CHECK(sys_connect(11, (const void *)(void *)&mem[1], 33), SYS_connect, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_shutdown(11, 22), SYS_shutdown, 11, 22, 0, 0, 0, 0);
	CHECK(sys_sendto(11, (const void *)(void *)&mem[1], 33, 44, (const void *)(void *)&mem[4], 66), SYS_sendto, 11, P(1), 33, 44, P(4), 66);
	CHECK(sys_recvfrom(11, (void *)&mem[1], 33, 44, (void *)(void *)&mem[4], (aegis_socklen_t *)(void *)&mem[5]), SYS_recvfrom, 11, P(1), 33, 44, P(4), P(5));
	CHECK(sys_sendmsg(11, (const aegis_msghdr_t *)(void *)&mem[1], 33), SYS_sendmsg, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_recvmsg(11, (aegis_msghdr_t *)(void *)&mem[1], 33), SYS_recvmsg, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_getsockname(11, (void *)&mem[1], (aegis_socklen_t *)(void *)&mem[2]), SYS_getsockname, 11, P(1), P(2), 0, 0, 0);
	CHECK(sys_getpeername(11, (void *)&mem[1], (aegis_socklen_t *)(void *)&mem[2]), SYS_getpeername, 11, P(1), P(2), 0, 0, 0);
	CHECK(sys_setsockopt(11, 22, 33, (const void *)(void *)&mem[3], 55), SYS_setsockopt, 11, 22, 33, P(3), 55, 0);
	CHECK(sys_getsockopt(11, 22, 33, (void *)&mem[3], (aegis_socklen_t *)(void *)&mem[4]), SYS_getsockopt, 11, 22, 33, P(3), P(4), 0);
	/* glue_aegis.c */
	CHECK(sys_setfg(11), SYS_setfg, 11, 0, 0, 0, 0, 0);
	CHECK(sys_cap_grant_exec(11, 22), SYS_cap_grant_exec, 11, 22, 0, 0, 0, 0);
	CHECK(sys_cap_query(11, (cap_slot_t *)(void *)&mem[1], 33), SYS_cap_query, 11, P(1), 33, 0, 0, 0);
	CHECK(sys_cap_grant_runtime(11, 22, 33), SYS_cap_grant_runtime, 11, 22, 33, 0, 0, 0);
	CHECK(sys_auth_session(), SYS_auth_session, 0, 0, 0, 0, 0, 0);
	CHECK(sys_cap_drop(11, 22), SYS_cap_drop, 11, 22, 0, 0, 0, 0);
	CHECK(sys_netcfg(11, 22, 33, 44), SYS_netcfg, 11, 22, 33, 44, 0, 0);
	CHECK(sys_blkdev_list((aegis_blkdev_entry_t *)(void *)&mem[0], 22), SYS_blkdev_list, P(0), 22, 0, 0, 0, 0);
	CHECK(sys_blkdev_io((const char *)(void *)&mem[0], BIG(1), 33, (void *)&mem[3], 55), SYS_blkdev_io, P(0), BIG(1), 33, P(3), 55, 0);
	CHECK(sys_gpt_rescan((const char *)(void *)&mem[0]), SYS_gpt_rescan, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_fb_map((aegis_fb_info_t *)(void *)&mem[0]), SYS_fb_map, P(0), 0, 0, 0, 0, 0);
	CHECK(sys_spawn((const char *)(void *)&mem[0], (char *const *)(void *)&mem[1], (char *const *)(void *)&mem[2], 44, (const cap_slot_t *)(void *)&mem[4]), SYS_spawn, P(0), P(1), P(2), 44, P(4), 0);
}

/* GLUE-002: negative results are the kernel's -errno, passed through unchanged. */
static void test_glue_002_errors_come_back_as_negative_errno(void **state)
{
	(void)state;
	static const long errors[] = {-EPERM, -ENOENT, -EFAULT, -ENOSYS, -ENOCAP};
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		fake_ret = errors[i];
		assert_int_equal(sys_getpid(), errors[i]);
		assert_int_equal(sys_close(-1), errors[i]);
		assert_int_equal(sys_mmap(NULL, 4096, 3, 0x22, -1, 0), errors[i]);
	}
}

/* GLUE-002: signed values keep their sign, 32-bit unsigned ones their value, 64-bit ones all bits. */
static void test_glue_002_argument_widths(void **state)
{
	(void)state;
	fake_ret = 0;
	sys_openat(GLUE_AT_FDCWD, NULL, 0, 0);
	assert_int_equal(seen.args[0], -100);
	assert_int_equal(seen.args[1], 0);
	sys_kill(-1, 9);
	assert_int_equal(seen.args[0], -1);
	sys_chown(NULL, UINT32_MAX, UINT32_MAX);
	assert_int_equal(seen.args[1], (long)UINT32_MAX);
	assert_int_equal(seen.args[2], (long)UINT32_MAX);
	sys_lseek(3, -5, 2);
	assert_int_equal(seen.args[1], -5);
	sys_pread64(3, NULL, SIZE_MAX, INT64_MAX);
	assert_int_equal(seen.args[2], (long)SIZE_MAX);
	assert_int_equal(seen.args[3], INT64_MAX);
	sys_reboot(AEGIS_REBOOT_MAGIC1, AEGIS_REBOOT_MAGIC2, AEGIS_REBOOT_CMD_POWER_OFF, NULL);
	assert_int_equal(seen.nr, SYS_reboot);
	assert_int_equal(seen.args[0], (long)AEGIS_REBOOT_MAGIC1);
	assert_int_equal(seen.args[2], (long)AEGIS_REBOOT_CMD_POWER_OFF);
}

/* GLUE-003: sys_exit and sys_exit_group call again whenever the kernel returns. */
static void test_glue_003_exit_never_returns(void **state)
{
	(void)state;
	static const long numbers[] = {SYS_exit, SYS_exit_group};
	for (volatile int k = 0; k < 2; k++) {
		seen.calls = 0;
		fake_ret = -EINVAL;
		escape_armed = 1;
		if (setjmp(exit_escape) == 0) {
			if (k == 0)
				sys_exit(7);
			else
				sys_exit_group(7);
		}
		escape_armed = 0;
		assert_int_equal(seen.calls, EXIT_ATTEMPTS);
		assert_int_equal(seen.nr, numbers[k]);
		assert_int_equal(seen.args[0], 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glue_001_every_call_marshals_its_arguments),
		cmocka_unit_test(test_glue_002_errors_come_back_as_negative_errno),
		cmocka_unit_test(test_glue_002_argument_widths),
		cmocka_unit_test(test_glue_003_exit_never_returns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
