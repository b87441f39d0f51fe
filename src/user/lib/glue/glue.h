/*
 * The system-call glue: the only way an Aegis program asks the kernel for
 * anything (spec/glue.md; ../shared/design/architecture.md, "System calls only
 * through the glue").
 *
 * One function per system call, named sys_<Linux name> for the calls Linux
 * has and sys_<Aegis name> for the private ones (<aegis/syscall_nr.h>), with
 * the same API in the sim build (host processes talking to aegis-sim) and
 * the QEMU build (musl, the `syscall` instruction).  Arguments have Linux's
 * x86_64 types; the structs are those of <aegis/linux_abi.h> and
 * <aegis/private_abi.h>, laid out as the kernel copies them.
 *
 * Every function returns long: a result >= 0, or -errno (<aegis/errno.h>).
 * There is no errno variable.  Only sys_exit and sys_exit_group never return.
 *
 * The glue does no checking of its own: the kernel validates every argument,
 * so a bad pointer gives -EFAULT and never a crash in the caller.  vfork has
 * no function: a C function's frame cannot be shared by parent and child.
 *
 * This header needs only <stddef.h> and <stdint.h>, so pure libraries and
 * host tests can include it without any I/O header.
 */
#ifndef AEGIS_GLUE_H
#define AEGIS_GLUE_H

#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/linux_abi.h>
#include <aegis/private_abi.h>

/* dirfd meaning "the working directory" (openat, mkdirat, unlinkat, ...). */
#define GLUE_AT_FDCWD (-100)

/* Ending a process (glue_exit.c). */
/* End the calling thread with status (only its low 8 bits reach a waiting parent). */
__attribute__((noreturn)) void sys_exit(int status);
/* End every thread of the process with status. */
__attribute__((noreturn)) void sys_exit_group(int status);

/* Descriptors: reading, writing, opening and duplicating. (glue_file.c) */
/* Read up to count bytes; returns the number read, 0 at end of file. */
long sys_read(int fd, void *buf, size_t count);
/* Write up to count bytes; returns the number written (may be short). */
long sys_write(int fd, const void *buf, size_t count);
/* Open path relative to the working directory; returns the new descriptor. */
long sys_open(const char *path, int flags, uint32_t mode);
/* Open path relative to dirfd (GLUE_AT_FDCWD: the working directory). */
long sys_openat(int dirfd, const char *path, int flags, uint32_t mode);
/* Close a descriptor. */
long sys_close(int fd);
/* Move the file offset; returns the new offset. */
long sys_lseek(int fd, int64_t offset, int whence);
/* Read at offset without moving the file offset. */
long sys_pread64(int fd, void *buf, size_t count, int64_t offset);
/* Write at offset without moving the file offset. */
long sys_pwrite64(int fd, const void *buf, size_t count, int64_t offset);
/* Scatter read into iovcnt buffers. */
long sys_readv(int fd, const aegis_iovec_t *iov, int iovcnt);
/* Gather write from iovcnt buffers. */
long sys_writev(int fd, const aegis_iovec_t *iov, int iovcnt);
/* Device control; arg is a number or an address, as request says. */
long sys_ioctl(int fd, unsigned long request, unsigned long arg);
/* Descriptor control (F_GETFD, F_SETFL, F_DUPFD, ...). */
long sys_fcntl(int fd, int cmd, unsigned long arg);
/* Duplicate fd onto the lowest free descriptor. */
long sys_dup(int fd);
/* Duplicate oldfd onto newfd, closing newfd first. */
long sys_dup2(int oldfd, int newfd);
/* dup2 with flags (O_CLOEXEC); oldfd == newfd is -EINVAL. */
long sys_dup3(int oldfd, int newfd, int flags);
/* Make a pipe: fds[0] reads, fds[1] writes. */
long sys_pipe(int *fds);
/* pipe with flags (O_CLOEXEC, O_NONBLOCK). */
long sys_pipe2(int *fds, int flags);
/* Write a file's data and metadata to its device. */
long sys_fsync(int fd);
/* Write a file's data to its device. */
long sys_fdatasync(int fd);
/* Set the length of the file at path. */
long sys_truncate(const char *path, int64_t length);
/* Set the length of an open file. */
long sys_ftruncate(int fd, int64_t length);
/* Write every cached block to its device. */
long sys_sync(void);
/* Make an anonymous memory file; returns its descriptor. */
long sys_memfd_create(const char *name, unsigned int flags);

/* Paths, metadata and directories. (glue_path.c) */
/* Metadata of path, following a final symbolic link. */
long sys_stat(const char *path, aegis_stat_t *st);
/* Metadata of path itself, even when it is a symbolic link. */
long sys_lstat(const char *path, aegis_stat_t *st);
/* Metadata of an open file. */
long sys_fstat(int fd, aegis_stat_t *st);
/* Metadata of path relative to dirfd (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
long sys_newfstatat(int dirfd, const char *path, aegis_stat_t *st, int flags);
long sys_utimensat(int dirfd, const char *path, const aegis_timespec_t *times, int flags);
long sys_statfs(const char *path, aegis_statfs_t *buf);
long sys_fstatfs(int fd, aegis_statfs_t *buf);
/* May the caller access path in mode (F_OK, R_OK, W_OK, X_OK)? */
long sys_access(const char *path, int mode);
/* access relative to dirfd. */
long sys_faccessat(int dirfd, const char *path, int mode);
/* Copy the working directory into buf; returns the length stored, NUL included. */
long sys_getcwd(char *buf, size_t size);
/* Change the working directory. */
long sys_chdir(const char *path);
/* Change the working directory to an open directory. */
long sys_fchdir(int fd);
/* Rename oldpath to newpath. */
long sys_rename(const char *oldpath, const char *newpath);
/* rename relative to two directory descriptors. */
long sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
/* renameat with RENAME_* flags. */
long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags);
/* link relative to two directory descriptors, with AT_* flags. */
long sys_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
/* Make a directory. */
long sys_mkdir(const char *path, uint32_t mode);
/* mkdir relative to dirfd. */
long sys_mkdirat(int dirfd, const char *path, uint32_t mode);
/* Make a FIFO (mode S_IFIFO | permissions; other kinds: -EPERM); dev is ignored. */
long sys_mknod(const char *path, uint32_t mode, uint64_t dev);
/* mknod relative to dirfd. */
long sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev);
/* Remove an empty directory. */
long sys_rmdir(const char *path);
/* Make a hard link. */
long sys_link(const char *oldpath, const char *newpath);
/* Remove a name. */
long sys_unlink(const char *path);
/* unlink (or rmdir with AT_REMOVEDIR) relative to dirfd. */
long sys_unlinkat(int dirfd, const char *path, int flags);
/* Make a symbolic link at linkpath pointing to target. */
long sys_symlink(const char *target, const char *linkpath);
/* symlink relative to newdirfd. */
long sys_symlinkat(const char *target, int newdirfd, const char *linkpath);
/* Read a link's target (not NUL-terminated); returns its length. */
long sys_readlink(const char *path, char *buf, size_t size);
/* readlink relative to dirfd. */
long sys_readlinkat(int dirfd, const char *path, char *buf, size_t size);
/* Change a file's permission bits. */
long sys_chmod(const char *path, uint32_t mode);
/* chmod of an open file. */
long sys_fchmod(int fd, uint32_t mode);
/* chmod relative to dirfd. */
long sys_fchmodat(int dirfd, const char *path, uint32_t mode);
/* Change owner and group; (uint32_t)-1 leaves one unchanged. */
long sys_chown(const char *path, uint32_t uid, uint32_t gid);
/* chown of an open file. */
long sys_fchown(int fd, uint32_t uid, uint32_t gid);
/* chown of a symbolic link itself. */
long sys_lchown(const char *path, uint32_t uid, uint32_t gid);
/* chown relative to dirfd. */
long sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags);
/* Set the file-creation mask; returns the old one. */
long sys_umask(uint32_t mask);
/* Read directory records (aegis_dirent64_t) into buf; returns the bytes filled, 0 at the end. */
long sys_getdents64(int fd, void *buf, size_t count);

/* Waiting for descriptors: poll, select and epoll. (glue_poll.c) */
/* Wait for events on nfds descriptors; returns how many have events. */
long sys_poll(aegis_pollfd_t *fds, unsigned long nfds, int timeout_ms);
/* poll with a timespec timeout and a signal mask for the wait. */
long sys_ppoll(aegis_pollfd_t *fds, unsigned long nfds, const aegis_timespec_t *timeout, const aegis_sigset_t *mask, size_t sigsetsize);
/* Wait on descriptor bit sets (fd_set layout: 1024 bits). */
long sys_select(int nfds, void *readfds, void *writefds, void *exceptfds, aegis_timeval_t *timeout);
/* select with a timespec and {mask pointer, mask size}. */
long sys_pselect6(int nfds, void *readfds, void *writefds, void *exceptfds, const aegis_timespec_t *timeout, const void *sigmask);
/* Make an epoll instance; returns its descriptor. */
long sys_epoll_create1(int flags);
/* Add, change or remove fd in an epoll set. */
long sys_epoll_ctl(int epfd, int op, int fd, aegis_epoll_event_t *event);
/* Wait for up to maxevents events. */
long sys_epoll_wait(int epfd, aegis_epoll_event_t *events, int maxevents, int timeout_ms);
long sys_epoll_pwait(int epfd, aegis_epoll_event_t *events, int maxevents, int timeout_ms, const aegis_sigset_t *mask,
		     size_t sigsetsize);

/* Memory: mappings and the program break. (glue_mem.c) */
/* Map memory; returns the address (a -errno value on failure, test with < 0). */
long sys_mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset);
/* Remove a mapping. */
long sys_munmap(void *addr, size_t length);
/* Change a mapping's protection. */
long sys_mprotect(void *addr, size_t length, int prot);
/* Set the program break; returns the new break (the old one when addr is refused or 0). */
long sys_brk(void *addr);

/* Signals. (glue_signal.c) */
/* Set and/or read a signal's action; sigsetsize is AEGIS_SIGSET_SIZE. */
long sys_rt_sigaction(int sig, const aegis_sigaction_t *act, aegis_sigaction_t *oldact, size_t sigsetsize);
/* Change and/or read the blocked-signal mask. */
long sys_rt_sigprocmask(int how, const aegis_sigset_t *set, aegis_sigset_t *oldset, size_t sigsetsize);
/* Return from a signal handler: only meaningful from a restorer, with the signal frame on the stack. */
long sys_rt_sigreturn(void);
/* Wait for a signal with mask in place; always returns -EINTR. */
long sys_rt_sigsuspend(const aegis_sigset_t *mask, size_t sigsetsize);
/* The pending signals that are blocked. */
long sys_rt_sigpending(aegis_sigset_t *set, size_t sigsetsize);
/* Sleep until a signal runs a handler (always -EINTR then). */
long sys_pause(void);
/* Set and/or read the alternate signal stack. */
long sys_sigaltstack(const aegis_stack_t *ss, aegis_stack_t *old);
/* Send sig to a process (pid > 0), a process group (pid < -1) or the caller's group (0). */
long sys_kill(int pid, int sig);
/* Send sig to one thread. */
long sys_tgkill(int tgid, int tid, int sig);
/* Send sig to one thread by its ID alone (tkill). */
long sys_tkill(int tid, int sig);

/* Processes: creation, exec, exit, waiting, groups and limits. (glue_proc.c) */
/* Make a child process; returns its pid in the parent and 0 in the child. */
long sys_fork(void);
/* Linux clone; from C only with stack NULL (fork-like): a thread on a new stack needs an entry in assembly. */
long sys_clone(unsigned long flags, void *stack, int *parent_tid, int *child_tid, unsigned long tls);
/* Replace the program; returns only on failure. */
long sys_execve(const char *path, char *const *argv, char *const *envp);
/* Wait for a child to change state; returns its pid (0 with WNOHANG and none ready). */
long sys_wait4(int pid, int *status, int options, aegis_rusage_t *rusage);
/* The caller's process id. */
long sys_getpid(void);
/* The parent's process id. */
long sys_getppid(void);
/* The caller's thread id. */
long sys_gettid(void);
/* Give up the processor. */
long sys_sched_yield(void);
/* Where to clear the thread id (and wake a futex) at exit; returns the tid. */
long sys_set_tid_address(int *tidptr);
/* Register the robust-futex list. */
long sys_set_robust_list(void *head, size_t len);
/* Futex wait and wake. */
long sys_futex(uint32_t *uaddr, int op, uint32_t val, const aegis_timespec_t *timeout, uint32_t *uaddr2, uint32_t val3);
/* x86_64 thread state (ARCH_SET_FS, ARCH_GET_FS, ...). */
long sys_arch_prctl(int code, unsigned long addr);
/* Move a process into a process group. */
long sys_setpgid(int pid, int pgid);
/* The caller's process group. */
long sys_getpgrp(void);
/* The process group of pid (0: the caller). */
long sys_getpgid(int pid);
/* Start a new session; returns its id. */
long sys_setsid(void);
/* The session of pid (0: the caller). */
long sys_getsid(int pid);
/* Read a resource limit. */
long sys_getrlimit(int resource, aegis_rlimit_t *rlim);
/* Set a resource limit. */
long sys_setrlimit(int resource, const aegis_rlimit_t *rlim);
/* Set and/or read a resource limit of pid (0: the caller). */
long sys_prlimit64(int pid, int resource, const aegis_rlimit_t *new_limit, aegis_rlimit_t *old_limit);

/* Credentials: user and group ids. (glue_id.c) */
/* The real user id. */
long sys_getuid(void);
/* The effective user id. */
long sys_geteuid(void);
/* The real group id. */
long sys_getgid(void);
/* The effective group id. */
long sys_getegid(void);
/* Set the user ids. */
long sys_setuid(uint32_t uid);
/* Set the group ids. */
long sys_setgid(uint32_t gid);
/* Set the real and effective user ids; (uint32_t)-1 leaves one unchanged. */
long sys_setreuid(uint32_t ruid, uint32_t euid);
/* Set the real and effective group ids. */
long sys_setregid(uint32_t rgid, uint32_t egid);
/* Set the real, effective and saved user ids. */
long sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid);
/* Set the real, effective and saved group ids. */
long sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid);
/* Read the real, effective and saved user ids. */
long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid);
/* Read the real, effective and saved group ids. */
long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid);
/* Read the supplementary groups (size 0: just count them). */
long sys_getgroups(int size, uint32_t *list);
/* Set the supplementary groups. */
long sys_setgroups(size_t size, const uint32_t *list);

/* Clocks and sleeping. (glue_time.c) */
/* Read a clock (CLOCK_REALTIME 0, CLOCK_MONOTONIC 1). */
long sys_clock_gettime(int clock, aegis_timespec_t *ts);
/* Set a clock. */
long sys_clock_settime(int clock, const aegis_timespec_t *ts);
/* A clock's resolution. */
long sys_clock_getres(int clock, aegis_timespec_t *res);
/* Sleep on a clock, relative or until an absolute time (TIMER_ABSTIME). */
long sys_clock_nanosleep(int clock, int flags, const aegis_timespec_t *req, aegis_timespec_t *rem);
/* Sleep; on -EINTR rem holds what was left. */
long sys_nanosleep(const aegis_timespec_t *req, aegis_timespec_t *rem);
/* The wall-clock time in microseconds (tz must be NULL). */
long sys_gettimeofday(aegis_timeval_t *tv, void *tz);

/* The system as a whole: names, randomness and power. (glue_sys.c) */
/* The system's name, release, version and machine. */
long sys_uname(aegis_utsname_t *buf);
/* Set the host name. */
long sys_sethostname(const char *name, size_t len);
/* Fill buf with random bytes; returns how many. */
long sys_getrandom(void *buf, size_t count, unsigned int flags);
/* Uptime, memory and the process count (memory in units of info->mem_unit bytes). */
long sys_sysinfo(aegis_sysinfo_t *info);
/* Restart or power off (AEGIS_REBOOT_* in aegis/linux_abi.h); returns only on failure. */
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, void *arg);

/* Sockets; addresses are passed as bytes with their length. (glue_net.c) */
/* Make a socket; returns its descriptor. */
long sys_socket(int domain, int type, int protocol);
/* Make a connected pair of sockets. */
long sys_socketpair(int domain, int type, int protocol, int *fds);
/* Give a socket a local address. */
long sys_bind(int fd, const void *addr, aegis_socklen_t addrlen);
/* Accept connections on a socket. */
long sys_listen(int fd, int backlog);
/* Take a connection; returns its descriptor. */
long sys_accept(int fd, void *addr, aegis_socklen_t *addrlen);
/* accept with flags (SOCK_CLOEXEC, SOCK_NONBLOCK). */
long sys_accept4(int fd, void *addr, aegis_socklen_t *addrlen, int flags);
/* Connect a socket. */
long sys_connect(int fd, const void *addr, aegis_socklen_t addrlen);
/* Shut down one or both directions. */
long sys_shutdown(int fd, int how);
/* Send a message, to addr when it is not NULL. */
long sys_sendto(int fd, const void *buf, size_t len, int flags, const void *addr, aegis_socklen_t addrlen);
/* Receive a message and, when addr is not NULL, its sender. */
long sys_recvfrom(int fd, void *buf, size_t len, int flags, void *addr, aegis_socklen_t *addrlen);
/* Send a message with control data. */
long sys_sendmsg(int fd, const aegis_msghdr_t *msg, int flags);
/* Receive a message with control data. */
long sys_recvmsg(int fd, aegis_msghdr_t *msg, int flags);
/* A socket's local address. */
long sys_getsockname(int fd, void *addr, aegis_socklen_t *addrlen);
/* A connected socket's peer address. */
long sys_getpeername(int fd, void *addr, aegis_socklen_t *addrlen);
/* Set a socket option. */
long sys_setsockopt(int fd, int level, int name, const void *value, aegis_socklen_t len);
/* Read a socket option. */
long sys_getsockopt(int fd, int level, int name, void *value, aegis_socklen_t *len);

/* The Aegis-private calls (360 and up): capabilities, sessions, devices, spawn. (glue_aegis.c) */
/* Make the process group of pid the foreground group of the caller's controlling terminal. */
long sys_setfg(int pid);
/* Register a capability for the caller's next execve (spec/capability-model.md). */
long sys_cap_grant_exec(uint32_t kind, uint32_t rights);
/* Copy pid's capability table (0: the caller) into buf; returns the slots copied. */
long sys_cap_query(int pid, cap_slot_t *buf, size_t buflen);
/* Grant a capability to the caller or a descendant; returns the slot index. */
long sys_cap_grant_runtime(int pid, uint32_t kind, uint32_t rights);
/* Mark the caller's session authenticated. */
long sys_auth_session(void);
/* Drop rights of a capability the caller holds. */
long sys_cap_drop(uint32_t kind, uint32_t rights);
/* Network configuration: AEGIS_NETCFG_SET (a1..a3 = ip, mask, gw in network byte order) or AEGIS_NETCFG_INFO (a1 = the address of an aegis_netcfg_info_t). */
long sys_netcfg(int op, unsigned long a1, unsigned long a2, unsigned long a3);
/* List block devices; returns the count. */
long sys_blkdev_list(aegis_blkdev_entry_t *buf, size_t bytes);
/* Raw block I/O (write: AEGIS_BLKDEV_READ or AEGIS_BLKDEV_WRITE). */
long sys_blkdev_io(const char *dev, uint64_t lba, uint32_t count, void *buf, int write);
/* Re-read a disk's partition table; returns the partition count. */
long sys_gpt_rescan(const char *dev);
/* Map the framebuffer; fills info and returns the address. */
long sys_fb_map(aegis_fb_info_t *info);
/* Start path in a new process without fork; cap_mask (CAP_TABLE_SLOTS slots or NULL) can only restrict. Returns the pid. */
long sys_spawn(const char *path, char *const *argv, char *const *envp, int stdio_fd, const cap_slot_t *cap_mask);
#endif
