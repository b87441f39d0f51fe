/*
 * The system-call table and dispatch (see syscall.h).
 */
#include "syscall/syscall.h"

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "syscall/handlers.h"

static const syscall_fn_t syscall_table[SYSCALL_TABLE_SIZE] = {
	[SYS_read] = syscall_read,
	[SYS_write] = syscall_write,
	[SYS_close] = syscall_close,
	[SYS_readv] = syscall_readv,
	[SYS_writev] = syscall_writev,
	[SYS_pipe] = syscall_pipe,
	[SYS_pipe2] = syscall_pipe2,
	[SYS_dup] = syscall_dup,
	[SYS_dup2] = syscall_dup2,
	[SYS_dup3] = syscall_dup3,
	[SYS_mmap] = syscall_mmap,
	[SYS_mprotect] = syscall_mprotect,
	[SYS_munmap] = syscall_munmap,
	[SYS_brk] = syscall_brk,
	[SYS_rt_sigaction] = syscall_rt_sigaction,
	[SYS_rt_sigprocmask] = syscall_rt_sigprocmask,
	[SYS_rt_sigreturn] = syscall_rt_sigreturn,
	[SYS_kill] = syscall_kill,
	[SYS_tkill] = syscall_tkill,
	[SYS_tgkill] = syscall_tgkill,
	[SYS_rt_sigsuspend] = syscall_rt_sigsuspend,
	[SYS_poll] = syscall_poll,
	[SYS_ppoll] = syscall_ppoll,
	[SYS_select] = syscall_select,
	[SYS_pselect6] = syscall_pselect6,
	[SYS_pause] = syscall_pause,
	[SYS_rt_sigpending] = syscall_rt_sigpending,
	[SYS_sigaltstack] = syscall_sigaltstack,
	[SYS_sched_yield] = syscall_sched_yield,
	[SYS_nanosleep] = syscall_nanosleep,
	[SYS_getpid] = syscall_getpid,
	[SYS_clone] = syscall_clone,
	[SYS_fork] = syscall_fork,
	[SYS_vfork] = syscall_vfork,
	[SYS_execve] = syscall_execve,
	[SYS_exit] = syscall_exit,
	[SYS_wait4] = syscall_wait4,
	[SYS_uname] = syscall_uname,
	[SYS_getuid] = syscall_getuid,
	[SYS_getgid] = syscall_getgid,
	[SYS_geteuid] = syscall_geteuid,
	[SYS_getegid] = syscall_getegid,
	[SYS_setpgid] = syscall_setpgid,
	[SYS_getppid] = syscall_getppid,
	[SYS_getpgrp] = syscall_getpgrp,
	[SYS_setsid] = syscall_setsid,
	[SYS_getpgid] = syscall_getpgid,
	[SYS_getsid] = syscall_getsid,
	[SYS_arch_prctl] = syscall_arch_prctl,
	[SYS_gettid] = syscall_gettid,
	[SYS_set_tid_address] = syscall_set_tid_address,
	[SYS_exit_group] = syscall_exit_group,
	[SYS_set_robust_list] = syscall_set_robust_list,
	[SYS_gettimeofday] = syscall_gettimeofday,
	[SYS_clock_gettime] = syscall_clock_gettime,
	[SYS_clock_getres] = syscall_clock_getres,
	[SYS_clock_nanosleep] = syscall_clock_nanosleep,
	[SYS_getrandom] = syscall_getrandom,
	[SYS_open] = syscall_open,
	[SYS_openat] = syscall_openat,
	[SYS_lseek] = syscall_lseek,
	[SYS_pread64] = syscall_pread64,
	[SYS_fstat] = syscall_fstat,
	[SYS_stat] = syscall_stat,
	[SYS_lstat] = syscall_lstat,
	[SYS_newfstatat] = syscall_newfstatat,
	[SYS_getdents64] = syscall_getdents64,
	[SYS_fcntl] = syscall_fcntl,
	[SYS_ioctl] = syscall_ioctl,
	[SYS_umask] = syscall_umask,
	[SYS_mkdir] = syscall_mkdir,
	[SYS_mkdirat] = syscall_mkdirat,
	[SYS_rmdir] = syscall_rmdir,
	[SYS_unlink] = syscall_unlink,
	[SYS_unlinkat] = syscall_unlinkat,
	[SYS_symlink] = syscall_symlink,
	[SYS_symlinkat] = syscall_symlinkat,
	[SYS_link] = syscall_link,
	[SYS_linkat] = syscall_linkat,
	[SYS_rename] = syscall_rename,
	[SYS_renameat] = syscall_renameat,
	[SYS_renameat2] = syscall_renameat2,
	[SYS_chmod] = syscall_chmod,
	[SYS_fchmodat] = syscall_fchmodat,
	[SYS_chown] = syscall_chown,
	[SYS_lchown] = syscall_lchown,
	[SYS_fchownat] = syscall_fchownat,
	[SYS_fchmod] = syscall_fchmod,
	[SYS_fchown] = syscall_fchown,
	[SYS_truncate] = syscall_truncate,
	[SYS_ftruncate] = syscall_ftruncate,
	[SYS_sync] = syscall_sync,
	[SYS_fsync] = syscall_fsync,
	[SYS_fdatasync] = syscall_fdatasync,
	[SYS_getcwd] = syscall_getcwd,
	[SYS_chdir] = syscall_chdir,
	[SYS_fchdir] = syscall_fchdir,
	[SYS_readlink] = syscall_readlink,
	[SYS_readlinkat] = syscall_readlinkat,
	[SYS_access] = syscall_access,
	[SYS_faccessat] = syscall_faccessat,
	[SYS_futex] = syscall_futex,
	[SYS_sysinfo] = syscall_sysinfo,
};

syscall_fn_t syscall_lookup(uint64_t nr)
{
	return nr < SYSCALL_TABLE_SIZE ? syscall_table[nr] : NULL;
}

int64_t syscall_dispatch(process_t *p, uint64_t nr, const syscall_args_t *args)
{
	syscall_fn_t fn = syscall_lookup(nr);
	if (!fn)
		return -ENOSYS;
	return fn(p, args);
}
