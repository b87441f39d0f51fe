/*
 * The structs that Linux x86_64 system calls pass between a program and the
 * kernel, in the layout the Linux kernel copies (not a libc's userland
 * variants), shared by the Aegis kernel, the userland glue and tests.
 *
 * Names carry an aegis_ prefix, and fields avoid the names a host libc turns
 * into macros (st_atime, sa_handler, ...), so host builds can include this
 * header next to <sys/stat.h> or <signal.h>.  Only <stdint.h> and <stddef.h>
 * are needed: the freestanding kernel, musl and glibc programs all read it.
 * Each size is checked at compile time against the Linux x86_64 size.
 */
#ifndef AEGIS_LINUX_ABI_H
#define AEGIS_LINUX_ABI_H

#include <stddef.h>
#include <stdint.h>

/* clock_gettime, clock_settime, nanosleep, futex timeouts. */
typedef struct aegis_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
} aegis_timespec_t;

/* The time fields of struct rusage. */
typedef struct aegis_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
} aegis_timeval_t;

/* uname: six NUL-terminated fields of AEGIS_UTSNAME_LEN bytes. */
#define AEGIS_UTSNAME_LEN 65
typedef struct aegis_utsname {
	char sysname[AEGIS_UTSNAME_LEN];
	char nodename[AEGIS_UTSNAME_LEN];
	char release[AEGIS_UTSNAME_LEN];
	char version[AEGIS_UTSNAME_LEN];
	char machine[AEGIS_UTSNAME_LEN];
	char domainname[AEGIS_UTSNAME_LEN];
} aegis_utsname_t;

/* fstat, newfstatat: the x86_64 kernel struct stat (144 bytes). */
typedef struct aegis_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t st_pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	uint64_t st_atime_sec;
	uint64_t st_atime_nsec;
	uint64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	uint64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	int64_t st_reserved[3];
} aegis_stat_t;

/* readv, writev, sendmsg, recvmsg. */
typedef struct aegis_iovec {
	void *iov_base;
	size_t iov_len;
} aegis_iovec_t;

/* getrlimit, setrlimit, prlimit64; AEGIS_RLIM_INFINITY means no limit. */
#define AEGIS_RLIM_INFINITY UINT64_MAX
typedef struct aegis_rlimit {
	uint64_t rlim_cur;
	uint64_t rlim_max;
} aegis_rlimit_t;

/* poll. */
typedef struct aegis_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
} aegis_pollfd_t;

/* The kernel's signal set: one bit per signal 1..64; rt_* calls pass its size. */
typedef uint64_t aegis_sigset_t;
#define AEGIS_SIGSET_SIZE sizeof(aegis_sigset_t)

/*
 * rt_sigaction: the kernel's struct sigaction (handler, flags, restorer,
 * mask), not a libc's.  Handler and restorer are code addresses; 0 is
 * SIG_DFL and 1 is SIG_IGN.
 */
typedef struct aegis_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	aegis_sigset_t mask;
} aegis_sigaction_t;

/* sigaltstack. */
typedef struct aegis_stack {
	void *ss_sp;
	int32_t ss_flags;
	size_t ss_size;
} aegis_stack_t;

/* wait4's resource usage (144 bytes). */
typedef struct aegis_rusage {
	aegis_timeval_t ru_utime;
	aegis_timeval_t ru_stime;
	int64_t ru_counters[14]; /* maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw */
} aegis_rusage_t;

/* getdents64: records of this header followed by the NUL-terminated name, d_reclen bytes in all. */
typedef struct aegis_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} aegis_dirent64_t;

/* sendmsg, recvmsg. */
typedef struct aegis_msghdr {
	void *msg_name;
	uint32_t msg_namelen;
	aegis_iovec_t *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	uint32_t msg_flags;
} aegis_msghdr_t;

/* reboot(magic1, magic2, cmd, arg): Linux's magic numbers and the commands Aegis knows. */
/* wait4 options. */
#define AEGIS_WNOHANG 1

#define AEGIS_REBOOT_MAGIC1 0xfee1deadu
#define AEGIS_REBOOT_MAGIC2 0x28121969u
#define AEGIS_REBOOT_CMD_RESTART 0x01234567u
#define AEGIS_REBOOT_CMD_POWER_OFF 0x4321fedcu

/* statfs, fstatfs: struct statfs of x86_64 (120 bytes). */
typedef struct aegis_statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
} aegis_statfs_t;

/* epoll_ctl, epoll_wait: packed on x86_64 (12 bytes). */
typedef struct __attribute__((packed)) aegis_epoll_event {
	uint32_t events;
	uint64_t data;
} aegis_epoll_event_t;

/*
 * sysinfo: the kernel's struct sysinfo (112 bytes on x86_64).  Memory
 * figures count units of mem_unit bytes; the load averages are fixed point
 * with AEGIS_SYSINFO_LOAD_SHIFT fraction bits.
 */
#define AEGIS_SYSINFO_LOADS 3
#define AEGIS_SYSINFO_LOAD_SHIFT 16
typedef struct aegis_sysinfo {
	int64_t uptime;                       /* seconds since boot */
	uint64_t loads[AEGIS_SYSINFO_LOADS];  /* 1, 5 and 15 minute load averages */
	uint64_t totalram;
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;                       /* processes (Linux: threads) */
	uint16_t pad;
	uint64_t totalhigh;
	uint64_t freehigh;
	uint32_t mem_unit;                    /* bytes per memory unit */
} aegis_sysinfo_t;

/* A socket address length (socklen_t). */
typedef uint32_t aegis_socklen_t;

_Static_assert(sizeof(aegis_timespec_t) == 16, "struct timespec is 16 bytes on x86_64");
_Static_assert(sizeof(aegis_utsname_t) == 390, "struct utsname is 6 x 65 bytes");
_Static_assert(sizeof(aegis_stat_t) == 144, "struct stat is 144 bytes on x86_64");
_Static_assert(offsetof(aegis_stat_t, st_size) == 48, "st_size sits at offset 48 on x86_64");
_Static_assert(sizeof(aegis_iovec_t) == 16, "struct iovec is 16 bytes on x86_64");
_Static_assert(sizeof(aegis_pollfd_t) == 8, "struct pollfd is 8 bytes");
_Static_assert(sizeof(aegis_sigaction_t) == 32, "the kernel's struct sigaction is 32 bytes on x86_64");
_Static_assert(sizeof(aegis_stack_t) == 24, "stack_t is 24 bytes on x86_64");
_Static_assert(sizeof(aegis_statfs_t) == 120, "struct statfs is 120 bytes on x86_64");
_Static_assert(sizeof(aegis_epoll_event_t) == 12, "struct epoll_event is packed to 12 bytes on x86_64");
_Static_assert(sizeof(aegis_rusage_t) == 144, "struct rusage is 144 bytes on x86_64");
_Static_assert(offsetof(aegis_dirent64_t, d_name) == 19, "linux_dirent64 names start at offset 19");
_Static_assert(sizeof(aegis_msghdr_t) == 56, "struct msghdr is 56 bytes on x86_64");
_Static_assert(sizeof(aegis_sysinfo_t) == 112, "struct sysinfo is 112 bytes on x86_64");
_Static_assert(offsetof(aegis_sysinfo_t, procs) == 80, "sysinfo's procs sits at offset 80 on x86_64");
_Static_assert(offsetof(aegis_sysinfo_t, mem_unit) == 104, "sysinfo's mem_unit sits at offset 104 on x86_64");

#endif
