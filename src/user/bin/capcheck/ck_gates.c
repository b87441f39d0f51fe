/*
 * The gates of CAP-110 through the real calls: a child of PID 1 gives a
 * capability up with cap_drop, makes the gated call and reports by its exit
 * status whether it got -ENOCAP (it may not be able to write any more).
 * Then the kill rules of CAP-112 and what cap_drop leaves (CAP-104).
 */
#include "capcheck.h"

#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define CK_DIR "/tmp/capcheck-dir"
#define CK_FILE "/tmp/capcheck-file"
#define CK_LINK "/tmp/capcheck-link"
#define CK_NEW "/tmp/capcheck-new"
#define CK_TEXT "capability gates\n"
#define CK_MODE_FILE 0644u
#define CK_MODE_DIR 0755u
#define CK_SHORT 4
#define CK_BUF 64

typedef struct {
	const char *name;
	uint32_t kind, rights;
	long (*call)(int fd, char *buf);
} ck_gate_t;

static long g_open(int fd, char *buf) { (void)fd; (void)buf; return sys_open(CK_FILE, AEGIS_O_RDONLY, 0); }
static long g_read(int fd, char *buf) { return sys_read(fd, buf, 1); }
static long g_readv(int fd, char *buf) { aegis_iovec_t v = { buf, 1 }; return sys_readv(fd, &v, 1); }
static long g_pread(int fd, char *buf) { return sys_pread64(fd, buf, 1, 0); }
static long g_readlink(int fd, char *buf) { (void)fd; return sys_readlink(CK_LINK, buf, CK_BUF); }
static long g_write(int fd, char *buf) { (void)buf; return sys_write(fd, "x", 1); }
static long g_writev(int fd, char *buf) { aegis_iovec_t v = { buf, 1 }; return sys_writev(fd, &v, 1); }
static long g_pwrite(int fd, char *buf) { (void)buf; return sys_pwrite64(fd, "x", 1, 0); }
static long g_mkdir(int fd, char *buf) { (void)fd; (void)buf; return sys_mkdir(CK_NEW, CK_MODE_DIR); }
static long g_rmdir(int fd, char *buf) { (void)fd; (void)buf; return sys_rmdir(CK_DIR); }
static long g_unlink(int fd, char *buf) { (void)fd; (void)buf; return sys_unlink(CK_FILE); }
static long g_rename(int fd, char *buf) { (void)fd; (void)buf; return sys_rename(CK_FILE, CK_NEW); }
static long g_symlink(int fd, char *buf) { (void)fd; (void)buf; return sys_symlink(CK_FILE, CK_NEW); }
static long g_link(int fd, char *buf) { (void)fd; (void)buf; return sys_link(CK_FILE, CK_NEW); }
static long g_chmod(int fd, char *buf) { (void)fd; (void)buf; return sys_chmod(CK_FILE, 0600u); }
static long g_fchmod(int fd, char *buf) { (void)buf; return sys_fchmod(fd, 0600u); }
static long g_truncate(int fd, char *buf) { (void)fd; (void)buf; return sys_truncate(CK_FILE, CK_SHORT); }
static long g_ftruncate(int fd, char *buf) { (void)buf; return sys_ftruncate(fd, CK_SHORT); }
static long g_utimens(int fd, char *buf) { (void)fd; (void)buf; return sys_utimensat(AEGIS_AT_FDCWD, CK_FILE, NULL, 0); }

static const ck_gate_t CK_GATES[] = {
	{ "open", CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ, g_open },
	{ "read", CAP_KIND_VFS_READ, CAP_RIGHTS_READ, g_read },
	{ "readv", CAP_KIND_VFS_READ, CAP_RIGHTS_READ, g_readv },
	{ "pread64", CAP_KIND_VFS_READ, CAP_RIGHTS_READ, g_pread },
	{ "readlink", CAP_KIND_VFS_READ, CAP_RIGHTS_READ, g_readlink },
	{ "write", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_write },
	{ "writev", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_writev },
	{ "pwrite64", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_pwrite },
	{ "mkdir", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_mkdir },
	{ "rmdir", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_rmdir },
	{ "unlink", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_unlink },
	{ "rename", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_rename },
	{ "symlink", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_symlink },
	{ "link", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_link },
	{ "chmod", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_chmod },
	{ "fchmod", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_fchmod },
	{ "truncate", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_truncate },
	{ "ftruncate", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_ftruncate },
	{ "utimensat", CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, g_utimens },
};

static const ck_gate_t *ck_current;

static int ck_gate_child(void)
{
	char buf[CK_BUF];
	long fd = sys_open(CK_FILE, AEGIS_O_RDWR, 0);
	if (fd < 0 || sys_cap_drop(ck_current->kind, ck_current->rights) != 0)
		return CK_CHILD_FAIL;
	return ck_current->call((int)fd, buf) == -ENOCAP ? CK_CHILD_OK : CK_CHILD_FAIL;
}

static bool ck_file_intact(void)
{
	char text[CK_BUF] = { 0 };
	long fd = sys_open(CK_FILE, AEGIS_O_RDONLY, 0);
	long n = fd >= 0 ? sys_read((int)fd, text, sizeof(text) - 1) : fd;
	if (fd >= 0)
		sys_close((int)fd);
	aegis_stat_t st;
	return n == (long)strlen(CK_TEXT) && strcmp(text, CK_TEXT) == 0 && sys_stat(CK_DIR, &st) == 0 &&
	       sys_lstat(CK_NEW, &st) == -ENOENT && sys_stat(CK_FILE, &st) == 0 && (st.st_mode & 0777u) == CK_MODE_FILE;
}

void ck_gates(void)
{
	long fd = sys_open(CK_FILE, AEGIS_O_RDWR | AEGIS_O_CREAT | AEGIS_O_TRUNC, CK_MODE_FILE);
	long w = fd >= 0 ? sys_write((int)fd, CK_TEXT, strlen(CK_TEXT)) : fd;
	if (fd >= 0)
		sys_close((int)fd);
	long d = sys_mkdir(CK_DIR, CK_MODE_DIR);
	long l = sys_symlink(CK_FILE, CK_LINK);
	if (w != (long)strlen(CK_TEXT) || d != 0 || l != 0) {
		tcheck(false, "CAP-110", "set up the files the gated calls aim at", "write %ld mkdir %ld symlink %ld", w, d, l);
		return;
	}
	for (size_t i = 0; i < sizeof(CK_GATES) / sizeof(CK_GATES[0]); i++) {
		ck_current = &CK_GATES[i];
		int s = ck_in_child(ck_gate_child);
		char text[CK_BUF * 2];
		strcpy(text, ck_current->name);
		strcat(text, " without its capability is -ENOCAP");
		tcheck(s == CK_CHILD_OK, "CAP-110", text, "child status %d", s);
	}
	tcheck(ck_file_intact(), "CAP-110", "the refused calls changed no file, name or mode", "see the files in /tmp");
}

static int ck_drop_child(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	bool ok = sys_cap_drop(CAP_KIND_POWER, CAP_RIGHTS_ALL) == 0 && sys_cap_drop(CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE) == 0 &&
		  sys_cap_drop(CAP_KIND_POWER, CAP_RIGHTS_READ) == 0 && ck_holds_exactly(want);
	/* Dropping the read right of PROC_READ empties its slot. */
	want[CAP_KIND_PROC_READ] = 0;
	ok = ok && sys_cap_drop(CAP_KIND_PROC_READ, CAP_RIGHTS_READ) == 0 && ck_holds_exactly(want);
	return ok ? CK_CHILD_OK : CK_CHILD_FAIL;
}

/* Without POWER: PID 1 is out of reach; itself and its own child are not. */
static int ck_kill_child(void)
{
	if (sys_cap_drop(CAP_KIND_POWER, CAP_RIGHTS_ALL) != 0 || sys_cap_drop(CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE) != 0)
		return CK_CHILD_FAIL;
	bool ok = sys_kill(1, 0) == -ENOCAP && sys_tkill(1, 0) == -ENOCAP && sys_kill((int)sys_getpid(), 0) == 0;
	long pid = sys_fork();
	if (pid == 0) {
		for (;;)
			(void)sys_pause();
	}
	ok = ok && pid > 0 && sys_kill((int)pid, 0) == 0 && sys_kill((int)pid, SIGKILL) == 0;
	int status;
	(void)sys_wait4((int)pid, &status, 0, NULL);
	return ok ? CK_CHILD_OK : CK_CHILD_FAIL;
}

static int ck_kill_with_power(void)
{
	return sys_kill(1, 0) == 0 ? CK_CHILD_OK : CK_CHILD_FAIL;
}

void ck_kill_rules(void)
{
	int s = ck_in_child(ck_drop_child);
	tcheck(s == CK_CHILD_OK, "CAP-104", "cap_drop removes exactly the rights given and empties a slot with none left",
	       "child status %d", s);
	s = ck_in_child(ck_kill_child);
	tcheck(s == CK_CHILD_OK, "CAP-112",
	       "without POWER kill and tkill of PID 1 are -ENOCAP; itself and its child need nothing", "child status %d", s);
	s = ck_in_child(ck_kill_with_power);
	tcheck(s == CK_CHILD_OK, "CAP-112", "with POWER(R) a child may signal PID 1",
	       "child status %d", s);
}
