/*
 * The namespace and the file calls (spec/filesystems.md FS-001..FS-050):
 * opening, reading, seeking, stat, directory listings, the working
 * directory, symlinks, access, fcntl, ioctl, /dev and /proc/self/exe, and
 * EFAULT for bad pointers.  Runs on both builds.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_RELEASE "/etc/initrd-release"
#define PT_RELEASE_HEAD "NAME=\"Aegis initrd\""
#define PT_EXT2_ONLY "/etc/hostname" /* in the root file system image, not the initrd */
#define PT_EROFS 30
#define PT_EEXIST 17
#define PT_EISDIR 21
#define PT_ENOTDIR 20
#define PT_ELOOP 40
#define PT_EBADF 9
#define PT_ESPIPE 29
#define PT_ERANGE 34
#define PT_ENOTTY 25
#define PT_ENAMETOOLONG 36
#define PT_TCGETS 0x5401
#define PT_R_OK 4
#define PT_W_OK 2
#define PT_DIRBUF 2048
#define PT_EPERM 1
#define PT_AT_FDCWD (-100)
#define PT_AT_REMOVEDIR 0x200
#define PT_UMASK_DEFAULT 022
#define PT_UMASK_SET 027
#define PT_LONG_PATH 5000
#define PT_HIGH_FD 10
#define PT_BAD_PTR ((void *)8)
#define PT_EXEC_VIA_SELF 9
#define PT_EXEC_RELATIVE 5

static char dirbuf[PT_DIRBUF];

static void files_namespace(void)
{
	char head[sizeof(PT_RELEASE_HEAD)] = { 0 };
	long fd = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long n = fd >= 0 ? sys_read((int)fd, head, sizeof(head) - 1) : fd;
	tcheck(n == (long)sizeof(head) - 1 && strcmp(head, PT_RELEASE_HEAD) == 0, "FS-001",
		 "an initrd file opens and reads", "open %ld read %ld '%s'", fd, n, head);
	if (fd >= 0)
		sys_close((int)fd);
	aegis_stat_t st;
	if (sys_stat(PT_EXT2_ONLY, &st) == 0) {
		tcheck(tcheck_dir_has("/etc", "initrd-release") && tcheck_dir_has("/etc", "hostname") && st.st_dev == 2, "FS-001",
			 "a directory in both layers lists the entries of both", "st_dev %lu", (unsigned long)st.st_dev);
	} else {
		tcheck_skip("FS-001", "a directory in both layers lists the entries of both", "no root file system in this boot");
	}
	long r = sys_stat("/dev", &st);
	tcheck(r == 0 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR && st.st_dev == 3 && tcheck_dir_has("/", "dev") &&
			 tcheck_dir_has("/", "proc"),
		 "FS-002", "/dev and /proc are grafted at the root", "stat %ld mode 0%o dev %lu", r, st.st_mode,
		 (unsigned long)st.st_dev);
}

static void files_read_only(void)
{
	long r1 = sys_open(PT_RELEASE, AEGIS_O_WRONLY, 0);
	long r2 = sys_open("/proc/pt-new-file", AEGIS_O_WRONLY | AEGIS_O_CREAT, 0644);
	long r3 = sys_open(PT_RELEASE, AEGIS_O_RDONLY | AEGIS_O_CREAT | AEGIS_O_EXCL, 0644);
	long r4 = sys_open("/etc", AEGIS_O_WRONLY, 0);
	tcheck(r1 == -PT_EROFS && r2 == -PT_EROFS && r3 == -PT_EEXIST && r4 == -PT_EISDIR, "FS-003",
		 "read-only file systems: writing, creating and exclusive creation are refused with the right errors", "%ld %ld %ld %ld", r1, r2, r3,
		 r4);
}

static void files_open_flags(void)
{
	long r1 = sys_open(PT_RELEASE, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY, 0);
	long r2 = sys_open("/proc/self/exe", AEGIS_O_RDONLY | AEGIS_O_NOFOLLOW, 0);
	tcheck(r1 == -PT_ENOTDIR && r2 == -PT_ELOOP, "FS-004", "O_DIRECTORY and O_NOFOLLOW are honoured", "%ld %ld", r1,
		 r2);
	long fd = sys_open(PT_RELEASE, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	long fl = fd >= 0 ? sys_fcntl((int)fd, AEGIS_F_GETFD, 0) : fd;
	tcheck(fl == AEGIS_FD_CLOEXEC, "FS-004", "O_CLOEXEC sets FD_CLOEXEC", "F_GETFD %ld", fl);
	if (fd >= 0)
		sys_close((int)fd);
	long dir = sys_open("/etc", AEGIS_O_RDONLY | AEGIS_O_DIRECTORY, 0);
	long at = dir >= 0 ? sys_openat((int)dir, "initrd-release", AEGIS_O_RDONLY, 0) : dir;
	long file = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long notdir = file >= 0 ? sys_openat((int)file, "x", AEGIS_O_RDONLY, 0) : file;
	long badfd = sys_openat(99, "x", AEGIS_O_RDONLY, 0);
	long abs = sys_openat(99, PT_RELEASE, AEGIS_O_RDONLY, 0);
	tcheck(at >= 0 && notdir == -PT_ENOTDIR && badfd == -PT_EBADF && abs >= 0, "FS-004",
		 "openat starts at dirfd, checks it, and ignores it for absolute paths", "%ld %ld %ld %ld", at, notdir,
		 badfd, abs);
	long ids[] = { dir, at, file, abs };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i] >= 0)
			sys_close((int)ids[i]);
}

static void files_offsets(void)
{
	aegis_stat_t st;
	long fd = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long fs = fd >= 0 ? sys_fstat((int)fd, &st) : fd;
	char buf[8];
	long n = sys_read((int)fd, buf, 5);
	long cur = sys_lseek((int)fd, 0, AEGIS_SEEK_CUR);
	long end = sys_lseek((int)fd, 0, AEGIS_SEEK_END);
	long neg = sys_lseek((int)fd, -1, AEGIS_SEEK_SET);
	long bad = sys_lseek((int)fd, 0, 7);
	char one = 0;
	long pr = sys_pread64((int)fd, &one, 1, 1);
	tcheck(fs == 0 && n == 5 && cur == 5 && end == st.st_size && neg == -PT_EINVAL && bad == -PT_EINVAL && pr == 1 &&
			 one == 'A',
		 "FS-005", "read, lseek and pread64 follow the file offset", "%ld %ld %ld %ld/%ld %ld %ld %ld", fs, n, cur,
		 end, (long)st.st_size, neg, bad, pr);
	int fds[2];
	sys_pipe(fds);
	long sp = sys_lseek(fds[0], 0, AEGIS_SEEK_CUR);
	long dir = sys_open("/etc", AEGIS_O_RDONLY, 0);
	long rd = sys_read((int)dir, buf, sizeof(buf));
	tcheck(sp == -PT_ESPIPE && rd == -PT_EISDIR, "FS-005", "a pipe cannot seek and a directory cannot be read",
		 "%ld %ld", sp, rd);
	aegis_stat_t ps, cs, es, e2;
	long r1 = sys_fstat(fds[0], &ps);
	long r2 = sys_fstat(1, &cs);
	long r3 = sys_lstat("/proc/self/exe", &es);
	long r4 = sys_newfstatat((int)fd, "", &e2, AEGIS_AT_EMPTY_PATH);
	long r5 = sys_newfstatat(AEGIS_AT_FDCWD, PT_RELEASE, &e2, 0x8000);
	tcheck(r1 == 0 && (ps.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFIFO && r2 == 0 &&
			 (cs.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFCHR && r3 == 0 &&
			 (es.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFLNK && r4 == 0 && e2.st_ino == st.st_ino &&
			 e2.st_size == st.st_size && r5 == -PT_EINVAL,
		 "FS-006", "stat's family describes pipes, the console, symlinks and AT_EMPTY_PATH",
		 "%ld 0%o %ld 0%o %ld 0%o %ld %ld", r1, ps.st_mode, r2, cs.st_mode, r3, es.st_mode, r4, r5);
	sys_close(fds[0]);
	sys_close(fds[1]);
	sys_close((int)dir);
	sys_close((int)fd);
}

static void files_listing(void)
{
	tcheck(tcheck_dir_has("/dev", ".") && tcheck_dir_has("/dev", "..") && tcheck_dir_has("/dev", "null") &&
			 tcheck_dir_has("/bin", "proctest"),
		 "FS-007", "getdents64 lists ., .. and the entries", "missing an entry");
	long dir = sys_open("/dev", AEGIS_O_RDONLY, 0);
	long small = sys_getdents64((int)dir, dirbuf, 10);
	long file = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long nd = sys_getdents64((int)file, dirbuf, sizeof(dirbuf));
	tcheck(small == -PT_EINVAL && nd == -PT_ENOTDIR, "FS-007",
		 "getdents64 refuses a buffer too small and a non-directory", "%ld %ld", small, nd);
	sys_close((int)dir);
	sys_close((int)file);
}

static int child_cwd(void *ctx)
{
	(void)ctx;
	char buf[16];
	return sys_getcwd(buf, sizeof(buf)) == 5 && strcmp(buf, "/dev") == 0 ? 0 : 1;
}

static int child_umask(void *ctx)
{
	(void)ctx;
	return sys_umask(0) == PT_UMASK_SET ? 0 : 1;
}

static void files_umask(void)
{
	long first = sys_umask(PT_UMASK_SET | 01000);
	long back = sys_umask((uint32_t)first);
	sys_umask(PT_UMASK_SET);
	int s = pt_fork_run(child_umask, NULL);
	sys_umask((uint32_t)first);
	tcheck(first == PT_UMASK_DEFAULT && back == PT_UMASK_SET && s == 0, "FS-015",
	       "umask: 022 at start, returns the old mask, keeps only permission bits, inherited by fork",
	       "%lo %lo 0x%x", first, back, s);
}

static void files_cwd(void)
{
	char buf[64];
	long g0 = sys_getcwd(buf, sizeof(buf));
	bool root = g0 == 2 && strcmp(buf, "/") == 0;
	long c1 = sys_chdir("/dev");
	long g1 = sys_getcwd(buf, sizeof(buf));
	bool dev = g1 == 5 && strcmp(buf, "/dev") == 0;
	long rel = sys_open("null", AEGIS_O_RDONLY, 0);
	int s = pt_fork_run(child_cwd, NULL);
	long small = sys_getcwd(buf, 2);
	long nd = sys_chdir(PT_RELEASE);
	sys_chdir("/");
	tcheck(root && c1 == 0 && dev && rel >= 0 && s == 0 && small == -PT_ERANGE && nd == -PT_ENOTDIR, "FS-008",
		 "getcwd and chdir: canonical path, relative opens, inherited by fork, ERANGE, ENOTDIR",
		 "%ld %ld %ld %ld 0x%x %ld %ld", g0, c1, g1, rel, s, small, nd);
	if (rel >= 0)
		sys_close((int)rel);
}

static void files_links(void)
{
	char buf[64];
	memset(buf, 0, sizeof(buf));
	long n = sys_readlink("/proc/self/exe", buf, sizeof(buf));
	tcheck(n == (long)strlen(pt_self) && strcmp(buf, pt_self) == 0, "FS-040",
		 "/proc/self/exe names the running program", "readlink %ld '%s'", n, buf);
	memset(buf, 0, sizeof(buf));
	long cut = sys_readlink("/proc/self/exe", buf, 4);
	long nl = sys_readlink(PT_RELEASE, buf + 8, 8);
	long zero = sys_readlink("/proc/self/exe", buf, 0);
	tcheck(cut == 4 && memcmp(buf, pt_self, 4) == 0 && buf[4] == 0 && nl == -PT_EINVAL && zero == -PT_EINVAL,
		 "FS-009", "readlink cuts to the buffer, adds no NUL, and refuses non-links", "%ld %ld %ld", cut, nl, zero);
}

static void files_access(void)
{
	long r = sys_access(PT_RELEASE, PT_R_OK);
	long w = sys_access(PT_RELEASE, PT_W_OK);
	long e = sys_access("/no/such/name", 0);
	long bad = sys_access(PT_RELEASE, 8);
	long dev = sys_access("/dev/null", PT_W_OK);
	tcheck(r == 0 && w == -PT_EROFS && e == -PT_ENOENT && bad == -PT_EINVAL && dev == 0, "FS-010",
		 "access: R_OK, W_OK (EROFS but for devices), F_OK, bad modes", "%ld %ld %ld %ld %ld", r, w, e, bad, dev);
}

static void files_fcntl_ioctl(void)
{
	long fd = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long dup = sys_fcntl((int)fd, AEGIS_F_DUPFD, PT_HIGH_FD);
	long fl0 = sys_fcntl((int)fd, AEGIS_F_GETFL, 0);
	long set = sys_fcntl((int)fd, AEGIS_F_SETFL, AEGIS_O_NONBLOCK | AEGIS_O_WRONLY);
	long fl1 = sys_fcntl((int)fd, AEGIS_F_GETFL, 0);
	long unk = sys_fcntl((int)fd, 9999, 0);
	long bad = sys_fcntl(99, AEGIS_F_GETFD, 0);
	tcheck(dup >= PT_HIGH_FD && fl0 == AEGIS_O_RDONLY && set == 0 && fl1 == AEGIS_O_NONBLOCK && unk == -PT_EINVAL &&
			 bad == -PT_EBADF,
		 "FS-011", "fcntl: F_DUPFD, F_GETFL, F_SETFL changes only status flags, errors", "%ld %ld %ld %ld %ld %ld",
		 dup, fl0, set, fl1, unk, bad);
	aegis_termios_t tio;
	long t1 = sys_ioctl((int)fd, PT_TCGETS, (unsigned long)&tio);
	long t2 = sys_ioctl(99, PT_TCGETS, 0);
	long t3 = sys_ioctl(1, PT_TCGETS, (unsigned long)&tio);
	tcheck(t1 == -PT_ENOTTY && t2 == -PT_EBADF && t3 == 0, "FS-012",
		 "ioctl: a file is not a terminal (ENOTTY), the console is, a bad descriptor is EBADF", "%ld %ld %ld", t1,
		 t2, t3);
	if (dup >= 0)
		sys_close((int)dup);
	sys_close((int)fd);
}

static char long_path[PT_LONG_PATH];

static void files_paths(void)
{
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long too_long = sys_open(long_path, AEGIS_O_RDONLY, 0);
	long trailing = sys_open(PT_RELEASE "/", AEGIS_O_RDONLY, 0);
	long dots = sys_open("/dev/../etc/./initrd-release", AEGIS_O_RDONLY, 0);
	tcheck(too_long == -PT_ENAMETOOLONG && trailing == -PT_ENOTDIR && dots >= 0, "FS-013",
		 "paths: ENAMETOOLONG, a trailing slash on a file, . and ..", "%ld %ld %ld", too_long, trailing, dots);
	if (dots >= 0)
		sys_close((int)dots);
}

static int exec_self(void *ctx)
{
	(void)ctx;
	char *argv[] = { "proctest", "exit", "9", NULL };
	char *envp[] = { NULL };
	return (int)sys_execve("/proc/self/exe", argv, envp);
}

static int exec_relative(void *ctx)
{
	(void)ctx;
	char *argv[] = { "proctest", "exit", "5", NULL };
	char *envp[] = { NULL };
	sys_chdir("/bin");
	return (int)sys_execve("./proctest", argv, envp);
}

static void files_exec(void)
{
	int s1 = pt_fork_run(exec_self, NULL);
	int s2 = pt_fork_run(exec_relative, NULL);
	tcheck(pt_exited(s1) && pt_exit_code(s1) == PT_EXEC_VIA_SELF && pt_exited(s2) &&
			 pt_exit_code(s2) == PT_EXEC_RELATIVE,
		 "FS-014", "execve resolves /proc/self/exe and relative paths", "status 0x%x 0x%x", s1, s2);
	long r = sys_execve("/dev", NULL, NULL);
	tcheck(r == -PT_EACCES, "FS-014", "execve of a directory fails with EACCES", "%ld", r);
}

static void files_devices(void)
{
	unsigned char z[16], u[16];
	memset(z, 1, sizeof(z));
	memset(u, 0, sizeof(u));
	long zf = sys_open("/dev/zero", AEGIS_O_RDWR, 0);
	long zr = sys_read((int)zf, z, sizeof(z));
	long zw = sys_write((int)zf, "x", 1);
	long nf = sys_open("/dev/null", AEGIS_O_WRONLY, 0);
	long nw = sys_write((int)nf, "hello", 5);
	long nfr = sys_open("/dev/null", AEGIS_O_RDONLY, 0);
	long nr = sys_read((int)nfr, u, sizeof(u));
	long uf = sys_open("/dev/urandom", AEGIS_O_RDONLY, 0);
	long ur = sys_read((int)uf, u, sizeof(u));
	bool zeros = true, nonzero = false;
	for (size_t i = 0; i < sizeof(z); i++) {
		zeros = zeros && z[i] == 0;
		nonzero = nonzero || u[i] != 0;
	}
	aegis_stat_t st;
	long sr = sys_stat("/dev/null", &st);
	tcheck(zr == 16 && zeros && zw == 1 && nw == 5 && nr == 0 && ur == 16 && nonzero && sr == 0 &&
			 (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFCHR && st.st_rdev == ((1u << 8) | 3u),
		 "FS-030", "/dev/zero, /dev/null and /dev/urandom behave as on Linux", "%ld %ld %ld %ld %ld %ld 0x%lx", zr, zw,
		 nw, nr, ur, sr, (unsigned long)st.st_rdev);
	long ids[] = { zf, nf, nfr, uf };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i] >= 0)
			sys_close((int)ids[i]);
}

static void files_bad_pointers(void)
{
	aegis_stat_t st;
	char buf[8];
	long fd = sys_open("/dev", AEGIS_O_RDONLY, 0);
	long r[] = {
		sys_open(PT_BAD_PTR, AEGIS_O_RDONLY, 0),
		sys_stat(PT_BAD_PTR, &st),
		sys_stat(PT_RELEASE, PT_BAD_PTR),
		sys_fstat(1, PT_BAD_PTR),
		sys_getdents64((int)fd, PT_BAD_PTR, PT_DIRBUF),
		sys_getcwd(PT_BAD_PTR, sizeof(buf)),
		sys_readlink("/proc/self/exe", PT_BAD_PTR, sizeof(buf)),
		sys_access(PT_BAD_PTR, 0),
		sys_chdir(PT_BAD_PTR),
	};
	bool all = true;
	size_t first = 0;
	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (r[i] != -PT_EFAULT && all) {
			all = false;
			first = i;
		}
	}
	tcheck(all, "FS-050", "every pointer argument of the file calls is checked (EFAULT)", "call %zu gave %ld",
		 first, r[first]);
	sys_close((int)fd);
}

/* The whole text of a small file (at most len - 1 bytes), NUL-terminated; its length or -errno. */
static long read_text(const char *path, char *buf, size_t len)
{
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	if (fd < 0)
		return fd;
	long total = 0;
	for (;;) {
		long n = sys_read((int)fd, buf + total, len - 1 - (size_t)total);
		if (n <= 0)
			break;
		total += n;
	}
	buf[total] = '\0';
	sys_close((int)fd);
	return total;
}

static char proc_text[PT_DIRBUF];

static void files_proc_text(void)
{
	long n1 = read_text("/proc/version", proc_text, sizeof(proc_text));
	bool version = n1 > 0 && strncmp(proc_text, "Aegis version ", 14) == 0 && proc_text[n1 - 1] == '\n';
	long n2 = read_text("/proc/cmdline", proc_text, sizeof(proc_text));
	bool cmdline = n2 > 0 && strstr(proc_text, "init=") != NULL;
	long n3 = read_text("/proc/meminfo", proc_text, sizeof(proc_text));
	bool meminfo = n3 > 0 && strncmp(proc_text, "MemTotal:", 9) == 0 && strstr(proc_text, "MemFree:") != NULL;
	long n4 = read_text("/proc/uptime", proc_text, sizeof(proc_text));
	bool uptime = n4 > 0 && strchr(proc_text, '.') != NULL;
	char pid_line[32];
	snprintf(pid_line, sizeof(pid_line), "\nPid:\t%ld\n", sys_getpid());
	long n5 = read_text("/proc/self/status", proc_text, sizeof(proc_text));
	bool status = n5 > 0 && strncmp(proc_text, "Name:\tproctest\n", 15) == 0 && strstr(proc_text, pid_line) != NULL;
	tcheck(version && cmdline && meminfo && uptime && status && tcheck_dir_has("/proc", "meminfo") &&
		       tcheck_dir_has("/proc/self", "status"),
	       "FS-041", "/proc's text files: version, cmdline, meminfo, uptime and self/status", "%ld %ld %ld %ld %ld",
	       n1, n2, n3, n4, n5);
}

/* Changes to read-only names (the initrd's, /proc): each gets its own error before EROFS (FS-016..FS-019). */
static void files_read_only_changes(void)
{
	long m1 = sys_mkdir("/etc", 0755), m2 = sys_mkdir("/proc/pt-new-dir", 0755), m3 = sys_mkdir("/no/such/x", 0755);
	long r1 = sys_rmdir(PT_RELEASE), r2 = sys_rmdir("/pt-none"), r3 = sys_rmdir("/etc");
	long u1 = sys_unlink("/etc"), u2 = sys_unlink(PT_RELEASE), u3 = sys_unlinkat(PT_AT_FDCWD, "/etc", PT_AT_REMOVEDIR);
	long u4 = sys_unlinkat(PT_AT_FDCWD, PT_RELEASE, 0x1);
	tcheck(m1 == -PT_EEXIST && m2 == -PT_EROFS && m3 == -PT_ENOENT && r1 == -PT_ENOTDIR && r2 == -PT_ENOENT &&
		       r3 == -PT_EROFS && u1 == -PT_EISDIR && u2 == -PT_EROFS && u3 == -PT_EROFS && u4 == -PT_EINVAL,
	       "FS-016", "mkdir, rmdir, unlink and unlinkat: EEXIST, ENOENT, ENOTDIR, EISDIR before EROFS",
	       "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", m1, m2, m3, r1, r2, r3, u1, u2, u3, u4);
	long n1 = sys_rename("/pt-none", "/x"), n2 = sys_rename(PT_RELEASE, "/x"), n3 = sys_rename(PT_RELEASE, "/no/dir/x");
	long l1 = sys_link("/etc", "/x"), l2 = sys_link(PT_RELEASE, "/etc");
	long s1 = sys_symlink("", "/x"), s2 = sys_symlink("t", "/etc"), s3 = sys_symlink("t", "/proc/pt-new-link");
	tcheck(n1 == -PT_ENOENT && n2 == -PT_EROFS && n3 == -PT_ENOENT && l1 == -PT_EPERM && l2 == -PT_EEXIST &&
		       s1 == -PT_ENOENT && s2 == -PT_EEXIST && s3 == -PT_EROFS,
	       "FS-017", "rename, link and symlink: the names are checked before EROFS", "%ld %ld %ld %ld %ld %ld %ld %ld",
	       n1, n2, n3, l1, l2, s1, s2, s3);
	long fd = sys_open(PT_RELEASE, AEGIS_O_RDONLY, 0);
	long c1 = sys_chmod(PT_RELEASE, 0600), c2 = sys_chmod("/pt-none", 0600), c3 = sys_chown(PT_RELEASE, 1, 1);
	long c4 = sys_fchmod((int)fd, 0600), c5 = sys_fchmod(99, 0600);
	long t1 = sys_truncate("/etc", 0), t2 = sys_truncate(PT_RELEASE, 0), t3 = sys_truncate(PT_RELEASE, -1);
	long t4 = sys_ftruncate((int)fd, 0), t5 = sys_ftruncate(99, 0);
	tcheck(c1 == -PT_EROFS && c2 == -PT_ENOENT && c3 == -PT_EROFS && c4 == -PT_EROFS && c5 == -PT_EBADF &&
		       t1 == -PT_EISDIR && t2 == -PT_EROFS && t3 == -PT_EINVAL && t4 == -PT_EINVAL && t5 == -PT_EBADF,
	       "FS-018", "chmod, chown, fchmod, truncate and ftruncate on the read-only namespace",
	       "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", c1, c2, c3, c4, c5, t1, t2, t3, t4, t5);
	int fds[2];
	sys_pipe(fds);
	long y1 = sys_sync(), y2 = sys_fsync((int)fd), y3 = sys_fsync(fds[0]), y4 = sys_fsync(99);
	tcheck(y1 == 0 && y2 == 0 && y3 == -PT_EINVAL && y4 == -PT_EBADF, "FS-019",
	       "sync and fsync: nothing pending; a pipe cannot be synced", "%ld %ld %ld %ld", y1, y2, y3, y4);
	sys_close(fds[0]);
	sys_close(fds[1]);
	sys_close((int)fd);
}

void pt_run_files(void)
{
	files_namespace();
	files_read_only();
	files_read_only_changes();
	files_open_flags();
	files_offsets();
	files_listing();
	files_cwd();
	files_umask();
	files_links();
	files_proc_text();
	files_access();
	files_fcntl_ioctl();
	files_paths();
	files_exec();
	files_devices();
	files_bad_pointers();
}
