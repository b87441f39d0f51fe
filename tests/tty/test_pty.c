/* tests/tty: the pure pseudo-terminal pair and its index table (TTY-110..TTY-116). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "ipc/poll_wait.h"
#include "tty/pty_core.h"
#include "tty/pty_table.h"

#define SIG_MAX 8
#define FLOOD (PTY_OUT_MAX + 100u)

typedef struct {
	pty_core_t core;
	int sig[SIG_MAX];
	int32_t pgrp[SIG_MAX];
	size_t nsig;
	size_t wakes;
} pair_fix_t;

static void fix_signal(void *ctx, int32_t pgrp, int sig)
{
	pair_fix_t *f = ctx;
	assert_true(f->nsig < SIG_MAX);
	f->sig[f->nsig] = sig;
	f->pgrp[f->nsig++] = pgrp;
}

static void fix_wake(void *ctx)
{
	((pair_fix_t *)ctx)->wakes++;
}

static pair_fix_t *pair_new(unsigned index)
{
	pair_fix_t *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	pty_core_ops_t ops = { fix_signal, fix_wake, f };
	pty_core_init(&f->core, index, &ops);
	return f;
}

/* The master's queue, all of it, as a string. */
static const char *master_take(pair_fix_t *f)
{
	static char buf[PTY_OUT_MAX + 1];
	int64_t n = pty_core_master_read(&f->core, (uint8_t *)buf, PTY_OUT_MAX);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static size_t slave_take(pair_fix_t *f, char *buf, size_t cap)
{
	tty_read_result_t res;
	size_t n = pty_core_slave_read(&f->core, (uint8_t *)buf, cap, 0, 0, &res);
	assert_int_equal(res.status, TTY_READ_DONE);
	return n;
}

static void set_raw(pair_fix_t *f)
{
	aegis_termios_t t;
	tty_ldisc_ioctl(&f->core.ld, TCGETS, &t);
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	tty_ldisc_ioctl(&f->core.ld, TCSETS, &t);
}

/* TTY-111: a new pair is locked; unlocked it opens; a hung-up one does not. */
static void test_TTY_111_lock(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(7);
	assert_int_equal(f->core.index, 7);
	assert_true(f->core.locked);
	assert_int_equal(pty_core_slave_open(&f->core), -EIO);
	assert_int_equal(f->core.slaves, 0);
	f->core.locked = false;
	assert_int_equal(pty_core_slave_open(&f->core), 0);
	assert_int_equal(f->core.slaves, 1);
	assert_true(pty_core_visible(&f->core));
	free(f);
}

/* TTY-112, TTY-113: a canonical line through the line discipline, echo to the master, output processing back. */
static void test_TTY_112_lines(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	f->core.locked = false;
	assert_int_equal(pty_core_master_write(&f->core, (const uint8_t *)"hi", 2, 0), 2); /* no slave yet: accepted */
	assert_int_equal(pty_core_slave_open(&f->core), 0);
	tty_read_result_t res;
	char buf[64];
	assert_int_equal(pty_core_slave_read(&f->core, (uint8_t *)buf, sizeof(buf), 0, 0, &res), 0);
	assert_int_equal(res.status, TTY_READ_WAIT);
	assert_int_equal(pty_core_master_write(&f->core, (const uint8_t *)"\n", 1, 0), 1);
	assert_int_equal(slave_take(f, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "hi\n", 3);
	assert_string_equal(master_take(f), "hi\r\n");
	assert_int_equal(pty_core_master_read(&f->core, (uint8_t *)buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"a\nb", 3), 3);
	assert_string_equal(master_take(f), "a\r\nb");
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"x", 0), 0);
	assert_true(f->wakes > 0);
	free(f);
}

/* TTY-112: ISIG characters from the master signal the slave's foreground group. */
static void test_TTY_112_signals(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	int32_t pg = 42;
	assert_int_equal(tty_ldisc_ioctl(&f->core.ld, TIOCSPGRP, &pg), 0);
	assert_int_equal(pty_core_master_write(&f->core, (const uint8_t *)"\x03", 1, 0), 1);
	assert_int_equal(f->nsig, 1);
	assert_int_equal(f->sig[0], TTY_SIGINT);
	assert_int_equal(f->pgrp[0], 42);
	assert_string_equal(master_take(f), "^C");
	free(f);
}

/* TTY-112: the master waits only while the input queue is full of readable bytes. */
static void test_TTY_112_master_flow(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	static uint8_t flood[TTY_QUEUE_MAX + 10];
	memset(flood, 'q', sizeof(flood));
	/* Canonical: a full line being edited refuses bytes but never blocks the master. */
	assert_int_equal(pty_core_master_write(&f->core, flood, sizeof(flood), 0), (int64_t)sizeof(flood));
	assert_int_equal(tty_ldisc_edit_len(&f->core.ld), TTY_LINE_MAX);
	assert_true(pty_core_master_poll(&f->core) & POLL_OUT);
	free(f);
	f = pair_new(0);
	f->core.locked = false;
	assert_int_equal(pty_core_slave_open(&f->core), 0);
	set_raw(f);
	assert_int_equal(pty_core_master_write(&f->core, flood, sizeof(flood), 0), PTY_INPUT_HIGH);
	assert_int_equal(pty_core_master_write(&f->core, flood, 1, 0), -EAGAIN);
	assert_false(pty_core_master_poll(&f->core) & POLL_OUT);
	size_t wakes = f->wakes;
	char buf[16];
	assert_int_equal(slave_take(f, buf, sizeof(buf)), sizeof(buf));
	assert_true(f->wakes > wakes);
	assert_true(pty_core_master_poll(&f->core) & POLL_OUT);
	assert_int_equal(pty_core_master_write(&f->core, flood, 1, 0), 1);
	free(f);
}

/* TTY-113: the master's queue bounds slave writes; a NL counts two bytes; echo overflow is counted. */
static void test_TTY_113_slave_flow(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	static uint8_t flood[FLOOD];
	memset(flood, 'w', sizeof(flood));
	assert_int_equal(pty_core_slave_write(&f->core, flood, PTY_OUT_MAX - 3), PTY_OUT_MAX - 3);
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"\n\n", 2), 1); /* 3 bytes left: one NL */
	assert_int_equal(f->core.out_len, PTY_OUT_MAX - 1);
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"z", 1), 1);
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"z", 1), -EAGAIN);
	assert_false(pty_core_slave_poll(&f->core) & POLL_OUT);
	assert_int_equal(pty_core_master_write(&f->core, (const uint8_t *)"e", 1, 0), 1); /* echo has no room */
	assert_int_equal(f->core.echo_dropped, 1);
	uint8_t buf[PTY_OUT_MAX];
	assert_int_equal(pty_core_master_read(&f->core, buf, 2), 2);
	assert_true(pty_core_slave_poll(&f->core) & POLL_OUT);
	free(f);
}

/* TTY-115: poll bits of both sides. */
static void test_TTY_115_poll(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	f->core.locked = false;
	assert_int_equal(pty_core_slave_open(&f->core), 0);
	assert_int_equal(pty_core_master_poll(&f->core), POLL_OUT | POLL_WRNORM);
	assert_int_equal(pty_core_slave_poll(&f->core), POLL_OUT | POLL_WRNORM);
	pty_core_master_write(&f->core, (const uint8_t *)"\x04", 1, 0); /* VEOF: readable, not echoed */
	assert_int_equal(pty_core_slave_poll(&f->core), POLL_IN | POLL_RDNORM | POLL_OUT | POLL_WRNORM);
	assert_int_equal(pty_core_master_poll(&f->core), POLL_OUT | POLL_WRNORM);
	pty_core_slave_write(&f->core, (const uint8_t *)"o", 1);
	assert_int_equal(pty_core_master_poll(&f->core), POLL_IN | POLL_RDNORM | POLL_OUT | POLL_WRNORM);
	free(f);
}

/* TTY-116: hang-up in both directions and release. */
static void test_TTY_116_hangup(void **state)
{
	(void)state;
	pair_fix_t *f = pair_new(0);
	f->core.locked = false;
	assert_int_equal(pty_core_slave_open(&f->core), 0);
	pty_core_slave_write(&f->core, (const uint8_t *)"ab", 2);
	pty_core_slave_close(&f->core);
	assert_true(f->core.slave_closed);
	assert_true(pty_core_master_poll(&f->core) & POLL_HUP);
	uint8_t buf[8];
	assert_int_equal(pty_core_master_read(&f->core, buf, sizeof(buf)), 2);
	assert_int_equal(pty_core_master_read(&f->core, buf, sizeof(buf)), -EIO);
	assert_int_equal(pty_core_slave_open(&f->core), 0); /* a new slave ends the hang-up */
	assert_int_equal(pty_core_master_read(&f->core, buf, sizeof(buf)), -EAGAIN);
	assert_false(pty_core_master_poll(&f->core) & POLL_HUP);
	int32_t pg = 9;
	tty_ldisc_ioctl(&f->core.ld, TIOCSPGRP, &pg);
	pty_core_master_close(&f->core);
	assert_int_equal(f->nsig, 1);
	assert_int_equal(f->sig[0], PTY_SIGHUP);
	assert_int_equal(f->pgrp[0], 9);
	assert_false(pty_core_visible(&f->core));
	assert_false(pty_core_released(&f->core));
	char cbuf[8];
	assert_int_equal(slave_take(f, cbuf, sizeof(cbuf)), 0);
	assert_int_equal(pty_core_slave_write(&f->core, (const uint8_t *)"x", 1), -EIO);
	assert_int_equal(pty_core_slave_poll(&f->core),
			 POLL_IN | POLL_OUT | POLL_ERR | POLL_HUP | POLL_RDNORM | POLL_WRNORM);
	assert_int_equal(pty_core_slave_open(&f->core), -EIO);
	pty_core_slave_close(&f->core);
	assert_true(pty_core_released(&f->core));
	free(f);
}

/* TTY-110, TTY-116: lowest free index, the bound, reuse, listing. */
static void test_TTY_110_table(void **state)
{
	(void)state;
	static pty_table_t t;
	memset(&t, 0, sizeof(t));
	struct pty_pair *tag = (struct pty_pair *)&t; /* any non-NULL pointer: the table never looks inside */
	for (unsigned i = 0; i < PTY_MAX; i++)
		assert_int_equal(pty_table_add(&t, tag), (int)i);
	assert_int_equal(pty_table_add(&t, tag), -ENOSPC);
	pty_table_remove(&t, 9);
	pty_table_remove(&t, 3);
	pty_table_remove(&t, PTY_MAX + 5); /* out of range: nothing */
	assert_null(pty_table_get(&t, 3));
	assert_null(pty_table_get(&t, PTY_MAX));
	assert_ptr_equal(pty_table_get(&t, 4), tag);
	assert_int_equal(pty_table_next(&t, 3), 4);
	assert_int_equal(pty_table_next(&t, PTY_MAX), -1);
	assert_int_equal(pty_table_add(&t, tag), 3);
	assert_int_equal(pty_table_add(&t, tag), 9);
	for (unsigned i = 0; i < PTY_MAX; i++)
		pty_table_remove(&t, i);
	assert_int_equal(pty_table_next(&t, 0), -1);
	assert_int_equal(pty_table_add(&t, tag), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_111_lock),         cmocka_unit_test(test_TTY_112_lines),
		cmocka_unit_test(test_TTY_112_signals),      cmocka_unit_test(test_TTY_112_master_flow),
		cmocka_unit_test(test_TTY_113_slave_flow),   cmocka_unit_test(test_TTY_115_poll),
		cmocka_unit_test(test_TTY_116_hangup),       cmocka_unit_test(test_TTY_110_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
