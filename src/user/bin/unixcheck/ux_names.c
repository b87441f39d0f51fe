/*
 * unixcheck: bind, listen, connect, accept and names (UNIX-010..UNIX-023),
 * DAC on connect.
 */
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "unixcheck.h"

#define UX_PATH "/tmp/ux-names.sock"
#define UX_FILE "/tmp/ux-plain"
#define UX_NO_WRITE_MODE 0555u
#define UX_FILE_MODE 0644u

static int ux_early_writer(void)
{
	long fd = ux_connect(UX_PATH);
	if (fd < 0)
		return 1;
	return sys_write((int)fd, "hello", 5) == 5 ? 0 : 2;
}

static void ux_addresses(long lfd)
{
	aegis_sockaddr_un_t a, got;
	uint32_t len = ux_addr(&a, UX_PATH);
	aegis_socklen_t glen = sizeof(got);
	long gn = sys_getsockname((int)lfd, &got, &glen);
	tcheck(gn == 0 && glen == len && strcmp(got.sun_path, UX_PATH) == 0, "UNIX-013",
	       "getsockname gives the bound path", "%ld len %u", gn, glen);
	long other = ux_socket(0);
	long inuse = sys_bind((int)other, &a, len);
	long short_len = sys_bind((int)other, &a, 1);
	a.sun_family = AEGIS_AF_INET;
	long fam = sys_bind((int)other, &a, len);
	aegis_sockaddr_un_t abstract = { .sun_family = AEGIS_AF_UNIX };
	long abs = sys_bind((int)other, &abstract, sizeof(abstract));
	tcheck(inuse == -EADDRINUSE && short_len == -EINVAL && fam == -EINVAL && abs == -EOPNOTSUPP, "UNIX-010",
	       "bind: a taken name EADDRINUSE, short or foreign addresses EINVAL, abstract EOPNOTSUPP",
	       "%ld %ld %ld %ld", inuse, short_len, fam, abs);
	glen = sizeof(got);
	long un = sys_getsockname((int)other, &got, &glen);
	long np = sys_getpeername((int)other, &got, &glen);
	long acc = sys_accept((int)other, NULL, NULL);
	tcheck(un == 0 && glen == sizeof(uint16_t) && np == -ENOTCONN && acc == -EINVAL, "UNIX-013",
	       "unbound: getsockname gives the family alone, getpeername ENOTCONN, accept EINVAL", "%ld %u %ld %ld", un,
	       glen, np, acc);
	sys_close((int)other);
}

static void ux_refusals(void)
{
	long noent = ux_connect("/tmp/ux-none.sock");
	long fd = sys_open(UX_FILE, AEGIS_O_CREAT | AEGIS_O_WRONLY, UX_FILE_MODE);
	sys_close((int)fd);
	long notsock = ux_connect(UX_FILE);
	long bound = ux_socket(0);
	aegis_sockaddr_un_t a;
	uint32_t len = ux_addr(&a, "/tmp/ux-bound.sock");
	(void)sys_unlink("/tmp/ux-bound.sock");
	long b = sys_bind((int)bound, &a, len);
	long idle = ux_connect("/tmp/ux-bound.sock");
	long op = sys_open("/tmp/ux-bound.sock", AEGIS_O_RDONLY, 0);
	sys_close((int)bound);
	long stale = ux_connect("/tmp/ux-bound.sock");
	tcheck(noent == -ENOENT && notsock == -ECONNREFUSED && b == 0 && idle == -ECONNREFUSED && stale == -ECONNREFUSED,
	       "UNIX-021", "connect: ENOENT, a plain file, a bound non-listener and a closed one ECONNREFUSED",
	       "%ld %ld %ld %ld %ld", noent, notsock, b, idle, stale);
	tcheck(op == -ENXIO, "UNIX-012", "open of a socket node is ENXIO", "%ld", op);
	(void)sys_unlink("/tmp/ux-bound.sock");
	(void)sys_unlink(UX_FILE);
}

void ux_check_names(void)
{
	long lfd = ux_listen(UX_PATH, 1);
	aegis_stat_t st;
	long sr = sys_stat(UX_PATH, &st);
	tcheck(lfd >= 0 && sr == 0 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFSOCK, "UNIX-011",
	       "bind makes an S_IFSOCK node, listen accepts", "%ld %ld", lfd, sr);
	if (lfd < 0)
		return;
	ux_addresses(lfd);
	sys_fcntl((int)lfd, AEGIS_F_SETFL, AEGIS_O_NONBLOCK);
	long again = sys_accept((int)lfd, NULL, NULL);
	sys_fcntl((int)lfd, AEGIS_F_SETFL, 0);
	int writer = ux_child(ux_early_writer);
	long full = ux_connect(UX_PATH);
	aegis_pollfd_t pl = { .fd = (int)lfd, .events = UX_POLLIN };
	long pr = sys_poll(&pl, 1, 0);
	long badflag = sys_accept4((int)lfd, NULL, NULL, 1);
	tcheck(again == -EAGAIN && badflag == -EINVAL, "UNIX-023", "accept with O_NONBLOCK on an empty queue is EAGAIN, "
	       "accept4 with an unknown flag EINVAL", "%ld %ld", again, badflag);
	tcheck(writer == 0 && full == -ECONNREFUSED && pr == 1, "UNIX-022",
	       "the client wrote before accept; a full backlog is ECONNREFUSED; the listener polls readable",
	       "%d %ld %ld", writer, full, pr);
	aegis_sockaddr_un_t peer;
	aegis_socklen_t plen = sizeof(peer);
	long c = sys_accept4((int)lfd, &peer, &plen, AEGIS_SOCK_CLOEXEC);
	char buf[8] = { 0 };
	long n = c >= 0 ? sys_read((int)c, buf, sizeof(buf)) : c;
	long eof = c >= 0 ? sys_read((int)c, buf, sizeof(buf)) : c;
	tcheck(c >= 0 && plen == sizeof(uint16_t) && n == 5 && memcmp(buf, "hello", 5) == 0 && eof == 0, "UNIX-023",
	       "accept gives the queued connection and its (unnamed) address; the bytes wait for it", "%ld %u %ld %ld",
	       c, plen, n, eof);
	sys_close((int)c);
	long chm = sys_chmod(UX_PATH, UX_NO_WRITE_MODE);
	long dac = ux_connect(UX_PATH);
	tcheck(chm == 0 && dac == -EACCES, "UNIX-021",
	       "connect needs write permission on the node (mode 0555: EACCES; PID 1 has no DAC override)", "%ld %ld",
	       chm, dac);
	if (dac >= 0)
		sys_close((int)dac);
	ux_refusals();
	sys_close((int)lfd);
	(void)sys_unlink(UX_PATH);
}
