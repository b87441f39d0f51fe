/*
 * Changing the namespace (spec/filesystems.md FS-020..FS-027, FS-100,
 * FS-110): the same checks run in /tmp (ramfs, both builds) and in a
 * directory of the ext2 root where the boot has one.  Each check names the
 * file system it ran on.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "proctest.h"
#include "pt_status.h"
#include "tcheck/tcheck.h"

#define PW_EEXIST 17
#define PW_EISDIR 21
#define PW_ENOTDIR 20
#define PW_ENOTEMPTY 39
#define PW_EXDEV 18
#define PW_ENOSPC 28
#define PW_EPERM 1
#define PW_RENAME_NOREPLACE 1u
#define PW_PATH 256
#define PW_BIG (64u * 1024u)      /* a file larger than 12 blocks of any block size */
#define PW_HOLE_AT (1u << 20)     /* where the sparse write lands */
#define PW_CHUNK (256u * 1024u)   /* bytes per write when filling /tmp */
#define PW_TMP_LIMIT (16u << 20)  /* /tmp's limit (FS-100) */
#define PW_EXT2_DIR "/pt-ext2"
#define PW_UMASK 022 /* the umask proctest runs with */
#define PW_AT_FDCWD (-100)
#define PW_UTIME_OMIT ((1l << 30) - 2l)
#define PW_MAGIC_RAMFS 0x858458F6
#define PW_MAGIC_EXT2 0xEF53

static char pw_buf[PW_CHUNK];
static char pw_back[PW_BIG];

/* base/name into out (PW_PATH bytes); the names here are short, a longer one is cut. */
static void pw_path(char *out, const char *base, const char *name)
{
	size_t b = strlen(base), n = strlen(name);
	if (b > PW_PATH / 2)
		b = PW_PATH / 2;
	if (n > PW_PATH / 2 - 2)
		n = PW_PATH / 2 - 2;
	memcpy(out, base, b);
	out[b] = '/';
	memcpy(out + b + 1, name, n);
	out[b + 1 + n] = '\0';
}

static long pw_write_file(const char *path, const void *data, size_t len, uint32_t extra)
{
	long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_CREAT | extra, 0644);
	if (fd < 0)
		return fd;
	long n = sys_write((int)fd, data, len);
	sys_close((int)fd);
	return n;
}

static long pw_read_file(const char *path, void *buf, size_t cap)
{
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	if (fd < 0)
		return fd;
	long total = 0, n;
	while ((size_t)total < cap && (n = sys_read((int)fd, (char *)buf + total, cap - (size_t)total)) > 0)
		total += n;
	sys_close((int)fd);
	return total;
}

static void pw_fill(size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		pw_buf[i] = (char)((i * 131u + seed) & 0xFF);
}

/* FS-020, FS-021: create, write, append, pwrite, holes, stat. */
static void pw_create_write(const char *fs, const char *base)
{
	char f[PW_PATH];
	pw_path(f, base, "data");
	pw_fill(PW_BIG, 7);
	long w = pw_write_file(f, pw_buf, PW_BIG, AEGIS_O_TRUNC);
	long r = pw_read_file(f, pw_back, sizeof(pw_back));
	aegis_stat_t st;
	long s = sys_stat(f, &st);
	tcheck(w == PW_BIG && r == PW_BIG && memcmp(pw_buf, pw_back, PW_BIG) == 0 && s == 0 && st.st_size == PW_BIG &&
		       (st.st_mode & 0777) == (0644 & ~PW_UMASK) && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFREG,
	       "FS-020", "O_CREAT makes a regular file and a large write reads back", "%s: write %ld read %ld mode 0%o",
	       fs, w, r, st.st_mode);
	long fd = sys_open(f, AEGIS_O_WRONLY | AEGIS_O_APPEND, 0);
	sys_lseek((int)fd, 0, AEGIS_SEEK_SET);
	long a = sys_write((int)fd, "tail", 4);
	long pw = sys_pwrite64((int)fd, "HEAD", 4, 0);
	long pos = sys_lseek((int)fd, 0, AEGIS_SEEK_CUR);
	sys_close((int)fd);
	char head[4] = { 0 }, tail[4] = { 0 };
	long fd2 = sys_open(f, AEGIS_O_RDONLY, 0);
	sys_pread64((int)fd2, head, 4, 0);
	sys_pread64((int)fd2, tail, 4, PW_BIG);
	sys_close((int)fd2);
	tcheck(a == 4 && pw == 4 && pos == PW_BIG + 4 && memcmp(head, "HEAD", 4) == 0 && memcmp(tail, "tail", 4) == 0,
	       "FS-021", "O_APPEND writes at the end; pwrite64 writes where asked and keeps the offset",
	       "%s: append %ld pwrite %ld pos %ld", fs, a, pw, pos);
	char hole[PW_PATH];
	pw_path(hole, base, "sparse");
	long hfd = sys_open(hole, AEGIS_O_RDWR | AEGIS_O_CREAT | AEGIS_O_EXCL, 0600);
	long hw = sys_pwrite64((int)hfd, "x", 1, PW_HOLE_AT);
	char zero[16];
	memset(zero, 1, sizeof(zero));
	long hr = sys_pread64((int)hfd, zero, sizeof(zero), PW_HOLE_AT / 2);
	long ex = sys_open(hole, AEGIS_O_RDWR | AEGIS_O_CREAT | AEGIS_O_EXCL, 0600);
	sys_fstat((int)hfd, &st);
	sys_close((int)hfd);
	bool zeros = true;
	for (size_t i = 0; i < sizeof(zero); i++)
		zeros = zeros && zero[i] == 0;
	tcheck(hw == 1 && hr == (long)sizeof(zero) && zeros && st.st_size == PW_HOLE_AT + 1 && ex == -PW_EEXIST,
	       "FS-021", "a write past the end leaves a hole of zeros", "%s: %ld %ld size %ld excl %ld", fs, hw, hr,
	       (long)st.st_size, ex);
}

/* FS-023: truncate shrinks and grows; ftruncate needs write access. */
static void pw_truncate(const char *fs, const char *base)
{
	char f[PW_PATH];
	pw_path(f, base, "data");
	long t1 = sys_truncate(f, 10);
	long t2 = sys_truncate(f, 20);
	char back[20];
	long r = pw_read_file(f, back, sizeof(back));
	bool tail_zero = true;
	for (int i = 10; i < 20; i++)
		tail_zero = tail_zero && back[i] == 0;
	long fd = sys_open(f, AEGIS_O_RDONLY, 0);
	long t3 = sys_ftruncate((int)fd, 0);
	sys_close((int)fd);
	long fdw = sys_open(f, AEGIS_O_WRONLY | AEGIS_O_TRUNC, 0);
	aegis_stat_t st;
	sys_fstat((int)fdw, &st);
	sys_close((int)fdw);
	tcheck(t1 == 0 && t2 == 0 && r == 20 && memcmp(back, "HEAD", 4) == 0 && tail_zero && t3 == -PT_EINVAL &&
		       st.st_size == 0,
	       "FS-023", "truncate shrinks and grows with zeros; ftruncate needs write; O_TRUNC empties",
	       "%s: %ld %ld read %ld ftruncate %ld size %ld", fs, t1, t2, r, t3, (long)st.st_size);
}

/* FS-024: unlink while open, link counts, rmdir of a non-empty directory. */
static void pw_unlink_link(const char *fs, const char *base)
{
	char f[PW_PATH], g[PW_PATH], d[PW_PATH], inner[PW_PATH];
	pw_path(f, base, "keep");
	pw_path(g, base, "keep-link");
	pw_path(d, base, "dir");
	pw_path(inner, d, "inner");
	pw_write_file(f, "persist", 7, AEGIS_O_TRUNC);
	long l = sys_link(f, g);
	aegis_stat_t st;
	sys_stat(f, &st);
	unsigned long links = (unsigned long)st.st_nlink;
	long fd = sys_open(f, AEGIS_O_RDONLY, 0);
	long u1 = sys_unlink(f), u2 = sys_unlink(g);
	char back[8] = { 0 };
	long r = sys_read((int)fd, back, 7);
	long gone = sys_stat(f, &st);
	sys_close((int)fd);
	long m = sys_mkdir(d, 0755);
	pw_write_file(inner, "i", 1, 0);
	long rd1 = sys_rmdir(d);
	long ld = sys_link(d, g);
	long ux = sys_unlink(inner);
	long rd2 = sys_rmdir(d);
	tcheck(l == 0 && links == 2 && u1 == 0 && u2 == 0 && r == 7 && memcmp(back, "persist", 7) == 0 &&
		       gone == -PT_ENOENT && m == 0 && rd1 == -PW_ENOTEMPTY && ld == -PW_EPERM && ux == 0 && rd2 == 0,
	       "FS-024", "link counts names, an unlinked open file stays readable, rmdir wants an empty directory",
	       "%s: link %ld nlink %lu unlink %ld %ld read %ld stat %ld mkdir %ld rmdir %ld linkdir %ld rmdir %ld", fs, l,
	       links, u1, u2, r, gone, m, rd1, ld, rd2);
}

/* FS-025, FS-027: rename of files and directories, and getcwd following a move. */
static void pw_rename(const char *fs, const char *base)
{
	char a[PW_PATH], b[PW_PATH], d1[PW_PATH], d2[PW_PATH], sub[PW_PATH], moved_sub[PW_PATH];
	pw_path(a, base, "ra");
	pw_path(b, base, "rb");
	pw_path(d1, base, "rd1");
	pw_path(d2, base, "rd2");
	pw_path(sub, d1, "sub");
	pw_path(moved_sub, d2, "sub");
	pw_write_file(a, "A", 1, AEGIS_O_TRUNC);
	pw_write_file(b, "B", 1, AEGIS_O_TRUNC);
	long nr = sys_renameat2(PW_AT_FDCWD, a, PW_AT_FDCWD, b, PW_RENAME_NOREPLACE);
	long r1 = sys_rename(a, b);
	char c = 0;
	pw_read_file(b, &c, 1);
	long gone = sys_stat(a, &(aegis_stat_t){ 0 });
	sys_mkdir(d1, 0755);
	sys_mkdir(sub, 0755);
	long into_self = sys_rename(d1, sub);
	long over_file = sys_rename(d1, b);
	char cwd_before[PW_PATH], cwd_after[PW_PATH];
	sys_getcwd(cwd_before, sizeof(cwd_before));
	sys_chdir(sub);
	long r2 = sys_rename(d1, d2);
	long gl = sys_getcwd(cwd_after, sizeof(cwd_after));
	bool follows = gl > 0 && strcmp(cwd_after, moved_sub) == 0;
	long rm_cwd = sys_rmdir(moved_sub);
	char dead[PW_PATH];
	long gdead = sys_getcwd(dead, sizeof(dead));
	long in_dead = sys_open("new-in-dead", AEGIS_O_WRONLY | AEGIS_O_CREAT, 0600);
	sys_chdir(cwd_before);
	long xdev = sys_rename(b, "/run/pt-xdev");
	tcheck(nr == -PW_EEXIST && r1 == 0 && c == 'A' && gone == -PT_ENOENT && into_self == -PT_EINVAL &&
		       over_file == -PW_ENOTDIR && r2 == 0 && follows && rm_cwd == 0 && gdead == -PT_ENOENT &&
		       xdev == -PW_EXDEV,
	       "FS-025", "rename replaces, refuses loops and kinds, and the working directory follows it",
	       "%s: noreplace %ld rename %ld '%c' into-self %ld over-file %ld dir %ld cwd '%s' rmcwd %ld dead %ld xdev %ld",
	       fs, nr, r1, c, into_self, over_file, r2, cwd_after, rm_cwd, gdead, xdev);
	tcheck(gdead == -PT_ENOENT && in_dead == -PT_ENOENT, "FS-027",
	       "getcwd of a removed directory fails with ENOENT, and nothing can be made in it", "%s: %ld %ld", fs, gdead,
	       in_dead);
	sys_rmdir(d2);
	sys_unlink(b);
}

/* FS-020, FS-022: symlinks, chmod by the owner. */
static void pw_symlink_chmod(const char *fs, const char *base)
{
	char l[PW_PATH], f[PW_PATH], target[PW_PATH] = { 0 };
	pw_path(l, base, "sl");
	pw_path(f, base, "sparse");
	long s = sys_symlink("sparse", l);
	long n = sys_readlink(l, target, sizeof(target) - 1);
	aegis_stat_t st;
	long via = sys_stat(l, &st);
	bool followed = via == 0 && st.st_size == PW_HOLE_AT + 1;
	long c = sys_chmod(f, 0640);
	sys_stat(f, &st);
	tcheck(s == 0 && n == 6 && strcmp(target, "sparse") == 0 && followed && c == 0 && (st.st_mode & 07777) == 0640,
	       "FS-022", "symlink reads back and resolves; the owner may chmod", "%s: symlink %ld readlink %ld chmod %ld mode 0%o",
	       fs, s, n, c, st.st_mode);
	sys_unlink(l);
	sys_unlink(f);
}

/* FS-028, FS-029: statfs reports the kind; utimensat sets times. */
static void pw_statfs_times(const char *fs, const char *base, int64_t magic)
{
	aegis_statfs_t sf;
	long s = sys_statfs(base, &sf);
	char f[PW_PATH];
	pw_path(f, base, "timed");
	pw_write_file(f, "t", 1, AEGIS_O_TRUNC);
	aegis_timespec_t times[2] = { { 1000, 0 }, { 2000, 0 } };
	long u = sys_utimensat(PW_AT_FDCWD, f, times, 0);
	aegis_stat_t st;
	sys_stat(f, &st);
	aegis_timespec_t omit[2] = { { 0, PW_UTIME_OMIT }, { 3000, 0 } };
	long u2 = sys_utimensat(PW_AT_FDCWD, f, omit, 0);
	aegis_stat_t st2;
	sys_stat(f, &st2);
	aegis_timespec_t bad[2] = { { 0, -5 }, { 0, 0 } };
	long u3 = sys_utimensat(PW_AT_FDCWD, f, bad, 0);
	sys_unlink(f);
	tcheck(s == 0 && sf.f_type == magic && sf.f_namelen == 255 && sf.f_blocks > 0 && sf.f_bfree <= sf.f_blocks,
	       "FS-028", "statfs reports the file system's kind and sizes", "%s: %ld type %#llx blocks %llu free %llu", fs,
	       s, (unsigned long long)sf.f_type, (unsigned long long)sf.f_blocks, (unsigned long long)sf.f_bfree);
	tcheck(u == 0 && st.st_atime_sec == 1000 && st.st_mtime_sec == 2000 && u2 == 0 && st2.st_atime_sec == 1000 &&
		       st2.st_mtime_sec == 3000 && u3 == -PT_EINVAL,
	       "FS-029", "utimensat sets, omits and checks times", "%s: %ld a %llu m %llu; %ld a %llu m %llu; bad %ld", fs,
	       u, (unsigned long long)st.st_atime_sec, (unsigned long long)st.st_mtime_sec, u2,
	       (unsigned long long)st2.st_atime_sec, (unsigned long long)st2.st_mtime_sec, u3);
}

static void pw_exercise(const char *fs, const char *base)
{
	pw_create_write(fs, base);
	pw_truncate(fs, base);
	pw_unlink_link(fs, base);
	pw_rename(fs, base);
	pw_symlink_chmod(fs, base);
	char f[PW_PATH];
	pw_path(f, base, "data");
	sys_unlink(f);
}

/* FS-110: /tmp fills to its limit with a short write, then ENOSPC, and gives the space back. */
static void pw_tmp_limit(void)
{
	const char *f = "/tmp/pt-fill";
	long fd = sys_open(f, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC, 0600);
	long total = 0, n = 0;
	pw_fill(PW_CHUNK, 3);
	while (total <= (long)PW_TMP_LIMIT && (n = sys_write((int)fd, pw_buf, PW_CHUNK)) == (long)PW_CHUNK)
		total += n;
	if (n > 0)
		total += n;
	long after = sys_write((int)fd, pw_buf, PW_CHUNK);
	sys_close((int)fd);
	long u = sys_unlink(f);
	long again = pw_write_file(f, pw_buf, PW_CHUNK, AEGIS_O_TRUNC);
	sys_unlink(f);
	tcheck(total > (long)(PW_TMP_LIMIT / 2) && total < (long)PW_TMP_LIMIT && after == -PW_ENOSPC && u == 0 &&
		       again == (long)PW_CHUNK,
	       "FS-110", "/tmp takes writes up to its limit, then ENOSPC, and gives the space back",
	       "wrote %ld then %ld, unlink %ld, again %ld", total, after, u, again);
}

void pt_run_writable(void)
{
	pw_exercise("ramfs", "/tmp");
	pw_statfs_times("ramfs", "/tmp", PW_MAGIC_RAMFS);
	aegis_stat_t st;
	long tmp = sys_stat("/tmp", &st);
	long root_dev = 0;
	aegis_stat_t rst;
	if (sys_stat("/", &rst) == 0)
		root_dev = (long)rst.st_dev;
	tcheck(tmp == 0 && (st.st_mode & 07777) == 01777 && (long)st.st_dev != root_dev, "FS-100",
	       "/tmp is a mounted ramfs, mode 1777, with its own st_dev", "stat %ld mode 0%o dev %lu", tmp, st.st_mode,
	       (unsigned long)st.st_dev);
	long m = sys_mkdir(PW_EXT2_DIR, 0755);
	if (m == 0) {
		pw_exercise("ext2", PW_EXT2_DIR);
		pw_statfs_times("ext2", PW_EXT2_DIR, PW_MAGIC_EXT2);
		tcheck(sys_rmdir(PW_EXT2_DIR) == 0, "FS-024", "the ext2 work directory is empty again and removed", "ext2");
	} else {
		tcheck_skip("FS-020", "the same checks on the ext2 root", "no writable root file system in this boot");
	}
	pw_tmp_limit();
}
