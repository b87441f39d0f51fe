/* tests/tty: readers' wake-ups and the login use case (TTY-028, TTY-029). */
#include "tty_fixture.h"

/* TTY-028 */
static void test_TTY_028_wake(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "abc\x7f");
	assert_int_equal(f->wakes, 0);
	fix_type(f, "\n");
	assert_int_equal(f->wakes, 1);
	fix_type(f, "\x04");
	assert_int_equal(f->wakes, 2);
	fix_lflag(f, ICANON, 0);
	fix_type(f, "xyz");
	assert_int_equal(f->wakes, 5);
	free(f);
}

/* The program side of /bin/login's password prompt: one byte per read. */
static size_t login_read_password(tty_fix_t *f, char *pw, size_t cap)
{
	size_t len = 0;
	for (;;) {
		uint8_t c;
		tty_read_result_t r;
		size_t n = tty_ldisc_read(&f->ld, &c, 1, f->now, f->now, &r);
		assert_int_equal(r.status, TTY_READ_DONE);
		assert_int_equal(n, 1);
		if (c == '\n' || c == '\r')
			break;
		if (c == 0x7f || c == 0x08) {
			if (len > 0) {
				len--;
				tty_ldisc_write(&f->ld, (const uint8_t *)"\b \b", 3);
			}
			continue;
		}
		if (len + 1 < cap) {
			pw[len++] = (char)c;
			tty_ldisc_write(&f->ld, (const uint8_t *)"*", 1);
		}
	}
	pw[len] = 0;
	tty_ldisc_write(&f->ld, (const uint8_t *)"\n", 1);
	return len;
}

static void login_raw_mode(tty_fix_t *f, aegis_termios_t *saved)
{
	*saved = fix_get(f);
	aegis_termios_t t = *saved;
	t.c_lflag &= ~(uint32_t)(ECHO | ICANON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	fix_set(f, &t);
}

/* TTY-029 */
static void test_TTY_029_login_flow(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	tty_ldisc_write(&f->ld, (const uint8_t *)"\nlogin: ", 8);
	fix_type(f, "rooq\x7ft\r");
	fix_expect_read(f, 128, "root\n");
	fix_expect_out(f, "\r\nlogin: rooq\b \bt\r\n");

	aegis_termios_t saved;
	login_raw_mode(f, &saved);
	tty_ldisc_write(&f->ld, (const uint8_t *)"password: ", 10);
	/* typed ahead, faster than the program reads */
	fix_type(f, "pw\x7fx\x08" "ass\x7f\x7f\x7f\x7f\x7f" "forevervigilant\r");
	char pw[128];
	assert_int_equal(login_read_password(f, pw, sizeof pw), 15);
	assert_string_equal(pw, "forevervigilant");
	fix_expect_out(f, "password: **\b \b*\b \b***\b \b\b \b\b \b\b \b***************\r\n");
	fix_set(f, &saved);
	aegis_termios_t now = fix_get(f);
	assert_memory_equal(&now, &saved, sizeof now);
	/* back in canonical mode with echo */
	fix_type(f, "x\n");
	fix_expect_out(f, "x\r\n");
	fix_expect_read(f, 128, "x\n");
	free(f);
}

/* TTY-029: Ctrl-C at the password prompt still reaches the foreground group */
static void test_TTY_029_ctrl_c_in_password(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 77);
	aegis_termios_t saved;
	login_raw_mode(f, &saved);
	fix_type(f, "sec\x03");
	assert_int_equal(f->nsig, 1);
	assert_int_equal(f->sig[0], TTY_SIGINT);
	assert_int_equal(f->sig_pgrp[0], 77);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_expect_out(f, ""); /* ECHO is off: not even ^C */
	fix_expect_wait(f);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_028_wake),
		cmocka_unit_test(test_TTY_029_login_flow),
		cmocka_unit_test(test_TTY_029_ctrl_c_in_password),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
