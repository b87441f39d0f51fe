/*
 * unixcheck: the peer's identity (UNIX-050..UNIX-052): SO_PEERCRED of a
 * client that changed its uid and gid before connecting and again after,
 * SO_PEERCAPS of clients that dropped a capability before connecting, after
 * connecting, or not at all, and the listener's snapshot as the client sees it.
 * The uid changes need SETUID, which the test's policy gives /bin/unixcheck.
 */
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "unixcheck.h"

#define UX_PEER_PATH "/tmp/ux-peer.sock"
#define UX_BACKLOG 4
#define UX_DROPPED CAP_KIND_PROC_READ
#define UX_BAD_LEVEL 2
#define UX_BAD_NAME 9999
#define UX_NO_SETUID 5 /* exit code: the child could not change its uid */
#define UX_LATER_UID 1001u /* the IDs the setuid client changes to after connect */
#define UX_LATER_GID 101u
#define UX_KEEP_ID 0xffffffffu /* setresuid/setresgid: leave this ID as it is */
#define UX_ANYONE_MODE 0666u /* the node's mode: the client connects after changing its uid */
#define UX_ACCEPT_WAIT_MS 5000 /* a client that never connects fails its check, not the boot */

/* What a client tells the server: its real and effective IDs at connect and its effective IDs
 * when it sent this. */
typedef struct {
	uint32_t real_uid, real_gid;
	uint32_t connect_uid, connect_gid;
	uint32_t now_uid, now_gid;
} ux_ids_t;

/* Note the caller's IDs as they are at connect. */
static void ux_note_connect_ids(ux_ids_t *ids)
{
	ids->real_uid = (uint32_t)sys_getuid();
	ids->real_gid = (uint32_t)sys_getgid();
	ids->connect_uid = (uint32_t)sys_geteuid();
	ids->connect_gid = (uint32_t)sys_getegid();
}

/* Check that the listener (PID 1) is the peer, send ids with the effective IDs now, wait for the reply. */
static int ux_client_report(long fd, ux_ids_t *ids)
{
	aegis_ucred_t uc;
	aegis_socklen_t len = sizeof(uc);
	if (fd < 0)
		return 1;
	if (sys_getsockopt((int)fd, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &uc, &len) != 0 || uc.pid != 1 || uc.uid != 0)
		return 2;
	ids->now_uid = (uint32_t)sys_geteuid();
	ids->now_gid = (uint32_t)sys_getegid();
	char b = 0;
	if (sys_write((int)fd, ids, sizeof(*ids)) != (long)sizeof(*ids) || sys_read((int)fd, &b, 1) != 1)
		return 3;
	return 0;
}

/* Connected on fd with IDs unchanged since connect: report them. */
static int ux_client_talk(long fd)
{
	ux_ids_t ids;
	ux_note_connect_ids(&ids);
	return ux_client_report(fd, &ids);
}

/* Change the effective IDs only (so they differ from the real ones), connect, note them, change
 * all IDs again, and only then let the server look. */
static int ux_client_setuid(void)
{
	bool before = sys_setresgid(UX_KEEP_ID, UX_DEV_GID, UX_KEEP_ID) == 0 &&
		      sys_setresuid(UX_KEEP_ID, UX_DEV_UID, UX_KEEP_ID) == 0;
	long fd = ux_connect(UX_PEER_PATH); /* always connect: the server waits in accept */
	ux_ids_t ids;
	ux_note_connect_ids(&ids);
	bool after = sys_setgid(UX_LATER_GID) == 0 && sys_setuid(UX_LATER_UID) == 0;
	int r = ux_client_report(fd, &ids);
	return r != 0 ? r : before && after ? 0 : UX_NO_SETUID;
}

static int ux_client_drop_first(void)
{
	if (sys_cap_drop(UX_DROPPED, CAP_RIGHTS_READ) != 0)
		return 4;
	return ux_client_talk(ux_connect(UX_PEER_PATH));
}

static int ux_client_drop_after(void)
{
	long fd = ux_connect(UX_PEER_PATH);
	if (sys_cap_drop(UX_DROPPED, CAP_RIGHTS_READ) != 0)
		return 4;
	return ux_client_talk(fd);
}

typedef struct {
	long pid;
	int status;
	long cred_r, caps_r;
	ux_ids_t ids;
	aegis_ucred_t cred;
	aegis_peercaps_t caps;
} ux_seen_t;

/* Serve one client: accept, read its IDs, read both options, reply, wait for it. */
static void ux_serve(long lfd, int (*client)(void), ux_seen_t *seen)
{
	memset(seen, 0, sizeof(*seen));
	seen->pid = ux_spawn(client);
	aegis_pollfd_t p = { .fd = (int)lfd, .events = UX_POLLIN };
	long c = sys_poll(&p, 1, UX_ACCEPT_WAIT_MS) == 1 ? sys_accept((int)lfd, NULL, NULL) : -ETIMEDOUT;
	if (c >= 0 && sys_read((int)c, &seen->ids, sizeof(seen->ids)) == (long)sizeof(seen->ids)) {
		aegis_socklen_t len = sizeof(seen->cred);
		seen->cred_r = sys_getsockopt((int)c, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &seen->cred, &len);
		len = sizeof(seen->caps);
		seen->caps_r = sys_getsockopt((int)c, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCAPS, &seen->caps, &len);
		sys_write((int)c, "r", 1);
	}
	if (c >= 0)
		sys_close((int)c);
	seen->status = ux_wait(seen->pid);
}

static void ux_options(void)
{
	long fd = ux_socket(0);
	aegis_ucred_t uc;
	int type = 0;
	aegis_socklen_t len = sizeof(uc);
	long nc = sys_getsockopt((int)fd, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &uc, &len);
	len = sizeof(type);
	long ty = sys_getsockopt((int)fd, AEGIS_SOL_SOCKET, AEGIS_SO_TYPE, &type, &len);
	long lv = sys_getsockopt((int)fd, UX_BAD_LEVEL, AEGIS_SO_TYPE, &type, &len);
	long nm = sys_getsockopt((int)fd, AEGIS_SOL_SOCKET, UX_BAD_NAME, &type, &len);
	long set = sys_setsockopt((int)fd, AEGIS_SOL_SOCKET, AEGIS_SO_TYPE, &type, sizeof(type));
	aegis_socklen_t neg = (aegis_socklen_t)-1;
	long ng = sys_getsockopt((int)fd, AEGIS_SOL_SOCKET, AEGIS_SO_TYPE, &type, &neg);
	tcheck(nc == -ENOTCONN && ty == 0 && type == AEGIS_SOCK_STREAM && lv == -ENOPROTOOPT && nm == -ENOPROTOOPT &&
	       set == -ENOPROTOOPT && ng == -EINVAL, "UNIX-052",
	       "options: no peer ENOTCONN, SO_TYPE, unknown level/name and setsockopt ENOPROTOOPT, negative length EINVAL",
	       "%ld %ld %d %ld %ld %ld %ld", nc, ty, type, lv, nm, set, ng);
	sys_close((int)fd);
	int s[2];
	sys_socketpair(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM, 0, s);
	uint32_t half[2] = { 0xffffffffu, 0xffffffffu };
	len = sizeof(int32_t) * 2;
	long tr = sys_getsockopt(s[0], AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, half, &len);
	tcheck(tr == 0 && len == sizeof(int32_t) * 2 && half[0] == (uint32_t)sys_getpid() && half[1] == 0, "UNIX-052",
	       "a short buffer gets a truncated copy and its length", "%ld len %u", tr, len);
	tcheck(tr == 0, "UNIX-003", "socketpair's peer is the caller", "%ld", tr);
	sys_close(s[0]);
	sys_close(s[1]);
}

void ux_check_peer(void)
{
	ux_options();
	long lfd = ux_listen(UX_PEER_PATH, UX_BACKLOG);
	long chm = lfd < 0 ? lfd : sys_chmod(UX_PEER_PATH, UX_ANYONE_MODE);
	if (chm != 0) {
		tcheck(false, "UNIX-050", "listen for the peer checks, connectable by any uid", "%ld %ld", lfd, chm);
		if (lfd >= 0)
			sys_close((int)lfd);
		return;
	}
	ux_seen_t a, b, c;
	ux_serve(lfd, ux_client_setuid, &a);
	const ux_ids_t *ai = &a.ids;
	tcheck(a.status == 0 && a.cred_r == 0 && a.cred.pid == a.pid && ai->connect_uid == UX_DEV_UID &&
	       ai->connect_gid == UX_DEV_GID && ai->real_uid == 0 && ai->real_gid == 0 &&
	       a.cred.uid == ai->connect_uid && a.cred.gid == ai->connect_gid, "UNIX-051",
	       "SO_PEERCRED: the client's pid and the effective (not real) uid and gid it had at connect; it saw PID 1 as peer",
	       "status %#x r %ld pid %d/%ld uid %u gid %u, client at connect real %u/%u effective %u/%u", a.status,
	       a.cred_r, a.cred.pid, a.pid, a.cred.uid, a.cred.gid, ai->real_uid, ai->real_gid, ai->connect_uid,
	       ai->connect_gid);
	tcheck(a.status == 0 && ai->now_uid == UX_LATER_UID && ai->now_gid == UX_LATER_GID &&
	       a.cred.uid == ai->connect_uid && a.cred.gid == ai->connect_gid, "UNIX-050",
	       "the snapshot is from connect: the client's setuid and setgid after connect do not show",
	       "status %#x client now %u/%u, server sees %u/%u", a.status, ai->now_uid, ai->now_gid, a.cred.uid,
	       a.cred.gid);
	ux_serve(lfd, ux_client_drop_first, &b);
	ux_serve(lfd, ux_client_drop_after, &c);
	bool b_has = ux_caps_hold(b.caps.slots, b.caps.count, UX_DROPPED, CAP_RIGHTS_READ);
	bool a_has = ux_caps_hold(a.caps.slots, a.caps.count, UX_DROPPED, CAP_RIGHTS_READ);
	bool b_ipc = ux_caps_hold(b.caps.slots, b.caps.count, CAP_KIND_IPC, CAP_RIGHTS_READ);
	tcheck(b.status == 0 && b.caps_r == 0 && a.caps_r == 0 && !b_has && a_has && a.cred.pid == a.pid && b_ipc && b.caps.count > 0 &&
	       !(b.caps.flags & AEGIS_PEERCAPS_AUTHENTICATED), "UNIX-051",
	       "SO_PEERCAPS: a client that dropped PROC_READ before connect lacks it, one that did not holds it",
	       "status %#x r %ld/%ld dropped-has %d kept-has %d ipc %d count %u flags %#x", b.status, b.caps_r,
	       a.caps_r, b_has, a_has, b_ipc, b.caps.count, b.caps.flags);
	bool c_has = ux_caps_hold(c.caps.slots, c.caps.count, UX_DROPPED, CAP_RIGHTS_READ);
	tcheck(c.status == 0 && c.caps_r == 0 && c_has, "UNIX-050",
	       "the snapshot is from connect: a drop after connect does not show", "status %#x r %ld has %d", c.status,
	       c.caps_r, c_has);
	sys_close((int)lfd);
	(void)sys_unlink(UX_PEER_PATH);
}
