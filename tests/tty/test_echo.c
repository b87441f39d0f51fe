/* tests/tty: echo and output processing (TTY-013..015). */
#include "tty_fixture.h"

/* TTY-013 */
static void test_TTY_013_echoctl(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "a\x01\x1b[A\tz");
	fix_expect_out(f, "a^A^[[A\tz");
	fix_lflag(f, ECHOCTL, 0);
	fix_type(f, "\x01\x1b");
	fix_expect_out(f, "\x01\x1b");
	fix_type(f, "\n");
	fix_expect_out(f, "\r\n");
	fix_expect_read(f, 64, "a\x01\x1b[A\tz\x01\x1b\n");
	free(f);
}

/* TTY-013: raw-mode DEL echoes as ^? */
static void test_TTY_013_del_notation(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ICANON, 0);
	fix_type(f, "\x7f" "b");
	fix_expect_out(f, "^?b");
	free(f);
}

/* TTY-014 */
static void test_TTY_014_no_echo_echonl(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ECHO, 0);
	fix_type(f, "secret\x7f\x15more\n");
	fix_expect_out(f, "");
	fix_lflag(f, 0, ECHONL);
	fix_type(f, "x\n");
	fix_expect_out(f, "\r\n");
	fix_expect_read(f, 64, "more\n");
	fix_expect_read(f, 64, "x\n");
	/* non-canonical: ECHONL has no effect, ECHO echoes everything */
	fix_lflag(f, ICANON, 0);
	fix_type(f, "\n");
	fix_expect_out(f, "");
	fix_lflag(f, ECHONL, ECHO);
	fix_type(f, "k\n\x03");
	fix_expect_out(f, "k\r\n^C");
	free(f);
}

/* TTY-015 */
static void test_TTY_015_output_processing(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	assert_int_equal(tty_ldisc_write(&f->ld, (const uint8_t *)"a\nb\r", 4), 4);
	fix_expect_out(f, "a\r\nb\r");
	fix_oflag(f, ONLCR, OCRNL);
	tty_ldisc_write(&f->ld, (const uint8_t *)"a\nb\r", 4);
	fix_expect_out(f, "a\nb\n");
	/* ONOCR: no CR at column 0 (the column is 1 after "b\n" without ONLCR/ONLRET) */
	fix_oflag(f, OCRNL, ONOCR);
	tty_ldisc_write(&f->ld, (const uint8_t *)"\r\rxy\r\r", 6);
	fix_expect_out(f, "\rxy\r");
	/* ONLRET: NL returns to column 0, so the CR after it is dropped */
	tty_ldisc_write(&f->ld, (const uint8_t *)"ab\n\r", 4);
	fix_expect_out(f, "ab\n\r");
	fix_oflag(f, 0, ONLRET);
	tty_ldisc_write(&f->ld, (const uint8_t *)"ab\n\r", 4);
	fix_expect_out(f, "ab\n");
	/* no OPOST: unchanged */
	fix_oflag(f, OPOST, ONLCR | OCRNL);
	tty_ldisc_write(&f->ld, (const uint8_t *)"a\n\r", 3);
	fix_expect_out(f, "a\n\r");
	free(f);
}

static unsigned output_calls;

static void count_output(void *ctx, const uint8_t *bytes, size_t len)
{
	(void)ctx;
	(void)bytes;
	assert_true(len > 0);
	output_calls++;
}

/* TTY-015: plain runs go out in one callback; every byte before write returns */
static void test_TTY_015_runs(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	tty_ldisc_write(&f->ld, (const uint8_t *)"hello\tworld\nnext\n", 17);
	fix_expect_out(f, "hello\tworld\r\nnext\r\n");
	/* the column is tracked across runs: a CR after "ab" is not at column 0 */
	fix_oflag(f, 0, ONOCR);
	tty_ldisc_write(&f->ld, (const uint8_t *)"ab\r\r", 4);
	fix_expect_out(f, "ab\r");
	tty_ldisc_ops_t ops = {count_output, NULL, NULL, NULL};
	tty_ldisc_init(&f->ld, &ops);
	output_calls = 0;
	assert_int_equal(tty_ldisc_write(&f->ld, (const uint8_t *)"0123456789\n", 11), 11);
	assert_int_equal(output_calls, 2);
	free(f);
}

/* TTY-015: echo uses the same processing */
static void test_TTY_015_echo_processed(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_oflag(f, OPOST, 0);
	fix_type(f, "a\n");
	fix_expect_out(f, "a\n");
	fix_expect_read(f, 64, "a\n");
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_013_echoctl),
		cmocka_unit_test(test_TTY_013_del_notation),
		cmocka_unit_test(test_TTY_014_no_echo_echonl),
		cmocka_unit_test(test_TTY_015_output_processing),
		cmocka_unit_test(test_TTY_015_runs),
		cmocka_unit_test(test_TTY_015_echo_processed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
