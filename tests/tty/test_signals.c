/* tests/tty: ISIG characters (TTY-016, TTY-017). */
#include "tty_fixture.h"

/* TTY-016 */
static void test_TTY_016_intr_quit_susp(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 42);
	fix_type(f, "done\npartial\x03");
	fix_expect_out(f, "done\r\npartial^C");
	assert_int_equal(f->nsig, 1);
	assert_int_equal(f->sig[0], TTY_SIGINT);
	assert_int_equal(f->sig_pgrp[0], 42);
	/* everything unread was discarded, the completed line too */
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_expect_wait(f);
	fix_type(f, "\x1c\x1a");
	fix_expect_out(f, "^\\^Z");
	assert_int_equal(f->nsig, 3);
	assert_int_equal(f->sig[1], TTY_SIGQUIT);
	assert_int_equal(f->sig[2], TTY_SIGTSTP);
	assert_int_equal(f->ld.stats.signals_unsent, 0);
	free(f);
}

/* TTY-016: NOFLSH keeps the input; raw mode signals too */
static void test_TTY_016_noflsh_and_raw(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 5);
	fix_lflag(f, ECHO, NOFLSH);
	fix_type(f, "ab\n" "cd\x03" "e\n");
	fix_expect_out(f, "");
	assert_int_equal(f->nsig, 1);
	fix_expect_read(f, 64, "ab\n");
	fix_expect_read(f, 64, "cde\n");
	fix_lflag(f, ICANON | NOFLSH, 0);
	fix_type(f, "xy\x03");
	assert_int_equal(f->nsig, 2);
	assert_int_equal(f->sig[1], TTY_SIGINT);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	free(f);
}

/* TTY-016: without ISIG the characters are data */
static void test_TTY_016_no_isig(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 5);
	fix_lflag(f, ISIG, 0);
	fix_type(f, "\x03\x1c\x1a\n");
	fix_expect_out(f, "^C^\\^Z\r\n");
	assert_int_equal(f->nsig, 0);
	fix_expect_read(f, 64, "\x03\x1c\x1a\n");
	free(f);
}

/* TTY-017 */
static void test_TTY_017_no_foreground_group(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "abc\x03");
	assert_int_equal(f->nsig, 0);
	assert_int_equal(f->ld.stats.signals_unsent, 1);
	fix_expect_out(f, "abc^C");
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_016_intr_quit_susp),
		cmocka_unit_test(test_TTY_016_noflsh_and_raw),
		cmocka_unit_test(test_TTY_016_no_isig),
		cmocka_unit_test(test_TTY_017_no_foreground_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
