/*
 * /proc/<pid>, memfd, epoll_pwait and the /etc/shadow gate
 * (spec/filesystems.md FS-063, FS-088, FS-111, FS-130).  Runs on both
 * builds; the shadow checks need a writable root (the sim's ext2).
 */
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "proctest.h"
#include "pt_status.h"
#include "tcheck/tcheck.h"

#define PP_PATH 128
#define PT_EROFS_PP 30
#define PP_TEXT 4096
#define PP_ENOCAP 130
#define PP_EPOLL_CTL_ADD 1
#define PP_EPOLLIN 0x1u
#define PP_MEMFD_CLOEXEC 0x1u
#define PP_MEMFD_BAD_FLAG 0x100u
#define PP_MEMFD_BYTES (1u << 20)
#define PP_SHADOW "/etc/shadow"
#define PP_SHADOW_NEW "/etc/pt-shadow-new"
#define PP_SHADOW_SAVED "/etc/pt-shadow-saved" /* the shipped /etc/shadow, moved aside meanwhile */
#define PP_SHADOW_LINK "/tmp/pt-shadow-link"
#define PP_SHADOW_HARD "/pt-shadow-hard"

static char pp_text[PP_TEXT];

static long pp_read_all(const char *path)
{
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	if (fd < 0)
		return fd;
	long total = 0, n;
	while (total < (long)sizeof(pp_text) - 1 &&
	       (n = sys_read((int)fd, pp_text + total, sizeof(pp_text) - 1 - (size_t)total)) > 0)
		total += n;
	pp_text[total] = '\0';
	sys_close((int)fd);
	return total;
}

/* FS-088: self, the pid directory, its files and links. */
static void pp_proc_dirs(void)
{
	long pid = sys_getpid();
	char want[PP_PATH], self[PP_PATH] = { 0 }, path[PP_PATH], link[PP_PATH] = { 0 };
	snprintf(want, sizeof(want), "%ld", pid);
	long n = sys_readlink("/proc/self", self, sizeof(self) - 1);
	bool listed = tcheck_dir_has("/proc", want) && tcheck_dir_has("/proc", "self");
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	long st = pp_read_all(path);
	char head[PP_PATH];
	snprintf(head, sizeof(head), "%ld (", pid);
	bool stat_ok = st > 0 && strncmp(pp_text, head, strlen(head)) == 0;
	tcheck(n == (long)strlen(want) && strcmp(self, want) == 0 && listed && stat_ok, "FS-088",
	       "/proc/self links to the caller's directory, listed in /proc with its stat",
	       "readlink %ld '%s' listed %d stat %ld '%.20s'", n, self, listed, st, pp_text);
	long fd = sys_open("/tmp/pt-fd-target", AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC, 0600);
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", fd);
	long l = sys_readlink(path, link, sizeof(link) - 1);
	sys_rename("/tmp/pt-fd-target", "/tmp/pt-fd-moved");
	char moved[PP_PATH] = { 0 };
	long l2 = sys_readlink(path, moved, sizeof(moved) - 1);
	bool in_dir = tcheck_dir_has("/proc/self/fd", path + strlen("/proc/self/fd/"));
	sys_close((int)fd);
	long gone = sys_readlink(path, moved + 64, 8);
	sys_unlink("/tmp/pt-fd-moved");
	char cwd[PP_PATH] = { 0 };
	long c = sys_readlink("/proc/self/cwd", cwd, sizeof(cwd) - 1);
	tcheck(l > 0 && strcmp(link, "/tmp/pt-fd-target") == 0 && l2 > 0 && strcmp(moved, "/tmp/pt-fd-moved") == 0 &&
		       in_dir && gone == -PT_ENOENT && c == 1 && cwd[0] == '/',
	       "FS-088", "/proc/<pid>/fd names open files by their current path; cwd links to the working directory",
	       "fd %ld '%s' after rename %ld '%s' listed %d closed %ld cwd %ld '%s'", l, link, l2, moved, in_dir, gone, c,
	       cwd);
	long none = sys_open("/proc/999999/status", AEGIS_O_RDONLY, 0);
	tcheck(none == -PT_ENOENT, "FS-088", "a pid with no process has no directory", "%ld", none);
}

/* FS-111: memfd_create. */
static void pp_memfd(void)
{
	long fd = sys_memfd_create("pt", PP_MEMFD_CLOEXEC);
	static char block[PP_MEMFD_BYTES];
	memset(block, 'm', sizeof(block));
	long w = fd >= 0 ? sys_write((int)fd, block, sizeof(block)) : fd;
	char back[4] = { 0 };
	long r = sys_pread64((int)fd, back, 3, PP_MEMFD_BYTES - 3);
	aegis_stat_t st;
	long s = sys_fstat((int)fd, &st);
	long t = sys_ftruncate((int)fd, 10);
	long s2 = sys_fstat((int)fd, &st);
	long bad = sys_memfd_create("pt", PP_MEMFD_BAD_FLAG);
	sys_close((int)fd);
	tcheck(fd >= 0 && w == (long)PP_MEMFD_BYTES && r == 3 && strcmp(back, "mmm") == 0 && s == 0 && t == 0 &&
		       s2 == 0 && st.st_size == 10 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFREG && bad == -PT_EINVAL,
	       "FS-111", "memfd_create makes a nameless regular file that reads, writes and truncates",
	       "fd %ld write %ld pread %ld truncate %ld size %ld bad %ld", fd, w, r, t, (long)st.st_size, bad);
}

/* FS-063: epoll_pwait with and without a mask. */
static void pp_epoll_pwait(void)
{
	int fds[2];
	sys_pipe(fds);
	long ep = sys_epoll_create1(0);
	aegis_epoll_event_t ev = { PP_EPOLLIN, 7 };
	sys_epoll_ctl((int)ep, PP_EPOLL_CTL_ADD, fds[0], &ev);
	aegis_epoll_event_t out = { 0, 0 };
	aegis_sigset_t mask = 0;
	long empty = sys_epoll_pwait((int)ep, &out, 1, 0, &mask, sizeof(mask));
	sys_write(fds[1], "x", 1);
	long ready = sys_epoll_pwait((int)ep, &out, 1, 0, NULL, 0);
	long badsize = sys_epoll_pwait((int)ep, &out, 1, 0, &mask, 4);
	sys_close((int)ep);
	sys_close(fds[0]);
	sys_close(fds[1]);
	tcheck(empty == 0 && ready == 1 && out.data == 7 && badsize == -PT_EINVAL, "FS-063",
	       "epoll_pwait waits like epoll_wait, with the mask checked", "%ld %ld data %llu %ld", empty, ready,
	       (unsigned long long)out.data, badsize);
}

/* FS-130: /etc/shadow needs AUTH whatever the name; proctest (PID 1) has no AUTH. */
static void pp_shadow(void)
{
	long made = sys_open(PP_SHADOW_NEW, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_EXCL, 0600);
	if (made == -PT_EROFS_PP) {
		tcheck_skip("FS-130", "/etc/shadow needs AUTH", "no writable /etc in this boot");
		return;
	}
	sys_close((int)made);
	/* Only open is gated: the shipped shadow (if any) moves aside so the name is missing, and back at the end. */
	long saved = sys_rename(PP_SHADOW, PP_SHADOW_SAVED);
	aegis_stat_t st;
	long create = sys_open(PP_SHADOW, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_EXCL, 0600);
	long left = sys_stat(PP_SHADOW, &st);
	long moved = sys_rename(PP_SHADOW_NEW, PP_SHADOW);
	tcheck(made >= 0 && create == -PP_ENOCAP && left == -PT_ENOENT && moved == 0, "FS-130",
	       "creating /etc/shadow with open needs AUTH and leaves no file; a rename puts one there",
	       "made %ld create %ld stat %ld rename %ld", made, create, left, moved);
	long direct = sys_open(PP_SHADOW, AEGIS_O_RDONLY, 0);
	sys_symlink(PP_SHADOW, PP_SHADOW_LINK);
	long via_link = sys_open(PP_SHADOW_LINK, AEGIS_O_RDONLY, 0);
	long hard = sys_link(PP_SHADOW, PP_SHADOW_HARD);
	long via_hard = sys_open(PP_SHADOW_HARD, AEGIS_O_RDONLY, 0);
	long relative = sys_chdir("/etc") == 0 ? sys_open("shadow", AEGIS_O_RDONLY, 0) : -1;
	sys_chdir("/");
	long other = sys_open("/etc/hostname", AEGIS_O_RDONLY, 0);
	sys_close((int)other);
	sys_unlink(PP_SHADOW_HARD);
	sys_unlink(PP_SHADOW_LINK);
	sys_unlink(PP_SHADOW);
	if (saved == 0)
		sys_rename(PP_SHADOW_SAVED, PP_SHADOW);
	tcheck(direct == -PP_ENOCAP && via_link == -PP_ENOCAP && hard == 0 && via_hard == -PP_ENOCAP &&
		       relative == -PP_ENOCAP && other >= 0,
	       "FS-130", "/etc/shadow needs AUTH by its name, a symlink, a hard link and a relative path",
	       "%ld %ld link %ld %ld %ld other %ld", direct, via_link, hard, via_hard, relative, other);
}

void pt_run_procfs(void)
{
	pp_proc_dirs();
	pp_memfd();
	pp_epoll_pwait();
	pp_shadow();
}
