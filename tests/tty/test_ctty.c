/*
 * tests/tty: the controlling-terminal rules of tty/ctty.c (TTY-120..TTY-129)
 * on processes made as fork leaves them, with a registered terminal whose
 * line discipline has no device behind it: acquiring on open, stealing with
 * and without PROC_READ(WRITE) (no program on the test images holds it, so
 * cttycheck cannot), giving up, the leader's exit, and tty_nr/tpgid.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "filesystems/procfs_pid_fixture.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/termios.h>

#include "cap/cap_table.h"
#include "tty/ctty.h"

#define PTS_MAJOR 136u
#define BIG_MINOR 300u               /* a minor above 255: Linux's encoding splits it */
#define BIG_MINOR_TTY_NR 1083436u    /* 44 | 136 << 8 | 256 << 12 */
#define HANDLER_ADDR 0x401000ull
#define STEAL 1                      /* TIOCSCTTY: take it from another session */
#define SIG_BIT(sig) (1ull << ((sig) - 1))

static tty_ldisc_t ld;
static tty_ctty_t term;
static process_t *init, *leader, *member;

static int never_open(tty_ctty_t *t, process_t *p, uint32_t flags, file_t **out)
{
	(void)t;
	(void)p;
	(void)flags;
	*out = NULL;
	return -EIO;
}

/* A session leader of its own session, child of PID 1. */
static process_t *new_leader(void)
{
	process_t *p = pp_process(init, "/bin/sh");
	p->sid = p->pgid = p->pid;
	return p;
}

static int setup(void **state)
{
	(void)state;
	pp_machine();
	init = pp_process(NULL, "/sbin/init");
	leader = new_leader();
	member = pp_process(leader, "/bin/job");
	member->pgid = member->pid;
	pp_action(member, SIGHUP, HANDLER_ADDR);
	pp_action(member, SIGCONT, HANDLER_ADDR);
	tty_ldisc_init(&ld, NULL);
	ctty_register(&term, &ld, PTS_MAJOR, BIG_MINOR, never_open, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ctty_unregister(&term);
	return 0;
}

static void test_tty_120_acquire_on_open(void **state)
{
	(void)state;
	ctty_open_acquire(&term, member, AEGIS_O_RDWR); /* not a leader */
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR | AEGIS_O_NOCTTY);
	assert_int_equal(term.sid, CTTY_NO_SESSION);
	assert_null(ctty_of(leader));
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	assert_int_equal(term.sid, leader->sid);
	assert_int_equal(ld.fg_pgrp, leader->pgid);
	assert_ptr_equal(ctty_of(leader), &term);
	assert_ptr_equal(ctty_of(member), &term); /* TTY-121: the session's members share it */
	process_t *other = new_leader();
	ctty_open_acquire(&term, other, AEGIS_O_RDWR); /* another session's terminal */
	assert_int_equal(term.sid, leader->sid);
	assert_null(ctty_of(other));
	assert_int_equal(ctty_open_current(other, AEGIS_O_RDWR, &(file_t *){ NULL }), -ENXIO); /* TTY-124 */
	pp_free(other);
}

static void test_tty_122_steal_needs_proc_read_write(void **state)
{
	(void)state;
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	process_t *thief = new_leader();
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, member, TIOCSCTTY, 0), -EPERM);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, thief, TIOCSCTTY, 0), -EPERM);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, thief, TIOCSCTTY, STEAL), -ENOCAP);
	assert_int_equal(cap_table_grant(&thief->caps.held, CAP_KIND_PROC_READ, CAP_RIGHTS_READ), CAP_KIND_PROC_READ - 1);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, thief, TIOCSCTTY, STEAL), -ENOCAP);
	assert_int_equal(term.sid, leader->sid);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_MASTER, thief, TIOCSCTTY, STEAL), -ENOTTY);
	assert_int_equal(cap_table_grant(&thief->caps.held, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE), CAP_KIND_PROC_READ - 1);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, thief, TIOCSCTTY, STEAL), 0);
	assert_int_equal(term.sid, thief->sid);
	assert_int_equal(ld.fg_pgrp, thief->pgid);
	assert_null(ctty_of(leader));
	assert_null(ctty_of(member));
	assert_int_equal(member->sig_queue.set, 0); /* the victim's session is not signalled */
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, thief, TIOCSCTTY, 0), 0); /* its own: nothing changes */
	pp_free(thief);
}

static void test_tty_123_give_up(void **state)
{
	(void)state;
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	process_t *other = new_leader();
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, other, TIOCNOTTY, 0), -ENOTTY);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, member, TIOCNOTTY, 0), 0);
	assert_null(ctty_of(member));
	assert_ptr_equal(ctty_of(leader), &term);
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, member, TIOCNOTTY, 0), -ENOTTY);
	member->ctty_dropped = false;
	ld.fg_pgrp = member->pgid;
	assert_int_equal(ctty_ioctl(&term, TTY_SIDE_TERMINAL, leader, TIOCNOTTY, 0), 0);
	assert_int_equal(term.sid, CTTY_NO_SESSION);
	assert_int_equal(ld.fg_pgrp, 0);
	assert_null(ctty_of(member));
	assert_int_equal(member->sig_queue.set & (SIG_BIT(SIGHUP) | SIG_BIT(SIGCONT)), SIG_BIT(SIGHUP) | SIG_BIT(SIGCONT));
	pp_free(other);
}

static void test_tty_127_leader_exit(void **state)
{
	(void)state;
	ctty_leader_exit(leader); /* no terminal: nothing */
	assert_int_equal(member->sig_queue.set, 0);
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	ld.fg_pgrp = member->pgid;
	ctty_leader_exit(member); /* not the leader: nothing */
	assert_int_equal(term.sid, leader->sid);
	ctty_leader_exit(leader);
	assert_int_equal(term.sid, CTTY_NO_SESSION);
	assert_int_equal(ld.fg_pgrp, 0);
	assert_int_equal(member->sig_queue.set & (SIG_BIT(SIGHUP) | SIG_BIT(SIGCONT)), SIG_BIT(SIGHUP) | SIG_BIT(SIGCONT));
	process_t *next = new_leader();
	ctty_open_acquire(&term, next, AEGIS_O_RDWR);
	assert_int_equal(term.sid, next->sid);
	pp_free(next);
}

static void test_tty_128_unregister_and_disassociate(void **state)
{
	(void)state;
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	ctty_disassociate(&term);
	assert_null(ctty_of(leader));
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	ctty_unregister(&term);
	assert_null(ctty_of(leader));
	ctty_register(&term, &ld, PTS_MAJOR, BIG_MINOR, never_open, NULL); /* for teardown */
}

static void test_tty_129_tty_nr_and_tpgid(void **state)
{
	(void)state;
	assert_int_equal(ctty_tty_nr(leader), 0);
	assert_int_equal(ctty_tpgid(leader), CTTY_NO_PGRP);
	ctty_open_acquire(&term, leader, AEGIS_O_RDWR);
	assert_int_equal(ctty_tty_nr(member), BIG_MINOR_TTY_NR);
	assert_int_equal(ctty_tpgid(member), leader->pgid);
	pp_run(procfs_pid_stat, member);
	char want[64];
	snprintf(want, sizeof(want), " %d %d %u %d ", member->pgid, member->sid, BIG_MINOR_TTY_NR, leader->pgid);
	assert_non_null(strstr(pp_text, want));
	ld.fg_pgrp = 0;
	assert_int_equal(ctty_tpgid(member), CTTY_NO_PGRP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tty_120_acquire_on_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tty_122_steal_needs_proc_read_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tty_123_give_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tty_127_leader_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tty_128_unregister_and_disassociate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tty_129_tty_nr_and_tpgid, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
