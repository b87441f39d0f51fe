/* tests/tty: the termios ABI, the defaults and unimplemented flags (TTY-001..004). */
#include "tty_fixture.h"

/* TTY-001 */
static void test_TTY_001_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(aegis_termios_t), 36);
	assert_int_equal(offsetof(aegis_termios_t, c_iflag), 0);
	assert_int_equal(offsetof(aegis_termios_t, c_oflag), 4);
	assert_int_equal(offsetof(aegis_termios_t, c_cflag), 8);
	assert_int_equal(offsetof(aegis_termios_t, c_lflag), 12);
	assert_int_equal(offsetof(aegis_termios_t, c_line), 16);
	assert_int_equal(offsetof(aegis_termios_t, c_cc), 17);
	assert_int_equal(AEGIS_NCCS, 19);
	assert_int_equal(sizeof(aegis_winsize_t), 8);
	assert_int_equal(offsetof(aegis_winsize_t, ws_col), 2);
	assert_int_equal(offsetof(aegis_winsize_t, ws_ypixel), 6);
}

/* TTY-001: values from the Linux x86_64 headers (asm-generic/termbits.h, ioctls.h) */
static void test_TTY_001_values(void **state)
{
	(void)state;
	assert_int_equal(ICANON, 0x2);
	assert_int_equal(ECHO, 0x8);
	assert_int_equal(ISIG, 0x1);
	assert_int_equal(ECHOE, 0x10);
	assert_int_equal(ECHOCTL, 0x200);
	assert_int_equal(ECHOKE, 0x800);
	assert_int_equal(IEXTEN, 0x8000);
	assert_int_equal(ICRNL, 0x100);
	assert_int_equal(IXON, 0x400);
	assert_int_equal(ONLCR, 0x4);
	assert_int_equal(VINTR, 0);
	assert_int_equal(VEOF, 4);
	assert_int_equal(VTIME, 5);
	assert_int_equal(VMIN, 6);
	assert_int_equal(VSUSP, 10);
	assert_int_equal(VWERASE, 14);
	assert_int_equal(VEOL2, 16);
	assert_int_equal(TCGETS, 0x5401);
	assert_int_equal(TCSETSF, 0x5404);
	assert_int_equal(TIOCSPGRP, 0x5410);
	assert_int_equal(TIOCGWINSZ, 0x5413);
	assert_int_equal(FIONREAD, 0x541B);
}

/* TTY-002 */
static void test_TTY_002_defaults(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	aegis_termios_t t = fix_get(f);
	assert_int_equal(t.c_iflag, ICRNL | IMAXBEL);
	assert_int_equal(t.c_oflag, OPOST | ONLCR);
	assert_int_equal(t.c_cflag, B38400 | CS8 | CREAD | HUPCL);
	assert_int_equal(t.c_lflag, ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	const uint8_t cc[AEGIS_NCCS] = {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0};
	assert_memory_equal(t.c_cc, cc, AEGIS_NCCS);
	aegis_winsize_t ws;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 0);
	assert_int_equal(ws.ws_col, 0);
	int32_t pgrp = -1;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCGPGRP, &pgrp), 0);
	assert_int_equal(pgrp, 0);
	assert_int_equal(tty_ldisc_queued(&f->ld), 0);
	fix_expect_wait(f);
	free(f);
}

/* TTY-002: NULL ops are allowed; output goes nowhere */
static void test_TTY_002_null_ops(void **state)
{
	(void)state;
	tty_ldisc_t *ld = calloc(1, sizeof *ld);
	tty_ldisc_init(ld, NULL);
	tty_ldisc_receive(ld, (const uint8_t *)"hi\n\x03", 4, 0);
	assert_int_equal(ld->stats.signals_unsent, 1);
	assert_int_equal(tty_ldisc_write(ld, (const uint8_t *)"x\n", 2), 2);
	free(ld);
}

/* TTY-003: a disabled control character never matches a NUL byte */
static void test_TTY_003_vdisable(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 7);
	fix_cc(f, VINTR, AEGIS_VDISABLE);
	fix_lflag(f, ECHOCTL, 0);
	/* VEOL, VEOL2 are disabled by default: NUL is data, not a terminator */
	fix_type_n(f, "a\0\x03" "b\n", 5);
	assert_int_equal(f->nsig, 0);
	uint8_t buf[16];
	size_t n = fix_read(f, buf, sizeof buf);
	assert_int_equal(n, 5);
	assert_memory_equal(buf, "a\0\x03" "b\n", 5);
	free(f);
}

/* TTY-004: unimplemented flags are stored verbatim and change nothing */
static void test_TTY_004_stored_no_effect(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	aegis_termios_t t = fix_get(f);
	t.c_iflag |= IXON | IXOFF | IXANY | IUCLC | IGNBRK | BRKINT | PARMRK | INPCK | IGNPAR;
	t.c_oflag |= OLCUC;
	t.c_cflag = 0x12345;
	t.c_lflag |= XCASE | TOSTOP | ECHOPRT | FLUSHO | PENDIN | EXTPROC;
	t.c_line = 3;
	fix_set(f, &t);
	aegis_termios_t back = fix_get(f);
	assert_memory_equal(&back, &t, sizeof t);
	/* ^S and ^Q are data (no flow control), lower case stays lower case */
	fix_type(f, "a\x13" "b\x11" "c\n");
	fix_expect_out(f, "a^Sb^Qc\r\n");
	fix_expect_read(f, 64, "a\x13" "b\x11" "c\n");
	/* ^V, ^R, ^O are data too */
	fix_type(f, "\x16\x12\x0f\n");
	fix_expect_read(f, 64, "\x16\x12\x0f\n");
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_001_layout),
		cmocka_unit_test(test_TTY_001_values),
		cmocka_unit_test(test_TTY_002_defaults),
		cmocka_unit_test(test_TTY_002_null_ops),
		cmocka_unit_test(test_TTY_003_vdisable),
		cmocka_unit_test(test_TTY_004_stored_no_effect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
