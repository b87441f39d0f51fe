/* tests/tty: input mapping and canonical editing (TTY-005..012). */
#include "tty_fixture.h"

/* TTY-005 */
static void test_TTY_005_icrnl_default(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "ab\r");
	fix_expect_out(f, "ab\r\n");
	fix_expect_read(f, 64, "ab\n");
	free(f);
}

/* TTY-005 */
static void test_TTY_005_igncr_inlcr_istrip(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_iflag(f, 0, IGNCR);
	fix_type(f, "a\rb\n");
	fix_expect_read(f, 64, "ab\n");
	/* INLCR turns NL into CR, which is then no terminator; ICRNL is not applied again */
	fix_iflag(f, IGNCR | ICRNL, INLCR);
	fix_lflag(f, ECHO, 0);
	fix_type(f, "x\n");
	fix_expect_wait(f);
	fix_lflag(f, ICANON, 0);
	fix_expect_read(f, 64, "x\r");
	/* ISTRIP clears bit 7 */
	fix_iflag(f, INLCR, ISTRIP);
	fix_type(f, "\xc1\x8a");
	fix_expect_read(f, 64, "A\n");
	free(f);
}

/* TTY-006 */
static void test_TTY_006_one_line_per_read(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "hello");
	fix_expect_wait(f);
	assert_int_equal(f->wakes, 0);
	fix_type(f, "\nworld\nrest");
	fix_expect_read(f, 64, "hello\n");
	fix_expect_read(f, 3, "wor");
	fix_expect_read(f, 64, "ld\n");
	fix_expect_wait(f);
	free(f);
}

/* TTY-006: VEOL and VEOL2 (the latter only with IEXTEN) end lines */
static void test_TTY_006_eol_chars(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_cc(f, VEOL, ';');
	fix_cc(f, VEOL2, '|');
	fix_type(f, "a;b|");
	fix_expect_out(f, "a;b|");
	fix_expect_read(f, 64, "a;");
	fix_expect_read(f, 64, "b|");
	fix_lflag(f, IEXTEN, 0);
	fix_type(f, "c|d\n");
	fix_expect_read(f, 64, "c|d\n");
	free(f);
}

/* TTY-007, TTY-008: DEL and BS both erase, echo \b \b */
static void test_TTY_007_erase_del_and_bs(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "abc\x7f" "d\x08\x08" "e\n");
	fix_expect_out(f, "abc\b \bd\b \b\b \be\r\n");
	fix_expect_read(f, 64, "ae\n");
	free(f);
}

/* TTY-007: BS erases even with VERASE changed; nothing to erase = no effect */
static void test_TTY_007_erase_empty_and_committed(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_cc(f, VERASE, '#');
	fix_type(f, "x\n\x08#\x08");
	fix_expect_out(f, "x\r\n");
	fix_type(f, "ab#c\x08" "d\n");
	fix_expect_out(f, "ab\b \bc\b \bd\r\n");
	fix_expect_read(f, 64, "x\n");
	fix_expect_read(f, 64, "ad\n");
	/* DEL is now ordinary data, echoed as ^? */
	fix_type(f, "\x7f\n");
	fix_expect_out(f, "^?\r\n");
	fix_expect_read(f, 64, "\x7f\n");
	free(f);
}

/* TTY-008: control characters and tabs erase by their echo width */
static void test_TTY_008_erase_widths(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "\x01\x7f");
	fix_expect_out(f, "^A\b \b\b \b");
	fix_type(f, "ab\t\x7f");
	/* tab from column 2 to 8: six columns */
	fix_expect_out(f, "ab\t\b \b\b \b\b \b\b \b\b \b\b \b");
	fix_lflag(f, ECHO, 0);
	fix_type(f, "z");
	fix_lflag(f, 0, ECHO);
	fix_type(f, "\x7f");
	fix_expect_out(f, "");
	fix_type(f, "\n");
	fix_expect_read(f, 64, "ab\n");
	free(f);
}

/* TTY-008: an NL echoed in raw mode, then erased in canonical mode, erases nothing on screen */
static void test_TTY_008_erase_newline(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ICANON, 0);
	fix_type(f, "ab\n");
	fix_expect_out(f, "ab\r\n");
	fix_lflag(f, 0, ICANON);
	assert_int_equal(tty_ldisc_edit_len(&f->ld), 3);
	fix_type(f, "\x7f");
	fix_expect_out(f, "");
	fix_type(f, "\x7f");
	fix_expect_out(f, "\b \b");
	fix_type(f, "\n");
	fix_expect_read(f, 64, "a\n");
	free(f);
}

/* TTY-007: IUTF8 erases a whole UTF-8 character, without it one byte */
static void test_TTY_007_utf8_erase(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_iflag(f, 0, IUTF8);
	/* e-acute (2 bytes) and the euro sign (3 bytes): one column each */
	fix_type(f, "a\xc3\xa9\xe2\x82\xac\x7f");
	fix_expect_out(f, "a\xc3\xa9\xe2\x82\xac\b \b");
	assert_int_equal(tty_ldisc_edit_len(&f->ld), 3);
	fix_type(f, "\x7f");
	fix_expect_out(f, "\b \b");
	fix_type(f, "\n");
	fix_expect_read(f, 64, "a\n");
	/* a stray continuation byte at the start of the line goes alone */
	fix_type(f, "\xa9\x7f\n");
	fix_expect_read(f, 64, "\n");
	fix_iflag(f, IUTF8, 0);
	f->out_len = 0;
	fix_type(f, "\xc3\xa9\x7f\n");
	fix_expect_out(f, "\xc3\xa9\b \b\r\n");
	fix_expect_read(f, 64, "\xc3\n");
	free(f);
}

/* TTY-008: ECHO without ECHOE echoes the erase character itself */
static void test_TTY_008_no_echoe(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ECHOE, 0);
	fix_type(f, "ab\x7f\n");
	fix_expect_out(f, "ab^?\r\n");
	fix_lflag(f, ECHOCTL, 0);
	fix_type(f, "cd\x08\n");
	fix_expect_out(f, "cd\x08\r\n");
	fix_expect_read(f, 64, "a\n");
	fix_expect_read(f, 64, "c\n");
	free(f);
}

/* TTY-009 */
static void test_TTY_009_kill(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "ab\x15" "c\n");
	fix_expect_out(f, "ab\b \b\b \bc\r\n");
	fix_expect_read(f, 64, "c\n");
	/* ECHOKE without ECHOK: no visual erase and no NL */
	fix_lflag(f, ECHOK, 0);
	fix_type(f, "xy\x15z\n");
	fix_expect_out(f, "xy^Uz\r\n");
	fix_expect_read(f, 64, "z\n");
	fix_lflag(f, ECHOKE, ECHOK);
	fix_type(f, "xy\x15z\n");
	fix_expect_out(f, "xy^U\r\nz\r\n");
	fix_expect_read(f, 64, "z\n");
	fix_lflag(f, ECHOK, 0);
	fix_type(f, "xy\x15z\n");
	fix_expect_out(f, "xy^Uz\r\n");
	fix_expect_read(f, 64, "z\n");
	/* empty line: nothing happens */
	fix_type(f, "\x15");
	fix_expect_out(f, "");
	free(f);
}

/* TTY-010 */
static void test_TTY_010_werase(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "one two  \x17");
	fix_expect_out(f, "one two  \b \b\b \b\b \b\b \b\b \b");
	fix_type(f, "\x17X\n");
	fix_expect_read(f, 64, "X\n");
	f->out_len = 0;
	/* ECHO without ECHOE: the WERASE character once */
	fix_lflag(f, ECHOE, 0);
	fix_type(f, "ab cd\x17\n");
	fix_expect_out(f, "ab cd^W\r\n");
	fix_expect_read(f, 64, "ab \n");
	fix_lflag(f, IEXTEN, 0);
	fix_type(f, "a b\x17\n");
	fix_expect_read(f, 64, "a b\x17\n");
	free(f);
}

/* TTY-011 */
static void test_TTY_011_eof(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "abc\x04");
	fix_expect_out(f, "abc");
	assert_int_equal(f->wakes, 1);
	fix_expect_read(f, 64, "abc");
	fix_expect_wait(f);
	fix_type(f, "\x04");
	fix_expect_out(f, "");
	assert_int_equal(f->wakes, 2);
	fix_expect_read(f, 64, "");
	fix_expect_wait(f);
	free(f);
}

/* TTY-011: a buffer that fills right before the VEOF mark takes the mark along */
static void test_TTY_011_eof_at_buffer_end(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "abc\x04" "\x04" "d\n");
	fix_expect_read(f, 3, "abc");
	fix_expect_read(f, 64, ""); /* the second, real end of file */
	fix_expect_read(f, 64, "d\n");
	free(f);
}

/* TTY-012 */
static void test_TTY_012_line_bound(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ECHO, 0);
	static char line[TTY_LINE_MAX + 10];
	memset(line, 'q', sizeof line);
	fix_type_n(f, line, sizeof line);
	assert_int_equal(tty_ldisc_edit_len(&f->ld), TTY_LINE_MAX);
	assert_int_equal(f->ld.stats.dropped, 10);
	fix_expect_out(f, ""); /* no ECHO: no BEL either */
	/* erase and newline still work */
	fix_type(f, "\x7f\n");
	uint8_t *buf = malloc(TTY_QUEUE_MAX);
	size_t n = fix_read(f, buf, TTY_QUEUE_MAX);
	assert_int_equal(n, TTY_LINE_MAX);
	for (size_t i = 0; i + 1 < n; i++)
		assert_int_equal(buf[i], 'q');
	assert_int_equal(buf[n - 1], '\n');
	free(buf);
	free(f);
}

/* TTY-012: refused bytes are not echoed; BEL with ECHO and IMAXBEL */
static void test_TTY_012_bell(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	static char line[TTY_LINE_MAX];
	memset(line, 'w', sizeof line);
	fix_type_n(f, line, sizeof line);
	f->out_len = 0;
	fix_type(f, "xy");
	fix_expect_out(f, "\a\a");
	fix_iflag(f, IMAXBEL, 0);
	fix_type(f, "z");
	fix_expect_out(f, "");
	assert_int_equal(f->ld.stats.dropped, 3);
	fix_type(f, "\n");
	fix_expect_out(f, "\r\n");
	assert_int_equal(f->ld.head + TTY_LINE_MAX + 1, f->ld.commit);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_005_icrnl_default),
		cmocka_unit_test(test_TTY_005_igncr_inlcr_istrip),
		cmocka_unit_test(test_TTY_006_one_line_per_read),
		cmocka_unit_test(test_TTY_006_eol_chars),
		cmocka_unit_test(test_TTY_007_erase_del_and_bs),
		cmocka_unit_test(test_TTY_007_erase_empty_and_committed),
		cmocka_unit_test(test_TTY_008_erase_widths),
		cmocka_unit_test(test_TTY_007_utf8_erase),
		cmocka_unit_test(test_TTY_008_erase_newline),
		cmocka_unit_test(test_TTY_008_no_echoe),
		cmocka_unit_test(test_TTY_009_kill),
		cmocka_unit_test(test_TTY_010_werase),
		cmocka_unit_test(test_TTY_011_eof),
		cmocka_unit_test(test_TTY_011_eof_at_buffer_end),
		cmocka_unit_test(test_TTY_012_line_bound),
		cmocka_unit_test(test_TTY_012_bell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
