/*
 * The roles the set-ID copies of credcheck play (spec/credentials.md
 * CRED-047, CRED-087, CRED-088, CRED-090): the developer, who arrives by the
 * set-user-ID copy owned by 1000 and drops the real IDs for good; the
 * project tool, set-user-ID to the project account, which switches between
 * the two users with setresuid; and "ids", which exits 0 when its IDs are
 * the ones its arguments name.  Each role reports its own checks and exits
 * non-zero when one failed, which the driver reports again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "credcheck.h"
#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define CC_DETAIL 192
#define CC_IDS_ARGS 8
#define CC_DIR_MODE 0755u
#define CC_FILE_MODE 0644u
#define CC_SHARED_MODE 0664u
#define CC_DENIED_MODE 0604u
#define CC_STATE_MAX 16
#define DEV_DIR "/tmp/dev"
#define WORK_DIR "/tmp/dev/work"
#define WORK_DIR_2 "/tmp/dev/work2"
#define PROJECT_DIR "/tmp/project"
#define STATE "/tmp/project/state"
#define SHARED "/tmp/project/shared"
#define DENIED "/tmp/project/denied"
#define STATE_V1 "v1"
#define STATE_V2 "v2"

static char detail[CC_DETAIL];

static long write_file(const char *path, int flags, const char *text)
{
	long fd = sys_open(path, AEGIS_O_WRONLY | flags, CC_FILE_MODE);
	if (fd < 0)
		return fd;
	long n = sys_write((int)fd, text, strlen(text));
	sys_close((int)fd);
	return n < 0 ? n : 0;
}

static bool owner_is(const char *path, uint32_t uid)
{
	aegis_stat_t st;
	return sys_stat(path, &st) == 0 && st.st_uid == uid;
}

int cc_ids_main(int argc, char **argv)
{
	if (argc != CC_IDS_ARGS)
		return 2;
	uint32_t id[CC_IDS_ARGS - 2];
	for (int i = 2; i < CC_IDS_ARGS; i++)
		id[i - 2] = (uint32_t)strtoul(argv[i], NULL, 10);
	if (cc_ids_are(id[0], id[1], id[2], id[3], id[4], id[5], detail, sizeof(detail)))
		return 0;
	uio_printf(1, "credcheck ids: %s\n", detail);
	return 1;
}

/* The tool: euid 500 by its set-user-ID bit, real uid the developer's. */
int cc_tool_main(void)
{
	tcheck(cc_ids_are(CC_DEV_UID, CC_PROJECT_UID, CC_PROJECT_UID, CC_DEV_GID, CC_DEV_GID, CC_DEV_GID, detail,
			  sizeof(detail)),
	       "CRED-087", "set-user-ID exec: effective and saved uid from the owner, real uid kept", "%s", detail);
	long m = sys_mkdir(PROJECT_DIR, CC_DIR_MODE);
	long w = write_file(STATE, AEGIS_O_CREAT | AEGIS_O_EXCL, STATE_V1);
	long s1 = write_file(SHARED, AEGIS_O_CREAT, STATE_V1);
	long s2 = write_file(DENIED, AEGIS_O_CREAT, STATE_V1);
	long c = sys_chmod(SHARED, CC_SHARED_MODE) | sys_chmod(DENIED, CC_DENIED_MODE);
	tcheck(m == 0 && w == 0 && s1 == 0 && s2 == 0 && c == 0 && owner_is(STATE, CC_PROJECT_UID), "CRED-090",
	       "as the project account the tool creates the project and its state file", "%ld %ld %ld %ld %ld", m, w, s1,
	       s2, c);
	long to_dev = sys_setresuid(CC_NONE, CC_DEV_UID, CC_NONE);
	long ws = write_file(STATE, 0, STATE_V2);
	long cp = write_file(PROJECT_DIR "/x", AEGIS_O_CREAT, STATE_V1);
	long wd = sys_mkdir(WORK_DIR, CC_DIR_MODE);
	tcheck(to_dev == 0 && ws == -EACCES && cp == -EACCES && wd == 0 && owner_is(WORK_DIR, CC_DEV_UID), "CRED-090",
	       "as the developer the tool cannot touch the project but creates the work directory",
	       "setresuid %ld, state %ld, create %ld, mkdir %ld", to_dev, ws, cp, wd);
	long back = sys_setresuid(CC_NONE, CC_PROJECT_UID, CC_NONE);
	long w2 = write_file(STATE, AEGIS_O_TRUNC, STATE_V2);
	long wd2 = sys_mkdir(WORK_DIR_2, CC_DIR_MODE);
	tcheck(back == 0 && w2 == 0 && wd2 == -EACCES, "CRED-090",
	       "back as the project account: writes the state file, cannot create in the developer's directory",
	       "setresuid %ld, state %ld, mkdir %ld", back, w2, wd2);
	return tcheck_summary("credcheck-tool") ? 0 : 1;
}

/* The developer acting directly: no path to the project's files (CRED-090), groups by egid (CRED-088). */
static void check_developer_cannot(void)
{
	long r[12];
	r[0] = sys_open(STATE, AEGIS_O_WRONLY, 0);
	r[1] = sys_open(STATE, AEGIS_O_RDWR | AEGIS_O_TRUNC, 0);
	r[2] = sys_truncate(STATE, 0);
	r[3] = sys_rename(STATE, PROJECT_DIR "/moved");
	r[4] = sys_rename(STATE, DEV_DIR "/stolen");
	r[5] = sys_unlink(STATE);
	r[6] = sys_chmod(STATE, 0666);
	r[7] = sys_chown(STATE, CC_DEV_UID, CC_DEV_GID);
	r[8] = sys_open(PROJECT_DIR "/new", AEGIS_O_WRONLY | AEGIS_O_CREAT, CC_FILE_MODE);
	r[9] = sys_mkdir(PROJECT_DIR "/sub", CC_DIR_MODE);
	r[10] = sys_setuid(CC_PROJECT_UID);
	r[11] = sys_setresuid(CC_NONE, CC_PROJECT_UID, CC_NONE);
	static const long want[12] = { -EACCES, -EACCES, -EACCES, -EACCES, -EACCES, -EACCES,
				       -EPERM,  -ENOCAP, -EACCES, -EACCES, -ENOCAP, -ENOCAP };
	bool all = true;
	for (unsigned i = 0; i < 12; i++)
		all = all && r[i] == want[i];
	char text[CC_STATE_MAX] = { 0 };
	long fd = sys_open(STATE, AEGIS_O_RDONLY, 0);
	long n = fd >= 0 ? sys_read((int)fd, text, sizeof(text) - 1) : fd;
	if (fd >= 0)
		sys_close((int)fd);
	tcheck(all && n == (long)strlen(STATE_V2) && strcmp(text, STATE_V2) == 0, "CRED-090",
	       "the developer acting directly cannot modify the project's files by any path",
	       "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld; state '%s' (%ld)", r[0], r[1], r[2], r[3], r[4], r[5], r[6],
	       r[7], r[8], r[9], r[10], r[11], text, n);
	long shared = write_file(SHARED, 0, STATE_V2);
	long denied = sys_open(DENIED, AEGIS_O_RDONLY, 0);
	tcheck(shared == 0 && denied == -EACCES, "CRED-088",
	       "the group class by effective gid: 0664 lets the group write, 0604 shuts the group out", "%ld %ld", shared,
	       denied);
}

int cc_dev_main(void)
{
	tcheck(cc_ids_are(CC_ROOT_ID, CC_DEV_UID, CC_DEV_UID, CC_ROOT_ID, CC_DEV_GID, CC_DEV_GID, detail, sizeof(detail)) &&
		       sys_getgroups(0, NULL) == 0,
	       "CRED-087", "set-user-ID and set-group-ID exec: effective and saved IDs from the file, real kept", "%s",
	       detail);
	cc_run_model();
	long g = sys_setresgid(CC_DEV_GID, CC_DEV_GID, CC_DEV_GID);
	long u = sys_setresuid(CC_DEV_UID, CC_DEV_UID, CC_DEV_UID);
	tcheck(g == 0 && u == 0 && sys_setuid(CC_ROOT_ID) == -ENOCAP, "CRED-080",
	       "a set-user-ID program drops its real ID for good", "%ld %ld", g, u);
	const char *sgid[] = { "ids", "1000", "1000", "1000", "100", "600", "600", NULL };
	const char *nox[] = { "ids", "1000", "1000", "1000", "100", "100", "100", NULL };
	int s1 = cc_run(CC_SGID, sgid), s2 = cc_run(CC_SGID_NOX, nox);
	tcheck(cc_exited_ok(s1), "CRED-087", "set-group-ID with group execute: egid and sgid from the file",
	       "status %#x", s1);
	tcheck(cc_exited_ok(s2), "CRED-087", "set-group-ID without group execute changes no identity", "status %#x", s2);
	long k1 = sys_kill(1, 0), k2 = sys_kill((int)sys_getpid(), 0);
	tcheck(k1 == -ENOCAP && k2 == 0, "CRED-047", "kill: PID 1 (another uid's) is -ENOCAP, itself is allowed",
	       "%ld %ld", k1, k2);
	long d = sys_mkdir(DEV_DIR, CC_DIR_MODE);
	const char *tool[] = { "tool", NULL };
	int st = cc_run(CC_TOOL, tool);
	tcheck(d == 0 && cc_exited_ok(st), "CRED-090", "the project tool ran as set-user-ID 500 and passed its checks",
	       "mkdir %ld, status %#x", d, st);
	check_developer_cannot();
	return tcheck_summary("credcheck-dev") ? 0 : 1;
}
