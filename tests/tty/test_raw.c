/* tests/tty: non-canonical reads, VMIN/VTIME, bounds and mode switches (TTY-018..021). */
#include "tty_fixture.h"

#define MS 1000000ull
#define DS (100 * MS) /* one VTIME unit */

static tty_fix_t *raw_fix(uint8_t vmin, uint8_t vtime)
{
	tty_fix_t *f = fix_new();
	aegis_termios_t t = fix_get(f);
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	fix_set(f, &t);
	return f;
}

/* Read at `now` for a read started at `start`. */
static size_t try_read(tty_fix_t *f, uint8_t *buf, size_t cap, uint64_t start, uint64_t now, tty_read_result_t *r)
{
	return tty_ldisc_read(&f->ld, buf, cap, start, now, r);
}

/* TTY-018: MIN=0 TIME=0 polls */
static void test_TTY_018_poll(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(0, 0);
	uint8_t buf[8];
	tty_read_result_t r;
	assert_int_equal(try_read(f, buf, sizeof buf, 0, 0, &r), 0);
	assert_int_equal(r.status, TTY_READ_DONE);
	fix_type(f, "ab");
	assert_int_equal(try_read(f, buf, sizeof buf, 0, 0, &r), 2);
	assert_memory_equal(buf, "ab", 2);
	free(f);
}

/* TTY-018: MIN>0 TIME=0 waits for MIN bytes (or the buffer size) */
static void test_TTY_018_min_only(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(3, 0);
	uint8_t buf[8];
	tty_read_result_t r;
	fix_type(f, "ab");
	assert_int_equal(try_read(f, buf, sizeof buf, 0, 5000 * MS, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_false(r.has_deadline);
	/* a 2-byte buffer is satisfied by 2 bytes */
	assert_int_equal(try_read(f, buf, 2, 0, 0, &r), 2);
	assert_int_equal(r.status, TTY_READ_DONE);
	fix_type(f, "cdefg");
	assert_int_equal(try_read(f, buf, 4, 0, 0, &r), 4);
	assert_memory_equal(buf, "cdef", 4);
	/* the login case: MIN=1 returns each byte as it comes */
	free(f);
	f = raw_fix(1, 0);
	fix_expect_wait(f);
	fix_type(f, "x");
	fix_expect_read(f, 8, "x");
	free(f);
}

/* TTY-018: MIN=0 TIME>0 is a timeout from the start of the read */
static void test_TTY_018_time_only(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(0, 5);
	uint8_t buf[8];
	tty_read_result_t r;
	uint64_t start = 1000 * MS;
	assert_int_equal(try_read(f, buf, sizeof buf, start, start, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_true(r.has_deadline);
	assert_int_equal(r.deadline_ns, start + 5 * DS);
	assert_int_equal(try_read(f, buf, sizeof buf, start, start + 5 * DS - 1, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_int_equal(try_read(f, buf, sizeof buf, start, start + 5 * DS, &r), 0);
	assert_int_equal(r.status, TTY_READ_DONE);
	fix_type(f, "z");
	assert_int_equal(try_read(f, buf, sizeof buf, start, start + 1, &r), 1);
	assert_int_equal(r.status, TTY_READ_DONE);
	free(f);
}

/* TTY-018: MIN>0 TIME>0 is an inter-byte timer started by the first byte */
static void test_TTY_018_interbyte(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(4, 2);
	uint8_t buf[8];
	tty_read_result_t r;
	uint64_t start = 10 * MS;
	assert_int_equal(try_read(f, buf, sizeof buf, start, start + 60000 * MS, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_false(r.has_deadline);
	f->now = start + 50 * MS;
	fix_type(f, "a");
	assert_int_equal(try_read(f, buf, sizeof buf, start, f->now, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_true(r.has_deadline);
	assert_int_equal(r.deadline_ns, f->now + 2 * DS);
	f->now += 150 * MS;
	fix_type(f, "b"); /* restarts the timer */
	assert_int_equal(try_read(f, buf, sizeof buf, start, f->now + 2 * DS - 1, &r), 0);
	assert_int_equal(r.deadline_ns, f->now + 2 * DS);
	assert_int_equal(try_read(f, buf, sizeof buf, start, f->now + 2 * DS, &r), 2);
	assert_int_equal(r.status, TTY_READ_DONE);
	assert_memory_equal(buf, "ab", 2);
	/* MIN reached: at once */
	fix_type(f, "wxyz");
	assert_int_equal(try_read(f, buf, sizeof buf, f->now, f->now, &r), 4);
	/* bytes queued before the read: the timer runs from the start of the read */
	fix_type(f, "q");
	uint64_t later = f->now + 10000 * MS;
	assert_int_equal(try_read(f, buf, sizeof buf, later, later, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_int_equal(r.deadline_ns, later + 2 * DS);
	free(f);
}

/* TTY-019 */
static void test_TTY_019_cap(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(0, 0);
	uint8_t buf[4] = {0};
	tty_read_result_t r;
	fix_type(f, "abcdef");
	assert_int_equal(try_read(f, buf, 0, 0, 0, &r), 0);
	assert_int_equal(r.status, TTY_READ_DONE);
	assert_int_equal(try_read(f, buf, 3, 0, 0, &r), 3);
	assert_memory_equal(buf, "abc", 3);
	assert_int_equal(buf[3], 0);
	free(f);
	/* canonical, nothing queued: a 0-byte read still returns at once */
	f = fix_new();
	assert_int_equal(tty_ldisc_read(&f->ld, buf, 0, 0, 0, &r), 0);
	assert_int_equal(r.status, TTY_READ_DONE);
	free(f);
}

/* TTY-020: the queue never takes more than TTY_QUEUE_MAX entries */
static void test_TTY_020_queue_bound_raw(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(1, 0);
	static uint8_t data[TTY_QUEUE_MAX + 5];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)('a' + i % 26);
	fix_type_n(f, data, sizeof data);
	assert_int_equal(tty_ldisc_queued(&f->ld), TTY_QUEUE_MAX);
	assert_int_equal(f->ld.stats.dropped, 5);
	fix_expect_out(f, ""); /* ECHO is off: no BEL */
	uint8_t *buf = malloc(TTY_QUEUE_MAX + 5);
	assert_int_equal(fix_read(f, buf, TTY_QUEUE_MAX + 5), TTY_QUEUE_MAX);
	assert_memory_equal(buf, data, TTY_QUEUE_MAX);
	free(buf);
	free(f);
}

/* TTY-020: canonical: completed lines fill the queue, the last entry is kept for NL */
static void test_TTY_020_queue_bound_canon(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_lflag(f, ECHO, 0);
	static char line[2001];
	memset(line, 'm', sizeof line - 1);
	line[sizeof line - 1] = '\n';
	fix_type_n(f, line, sizeof line);
	fix_type_n(f, line, sizeof line);
	/* 4002 queued; 94 more entries: 93 bytes fit and one is kept for the NL */
	fix_type_n(f, line, 100);
	assert_int_equal(tty_ldisc_queued(&f->ld), TTY_QUEUE_MAX - 1);
	assert_int_equal(f->ld.stats.dropped, 7);
	fix_type(f, "\n");
	assert_int_equal(tty_ldisc_queued(&f->ld), TTY_QUEUE_MAX);
	fix_type(f, "\n\x04");
	assert_int_equal(f->ld.stats.dropped, 9);
	uint8_t *buf = malloc(TTY_QUEUE_MAX);
	assert_int_equal(fix_read(f, buf, TTY_QUEUE_MAX), 2001);
	assert_int_equal(fix_read(f, buf, TTY_QUEUE_MAX), 2001);
	assert_int_equal(fix_read(f, buf, TTY_QUEUE_MAX), 94);
	fix_expect_wait(f);
	free(buf);
	free(f);
}

/* TTY-021 */
static void test_TTY_021_mode_switch(void **state)
{
	(void)state;
	tty_fix_t *f = fix_new();
	fix_type(f, "line\npart");
	size_t wakes = f->wakes;
	fix_lflag(f, ICANON, 0);
	assert_int_equal(f->wakes, wakes + 1);
	fix_expect_read(f, 64, "line\npart");
	/* raw bytes after a completed line become the edit line */
	fix_lflag(f, 0, ICANON);
	fix_lflag(f, ICANON, 0);
	fix_type(f, "xyz");
	fix_lflag(f, 0, ICANON);
	fix_expect_wait(f);
	assert_int_equal(tty_ldisc_edit_len(&f->ld), 3);
	fix_type(f, "\x7fW\n");
	fix_expect_read(f, 64, "xyW\n");
	/* a leftover VEOF mark is skipped by raw reads */
	fix_type(f, "ab\x04" "cd");
	fix_lflag(f, ICANON, 0);
	fix_expect_read(f, 64, "abcd");
	free(f);
}

/* TTY-021: more raw bytes than a line holds: the oldest stay readable */
static void test_TTY_021_long_raw_to_canon(void **state)
{
	(void)state;
	tty_fix_t *f = raw_fix(1, 0);
	static uint8_t data[TTY_QUEUE_MAX];
	memset(data, 'r', sizeof data);
	fix_type_n(f, data, sizeof data);
	fix_lflag(f, 0, ICANON);
	assert_int_equal(tty_ldisc_edit_len(&f->ld), TTY_LINE_MAX);
	fix_expect_read(f, 64, "r");
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_018_poll),
		cmocka_unit_test(test_TTY_018_min_only),
		cmocka_unit_test(test_TTY_018_time_only),
		cmocka_unit_test(test_TTY_018_interbyte),
		cmocka_unit_test(test_TTY_019_cap),
		cmocka_unit_test(test_TTY_020_queue_bound_raw),
		cmocka_unit_test(test_TTY_020_queue_bound_canon),
		cmocka_unit_test(test_TTY_021_mode_switch),
		cmocka_unit_test(test_TTY_021_long_raw_to_canon),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
