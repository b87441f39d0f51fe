/*
 * Every system-call handler (syscall_<name>; the glue's sys_<name> is the
 * userland side), by area, one file each (sys_<area>.c).  The table in
 * syscall.c maps numbers to these.
 */
#ifndef AEGIS_KERNEL_SYSCALL_HANDLERS_H
#define AEGIS_KERNEL_SYSCALL_HANDLERS_H

#include "syscall/syscall.h"

#define SYSCALL_HANDLER(name) int64_t syscall_##name(process_t *p, const syscall_args_t *args)

/* sys_proc.c: identity of the process, exit */
SYSCALL_HANDLER(getpid);
SYSCALL_HANDLER(getppid);
SYSCALL_HANDLER(gettid);
SYSCALL_HANDLER(set_tid_address);
SYSCALL_HANDLER(set_robust_list);
SYSCALL_HANDLER(exit);
SYSCALL_HANDLER(exit_group);
SYSCALL_HANDLER(sched_yield);
SYSCALL_HANDLER(arch_prctl);
SYSCALL_HANDLER(uname);
SYSCALL_HANDLER(sethostname);
SYSCALL_HANDLER(getpgrp);
SYSCALL_HANDLER(getpgid);
SYSCALL_HANDLER(setpgid);
SYSCALL_HANDLER(getsid);
SYSCALL_HANDLER(setsid);

/* sys_fork.c, sys_exec.c, sys_wait.c */
SYSCALL_HANDLER(fork);
SYSCALL_HANDLER(vfork);
SYSCALL_HANDLER(clone);
SYSCALL_HANDLER(execve);
SYSCALL_HANDLER(wait4);

/* sys_time.c */
SYSCALL_HANDLER(clock_gettime);
SYSCALL_HANDLER(clock_settime);
SYSCALL_HANDLER(clock_getres);
SYSCALL_HANDLER(gettimeofday);
SYSCALL_HANDLER(nanosleep);
SYSCALL_HANDLER(clock_nanosleep);

/* sys_random.c */
SYSCALL_HANDLER(getrandom);

/* sys_io.c: descriptors */
SYSCALL_HANDLER(read);
SYSCALL_HANDLER(write);
SYSCALL_HANDLER(readv);
SYSCALL_HANDLER(writev);
SYSCALL_HANDLER(close);
SYSCALL_HANDLER(dup);
SYSCALL_HANDLER(dup2);
SYSCALL_HANDLER(dup3);
SYSCALL_HANDLER(pipe);
SYSCALL_HANDLER(pipe2);

/* sys_socket.c, sys_sockio.c: AF_UNIX sockets (spec/unix-sockets.md) */
SYSCALL_HANDLER(socket);
SYSCALL_HANDLER(socketpair);
SYSCALL_HANDLER(bind);
SYSCALL_HANDLER(listen);
SYSCALL_HANDLER(connect);
SYSCALL_HANDLER(accept);
SYSCALL_HANDLER(accept4);
SYSCALL_HANDLER(shutdown);
SYSCALL_HANDLER(getsockname);
SYSCALL_HANDLER(getpeername);
SYSCALL_HANDLER(getsockopt);
SYSCALL_HANDLER(setsockopt);
SYSCALL_HANDLER(sendto);
SYSCALL_HANDLER(recvfrom);
SYSCALL_HANDLER(sendmsg);
SYSCALL_HANDLER(recvmsg);

/* sys_file.c: opening and inspecting files */
SYSCALL_HANDLER(open);
SYSCALL_HANDLER(openat);
SYSCALL_HANDLER(lseek);
SYSCALL_HANDLER(pread64);
SYSCALL_HANDLER(pwrite64);
SYSCALL_HANDLER(statfs);
SYSCALL_HANDLER(fstatfs);
SYSCALL_HANDLER(utimensat);
SYSCALL_HANDLER(fstat);
SYSCALL_HANDLER(stat);
SYSCALL_HANDLER(lstat);
SYSCALL_HANDLER(newfstatat);
SYSCALL_HANDLER(getdents64);
SYSCALL_HANDLER(fcntl);
SYSCALL_HANDLER(ioctl);

/* sys_path.c: names */
SYSCALL_HANDLER(umask);
SYSCALL_HANDLER(getcwd);
SYSCALL_HANDLER(chdir);
SYSCALL_HANDLER(fchdir);
SYSCALL_HANDLER(readlink);
SYSCALL_HANDLER(readlinkat);
SYSCALL_HANDLER(access);
SYSCALL_HANDLER(faccessat);

/* sys_modify.c: changes to the namespace (read-only for now) */
SYSCALL_HANDLER(mkdir);
SYSCALL_HANDLER(mkdirat);
SYSCALL_HANDLER(mknod);
SYSCALL_HANDLER(mknodat);
SYSCALL_HANDLER(rmdir);
SYSCALL_HANDLER(unlink);
SYSCALL_HANDLER(unlinkat);
SYSCALL_HANDLER(symlink);
SYSCALL_HANDLER(symlinkat);
SYSCALL_HANDLER(link);
SYSCALL_HANDLER(linkat);
SYSCALL_HANDLER(rename);
SYSCALL_HANDLER(renameat);
SYSCALL_HANDLER(renameat2);
SYSCALL_HANDLER(chmod);
SYSCALL_HANDLER(fchmodat);
SYSCALL_HANDLER(chown);
SYSCALL_HANDLER(lchown);
SYSCALL_HANDLER(fchownat);
SYSCALL_HANDLER(fchmod);
SYSCALL_HANDLER(fchown);
SYSCALL_HANDLER(truncate);
SYSCALL_HANDLER(ftruncate);
SYSCALL_HANDLER(sync);
SYSCALL_HANDLER(reboot);
SYSCALL_HANDLER(fsync);
SYSCALL_HANDLER(fdatasync);

/* sys_id.c: credentials (reading) */
SYSCALL_HANDLER(getuid);
SYSCALL_HANDLER(geteuid);
SYSCALL_HANDLER(getgid);
SYSCALL_HANDLER(getegid);

/* sys_cred.c: changing credentials */
SYSCALL_HANDLER(setuid);
SYSCALL_HANDLER(setgid);
SYSCALL_HANDLER(setreuid);
SYSCALL_HANDLER(setregid);
SYSCALL_HANDLER(setresuid);
SYSCALL_HANDLER(setresgid);
SYSCALL_HANDLER(getresuid);
SYSCALL_HANDLER(getresgid);
SYSCALL_HANDLER(setgroups);
SYSCALL_HANDLER(getgroups);

/* sys_rlimit.c: resource limits */
SYSCALL_HANDLER(getrlimit);
SYSCALL_HANDLER(setrlimit);
SYSCALL_HANDLER(prlimit64);

/* proc/proc_signal_frame.c: signals */
SYSCALL_HANDLER(rt_sigaction);
SYSCALL_HANDLER(rt_sigprocmask);
SYSCALL_HANDLER(rt_sigreturn);
SYSCALL_HANDLER(kill);
SYSCALL_HANDLER(tkill);
SYSCALL_HANDLER(tgkill);

/* sys_poll.c */
SYSCALL_HANDLER(poll);
SYSCALL_HANDLER(ppoll);

/* sys_epoll.c */
SYSCALL_HANDLER(epoll_create1);
SYSCALL_HANDLER(epoll_ctl);
SYSCALL_HANDLER(epoll_wait);
SYSCALL_HANDLER(epoll_pwait);
SYSCALL_HANDLER(memfd_create);

/* sys_select.c */
SYSCALL_HANDLER(select);
SYSCALL_HANDLER(pselect6);

/* sys_signal_wait.c */
SYSCALL_HANDLER(rt_sigsuspend);
SYSCALL_HANDLER(pause);
SYSCALL_HANDLER(rt_sigpending);
SYSCALL_HANDLER(sigaltstack);

/* sys_mem.c */
SYSCALL_HANDLER(brk);
SYSCALL_HANDLER(mmap);
SYSCALL_HANDLER(munmap);
SYSCALL_HANDLER(mprotect);

/* sys_futex.c, sys_sysinfo.c */
SYSCALL_HANDLER(futex);
SYSCALL_HANDLER(sysinfo);

/* sys_netcfg.c: the network interface's configuration (Aegis-private 500) */
SYSCALL_HANDLER(netcfg);
/* sys_cap.c: the capability calls */
SYSCALL_HANDLER(cap_grant_exec);
SYSCALL_HANDLER(cap_query);
SYSCALL_HANDLER(cap_grant_runtime);
SYSCALL_HANDLER(auth_session);
SYSCALL_HANDLER(cap_drop);

#endif
