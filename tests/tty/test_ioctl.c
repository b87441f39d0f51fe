/* tests/tty: the terminal ioctls (TTY-022..027). */
#include "tty_fixture.h"

/* TTY-022 */
static void test_TTY_022_tcsets_family(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	aegis_termios_t t = fix_get(f);
	t.c_lflag &= ~(uint32_t)ECHO;
	t.c_cc[VMIN] = 9;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCSETS, &t), 0);
	aegis_termios_t back = fix_get(f);
	assert_memory_equal(&back, &t, sizeof t);
	fix_type(f, "keep\nedit");
	t.c_cc[VMIN] = 3;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCSETSW, &t), 0);
	back = fix_get(f);
	assert_memory_equal(&back, &t, sizeof t);
	assert_int_equal(tty_ldisc_queued(&f->ld), 9); /* TCSETSW keeps input */
	t.c_cc[VMIN] = 1;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCSETSF, &t), 0);
	back = fix_get(f);
	assert_memory_equal(&back, &t, sizeof t);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_expect_wait(f);
	free(f);
}

/* TTY-023 */
static void test_TTY_023_tcflsh(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	int32_t which = TCOFLUSH;
	fix_type(f, "a\nb");
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCFLSH, &which), 0);
	assert_int_equal(tty_ldisc_queued(&f->ld), 3);
	which = 7;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCFLSH, &which), -EINVAL);
	assert_int_equal(tty_ldisc_queued(&f->ld), 3);
	which = TCIFLUSH;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCFLSH, &which), 0);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_type(f, "c\nd");
	which = TCIOFLUSH;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCFLSH, &which), 0);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_type(f, "e\n");
	fix_expect_read(f, 64, "e\n");
	free(f);
}

/* TTY-024 */
static void test_TTY_024_winsize(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 11);
	aegis_winsize_t ws = {25, 80, 640, 400}, back;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSWINSZ, &ws), 0);
	assert_int_equal(f->nsig, 1);
	assert_int_equal(f->sig[0], TTY_SIGWINCH);
	assert_int_equal(f->sig_pgrp[0], 11);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCGWINSZ, &back), 0);
	assert_memory_equal(&back, &ws, sizeof ws);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSWINSZ, &ws), 0);
	assert_int_equal(f->nsig, 1);
	ws.ws_ypixel = 401;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSWINSZ, &ws), 0);
	assert_int_equal(f->nsig, 2);
	free(f);
}

/* TTY-025 */
static void test_TTY_025_pgrp(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	int32_t v = 123, out = 0;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSPGRP, &v), 0);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCGPGRP, &out), 0);
	assert_int_equal(out, 123);
	v = 0;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSPGRP, &v), -EINVAL);
	v = -5;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSPGRP, &v), -EINVAL);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCGPGRP, &out), 0);
	assert_int_equal(out, 123);
	free(f);
}

/* TTY-026 */
static void test_TTY_026_fionread(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	int32_t n = -1;
	fix_type(f, "ab\n\x04" "cd");
	assert_int_equal(tty_ldisc_ioctl(&f->ld, FIONREAD, &n), 0);
	assert_int_equal(n, 3);
	fix_lflag(f, ICANON, 0);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, FIONREAD, &n), 0);
	assert_int_equal(n, 5);
	free(f);
}

/* TTY-027 */
static void test_TTY_027_unknown_and_null(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	aegis_termios_t before = fix_get(f);
	int32_t v = 3;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, 0x5499, &v), -ENOTTY);
	assert_int_equal(tty_ldisc_ioctl(&f->ld, 0, NULL), -ENOTTY);
	const uint32_t cmds[] = {TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH, TIOCGPGRP, TIOCSPGRP,
				 TIOCGWINSZ, TIOCSWINSZ, FIONREAD};
	fix_type(f, "x\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		assert_int_equal(tty_ldisc_ioctl(&f->ld, cmds[i], NULL), -EFAULT);
	aegis_termios_t after = fix_get(f);
	assert_memory_equal(&after, &before, sizeof before);
	assert_int_equal(tty_ldisc_queued(&f->ld), 2);
	assert_int_equal(f->nsig, 0);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_022_tcsets_family),
		cmocka_unit_test(test_TTY_023_tcflsh),
		cmocka_unit_test(test_TTY_024_winsize),
		cmocka_unit_test(test_TTY_025_pgrp),
		cmocka_unit_test(test_TTY_026_fionread),
		cmocka_unit_test(test_TTY_027_unknown_and_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
