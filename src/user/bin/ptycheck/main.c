/*
 * ptycheck (see ptycheck.h): the shared helpers, then opening a pair, a
 * canonical line each way with its echo, raw mode and the ioctls of both
 * sides.  One "ok - ID text" or "not ok - ID text: detail" line per check,
 * then a summary; exits 0 only when all passed.
 */
#include "ptycheck.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"


void pc_slave_path(unsigned index, char *buf)
{
	snprintf(buf, PC_PATH, "/dev/pts/%u", index);
}

long pc_pair_open(pc_pair_t *pp)
{
	pp->master = pp->slave = -1;
	long m = sys_open("/dev/ptmx", AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	if (m < 0)
		return m;
	pp->master = (int)m;
	unsigned index = 0;
	int32_t unlock = 0;
	long r = sys_ioctl(pp->master, TIOCGPTN, (unsigned long)&index);
	if (r == 0)
		r = sys_ioctl(pp->master, TIOCSPTLCK, (unsigned long)&unlock);
	if (r < 0)
		return r;
	pp->index = index;
	char path[PC_PATH];
	pc_slave_path(index, path);
	long s = sys_open(path, AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	if (s < 0)
		return s;
	pp->slave = (int)s;
	return 0;
}

void pc_pair_close(pc_pair_t *pp)
{
	if (pp->slave >= 0)
		sys_close(pp->slave);
	if (pp->master >= 0)
		sys_close(pp->master);
	pp->master = pp->slave = -1;
}

void pc_nonblock(int fd, bool on)
{
	long fl = sys_fcntl(fd, AEGIS_F_GETFL, 0);
	fl = on ? (fl | AEGIS_O_NONBLOCK) : (fl & ~(long)AEGIS_O_NONBLOCK);
	sys_fcntl(fd, AEGIS_F_SETFL, (unsigned long)fl);
}

long pc_drain(int fd, char *buf, size_t cap)
{
	long fl = sys_fcntl(fd, AEGIS_F_GETFL, 0);
	sys_fcntl(fd, AEGIS_F_SETFL, (unsigned long)fl | AEGIS_O_NONBLOCK);
	size_t got = 0;
	long n = 0;
	while (got + 1 < cap && (n = sys_read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	sys_fcntl(fd, AEGIS_F_SETFL, (unsigned long)fl);
	buf[got] = '\0';
	return got > 0 || n == -PC_EAGAIN ? (long)got : n;
}

int pc_poll_now(int fd, int events)
{
	aegis_pollfd_t p = { fd, (short)events, 0 };
	long r = sys_poll(&p, 1, 0);
	return r < 0 ? (int)r : p.revents;
}

long pc_read_ready(int fd, char *buf, size_t cap)
{
	aegis_pollfd_t p = { fd, PC_POLLIN, 0 };
	long r = sys_poll(&p, 1, PC_WAIT_MS);
	if (r <= 0)
		return r < 0 ? r : -PC_EAGAIN;
	long n = sys_read(fd, buf, cap - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* TTY-110, TTY-111: /dev/ptmx, the index, the lock, /dev/pts. */
static void pc_open(void)
{
	aegis_stat_t st;
	long sr = sys_stat("/dev/ptmx", &st);
	long m = sys_open("/dev/ptmx", AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	unsigned index = 99;
	long g = sys_ioctl((int)m, TIOCGPTN, (unsigned long)&index);
	tcheck(sr == 0 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFCHR && PC_DEV_MAJOR(st.st_rdev) == 5 &&
		       PC_DEV_MINOR(st.st_rdev) == 2 && m >= 0 && g == 0 && index == 0,
	       "TTY-110", "/dev/ptmx (5,2) opens a master and TIOCGPTN gives the lowest free index, 0",
	       "stat %ld mode 0%o rdev 0x%lx open %ld ptn %ld index %u", sr, st.st_mode, (unsigned long)st.st_rdev, m, g,
	       index);
	char path[PC_PATH];
	pc_slave_path(index, path);
	int32_t lock = -1, zero = 0;
	long locked_open = sys_open(path, AEGIS_O_RDWR, 0);
	long gl = sys_ioctl((int)m, TIOCGPTLCK, (unsigned long)&lock);
	long ul = sys_ioctl((int)m, TIOCSPTLCK, (unsigned long)&zero);
	long gl2 = sys_ioctl((int)m, TIOCGPTLCK, (unsigned long)&zero);
	long s = sys_open(path, AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	tcheck(locked_open == -PC_EIO && gl == 0 && lock == 1 && ul == 0 && gl2 == 0 && zero == 0 && s >= 0, "TTY-111",
	       "the slave is locked until TIOCSPTLCK unlocks it (EIO before)", "locked open %ld lock %ld=%d unlock %ld %ld=%d open %ld",
	       locked_open, gl, lock, ul, gl2, zero, s);
	long fs = sys_fstat((int)s, &st);
	aegis_stat_t none;
	long missing = sys_stat("/dev/pts/63", &none);
	long bad = sys_stat("/dev/pts/00", &none);
	tcheck(fs == 0 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFCHR && (st.st_mode & 0777) == 0620 &&
		       PC_DEV_MAJOR(st.st_rdev) == PC_SLAVE_MAJOR && PC_DEV_MINOR(st.st_rdev) == index &&
		       tcheck_dir_has("/dev", "pts") && tcheck_dir_has("/dev", "ptmx") && tcheck_dir_has("/dev/pts", "0") &&
		       !tcheck_dir_has("/dev/pts", "1") && missing == -PC_ENOENT && bad == -PC_ENOENT,
	       "TTY-111", "/dev/pts lists the pair; /dev/pts/N is 136,N mode 0620; other names are ENOENT",
	       "fstat %ld mode 0%o rdev 0x%lx missing %ld bad %ld", fs, st.st_mode, (unsigned long)st.st_rdev, missing, bad);
	sys_close((int)s);
	sys_close((int)m);
}

/* TTY-112, TTY-113: a canonical line each way, echo, erase, end of file. */
static void pc_lines(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	char in[PC_BUF], echo[PC_BUF], out[PC_BUF];
	long w = sys_write(pp.master, "hello\n", 6);
	long r = pc_read_ready(pp.slave, in, sizeof(in));
	long e = pc_drain(pp.master, echo, sizeof(echo));
	tcheck(o == 0 && w == 6 && r == 6 && strcmp(in, "hello\n") == 0 && e == 7 && strcmp(echo, "hello\r\n") == 0,
	       "TTY-112", "a line written to the master is read on the slave, its echo on the master",
	       "open %ld write %ld read %ld '%s' echo %ld '%s'", o, w, r, in, e, echo);
	w = sys_write(pp.master, "ab\x7f" "c\x15xy\n", 8);
	r = pc_read_ready(pp.slave, in, sizeof(in));
	e = pc_drain(pp.master, echo, sizeof(echo));
	tcheck(w == 8 && r == 3 && strcmp(in, "xy\n") == 0 && strcmp(echo, "ab\b \bc\b \b\b \bxy\r\n") == 0, "TTY-112",
	       "the slave's line discipline edits what the master types (erase, kill)", "write %ld read %ld '%s' echo '%s'",
	       w, r, in, echo);
	w = sys_write(pp.master, "\x04", 1);
	r = pc_read_ready(pp.slave, in, sizeof(in));
	tcheck(w == 1 && r == 0, "TTY-112", "VEOF on an empty line reads as end of file on the slave", "write %ld read %ld",
	       w, r);
	w = sys_write(pp.slave, "out\nmore", 8);
	r = pc_drain(pp.master, out, sizeof(out));
	tcheck(w == 8 && r == 9 && strcmp(out, "out\r\nmore") == 0, "TTY-113",
	       "slave output reaches the master through output processing (ONLCR)", "write %ld read %ld '%s'", w, r, out);
	pc_pair_close(&pp);
}

/* TTY-112, TTY-114: raw mode set from the master, seen on the slave. */
static void pc_raw(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	aegis_termios_t t, back;
	long g = sys_ioctl(pp.master, TCGETS, (unsigned long)&t);
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO | ISIG);
	t.c_oflag &= ~(uint32_t)OPOST;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	long s = sys_ioctl(pp.master, TCSETS, (unsigned long)&t);
	long sg = sys_ioctl(pp.slave, TCGETS, (unsigned long)&back);
	char in[PC_BUF], echo[PC_BUF];
	long w = sys_write(pp.master, "x\x03y", 3);
	int32_t queued = -1;
	long fr = sys_ioctl(pp.slave, FIONREAD, (unsigned long)&queued);
	long r = pc_read_ready(pp.slave, in, sizeof(in));
	long e = pc_drain(pp.master, echo, sizeof(echo));
	long w2 = sys_write(pp.slave, "a\nb", 3);
	int32_t mq = -1;
	long mf = sys_ioctl(pp.master, FIONREAD, (unsigned long)&mq);
	long r2 = pc_drain(pp.master, echo, sizeof(echo));
	tcheck(o == 0 && g == 0 && s == 0 && sg == 0 && !(back.c_lflag & ICANON) && w == 3 && fr == 0 && queued == 3 &&
		       r == 3 && memcmp(in, "x\x03y", 3) == 0 && e == 0 && w2 == 3 && mf == 0 && mq == 3 && r2 == 3 &&
		       strcmp(echo, "a\nb") == 0,
	       "TTY-112", "raw mode set on the master: bytes pass at once, unechoed, unprocessed both ways",
	       "%ld %ld %ld %ld lflag 0%o write %ld fionread %ld=%d read %ld echo %ld slave write %ld master fionread %d read %ld",
	       o, g, s, sg, back.c_lflag, w, fr, queued, r, e, w2, mq, r2);
	pc_pair_close(&pp);
}

/* TTY-114: which side answers what. */
static void pc_ioctls(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	aegis_winsize_t ws = { 24, 80, 0, 0 }, back = { 0, 0, 0, 0 };
	unsigned index;
	int32_t pgrp = -1, none = 30000, mine = (int32_t)sys_getpgrp();
	long sw = sys_ioctl(pp.master, TIOCSWINSZ, (unsigned long)&ws);
	long gw = sys_ioctl(pp.slave, TIOCGWINSZ, (unsigned long)&back);
	long sptn = sys_ioctl(pp.slave, TIOCGPTN, (unsigned long)&index);
	long gp = sys_ioctl(pp.slave, TIOCGPGRP, (unsigned long)&pgrp);
	long sp_bad = sys_ioctl(pp.slave, TIOCSPGRP, (unsigned long)&none);
	long sp = sys_ioctl(pp.slave, TIOCSPGRP, (unsigned long)&mine);
	int32_t mpgrp = -1;
	long mgp = sys_ioctl(pp.master, TIOCGPGRP, (unsigned long)&mpgrp);
	long fault = sys_ioctl(pp.master, TIOCGPTN, PC_BAD_PTR);
	long fault2 = sys_ioctl(pp.slave, TCGETS, PC_BAD_PTR);
	long unknown = sys_ioctl(pp.master, 0x5401 + 0x100, 0);
	/* The slave is not our controlling terminal (the console is): its group ioctls are ENOTTY (TTY-125). */
	tcheck(o == 0 && sw == 0 && gw == 0 && back.ws_row == 24 && back.ws_col == 80 && sptn == -PC_ENOTTY &&
		       gp == -PC_ENOTTY && sp_bad == -PC_ENOTTY && sp == -PC_ENOTTY && mgp == 0 && mpgrp == 0 &&
		       fault == -PC_EFAULT && fault2 == -PC_EFAULT && unknown == -PC_ENOTTY,
	       "TTY-114", "master and slave ioctls: window size shared, TIOCGPTN on the master only, TIOCSPGRP checked",
	       "%ld %ld %ld %ux%u ptn %ld pgrp %ld=%d %ld %ld master pgrp %ld=%d faults %ld %ld unknown %ld", o, sw, gw,
	       back.ws_row, back.ws_col, sptn, gp, pgrp, sp_bad, sp, mgp, mpgrp, fault, fault2, unknown);
	pc_pair_close(&pp);
}

int main(void)
{
	uio_printf(1, "ptycheck: pid %ld\n", sys_getpid());
	pc_open();
	pc_lines();
	pc_raw();
	pc_ioctls();
	pc_jobs();
	pc_flow();
	return tcheck_summary("ptycheck") ? 0 : 1;
}
