/* tests/pipe: ends, write, read and poll decisions of the pipe core (PIPE-001..030). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "ipc/pipe.h"

static pipe_t *new_pipe(void)
{
	pipe_t *p = malloc(sizeof(*p));
	assert_non_null(p);
	memset(p, 0xA5, sizeof(*p)); /* pipe_init must not rely on zeroed memory */
	pipe_init(p);
	return p;
}

static void fill(uint8_t *buf, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed + i * 7u);
}

/* Write len bytes with a pattern; assert the exact result. */
static void write_expect(pipe_t *p, size_t len, bool nb, int64_t count, uint32_t actions)
{
	uint8_t *buf = malloc(len ? len : 1);
	assert_non_null(buf);
	fill(buf, len, 3);
	pipe_result_t r = pipe_write(p, buf, len, nb);
	free(buf);
	assert_int_equal(r.count, count);
	assert_int_equal(r.actions, actions);
}

/* PIPE-001 */
static void test_PIPE_001_constants_and_init(void **state)
{
	(void)state;
	assert_int_equal(PIPE_CAPACITY, 65536);
	assert_int_equal(PIPE_BUF, 4096);
	assert_true(sizeof(pipe_t) >= PIPE_CAPACITY);
	pipe_t *p = new_pipe();
	assert_int_equal(pipe_bytes_stored(p), 0);
	assert_int_equal(p->readers, 1);
	assert_int_equal(p->writers, 1);
	assert_false(pipe_is_released(p));
	/* the whole capacity is usable, no slot wasted */
	write_expect(p, PIPE_CAPACITY, true, PIPE_CAPACITY, PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_bytes_stored(p), PIPE_CAPACITY);
	free(p);
}

/* PIPE-002 */
static void test_PIPE_002_end_counts(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	assert_int_equal(pipe_open_end(p, PIPE_END_READ), 0);
	assert_int_equal(pipe_open_end(p, PIPE_END_WRITE), 0);
	assert_int_equal(p->readers, 2);
	assert_int_equal(p->writers, 2);
	assert_int_equal(pipe_open_end(p, (pipe_end_t)2), -EINVAL);
	assert_int_equal(pipe_close_end(p, (pipe_end_t)7), -EINVAL);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	assert_false(pipe_is_released(p));
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), -EINVAL);
	assert_int_equal(p->readers, 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	assert_true(pipe_is_released(p));
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), -EINVAL);
	assert_int_equal(p->writers, 0);
	p->writers = UINT32_MAX;
	assert_int_equal(pipe_open_end(p, PIPE_END_WRITE), -EOVERFLOW);
	assert_int_equal(p->writers, UINT32_MAX);
	free(p);
}

/* PIPE-003 */
static void test_PIPE_003_last_close_wakes(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	assert_int_equal(pipe_open_end(p, PIPE_END_WRITE), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	free(p);
}

/* PIPE-010 */
static void test_PIPE_010_zero_write(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	write_expect(p, 0, false, 0, 0);
	assert_int_equal(pipe_write(p, NULL, 0, true).count, 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	pipe_result_t r = pipe_write(p, NULL, 0, false);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.actions, 0);
	assert_int_equal(pipe_bytes_stored(p), 0);
	free(p);
}

/* PIPE-011 */
static void test_PIPE_011_epipe_sigpipe(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	write_expect(p, 1, false, -EPIPE, PIPE_ACT_SIGPIPE);
	write_expect(p, PIPE_BUF * 3, true, -EPIPE, PIPE_ACT_SIGPIPE);
	assert_int_equal(pipe_bytes_stored(p), 0);
	free(p);
}

/* PIPE-012: a small write that does not fit stores nothing. */
static void test_PIPE_012_atomic_small(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	write_expect(p, PIPE_CAPACITY - 100, true, PIPE_CAPACITY - 100, PIPE_ACT_WAKE_READERS);
	write_expect(p, 101, true, -EAGAIN, 0);
	write_expect(p, PIPE_BUF, false, 0, PIPE_ACT_BLOCK);
	assert_int_equal(pipe_bytes_stored(p), PIPE_CAPACITY - 100);
	write_expect(p, 100, false, 100, PIPE_ACT_WAKE_READERS);
	write_expect(p, 1, true, -EAGAIN, 0);
	write_expect(p, 1, false, 0, PIPE_ACT_BLOCK);
	assert_int_equal(pipe_bytes_stored(p), PIPE_CAPACITY);
	free(p);
}

/* PIPE-012: exactly PIPE_BUF bytes with exactly PIPE_BUF free goes in whole. */
static void test_PIPE_012_atomic_exact(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	write_expect(p, PIPE_CAPACITY - PIPE_BUF, true, PIPE_CAPACITY - PIPE_BUF, PIPE_ACT_WAKE_READERS);
	write_expect(p, PIPE_BUF, false, PIPE_BUF, PIPE_ACT_WAKE_READERS);
	free(p);
}

/* PIPE-013 */
static void test_PIPE_013_large_partial(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	write_expect(p, PIPE_CAPACITY - 100, true, PIPE_CAPACITY - 100, PIPE_ACT_WAKE_READERS);
	/* nonblocking large write: partial, no block */
	write_expect(p, PIPE_BUF + 1, true, 100, PIPE_ACT_WAKE_READERS);
	write_expect(p, PIPE_BUF + 1, true, -EAGAIN, 0);
	write_expect(p, PIPE_BUF + 1, false, 0, PIPE_ACT_BLOCK);
	uint8_t sink[300];
	assert_int_equal(pipe_read(p, sink, sizeof(sink), true).count, 300);
	/* blocking large write: partial plus block */
	write_expect(p, PIPE_BUF + 1, false, 300, PIPE_ACT_WAKE_READERS | PIPE_ACT_BLOCK);
	free(p);

	p = new_pipe();
	/* a large write that fits goes in whole, no block */
	write_expect(p, PIPE_CAPACITY, false, PIPE_CAPACITY, PIPE_ACT_WAKE_READERS);
	free(p);
}

/* PIPE-014 */
static void test_PIPE_014_write_wakes_readers(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	write_expect(p, 1, false, 1, PIPE_ACT_WAKE_READERS);
	write_expect(p, PIPE_BUF + 10, true, PIPE_BUF + 10, PIPE_ACT_WAKE_READERS);
	free(p);
}

/* PIPE-015 */
static void test_PIPE_015_bad_callers(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	uint8_t b[4] = { 1, 2, 3, 4 };
	assert_int_equal(pipe_write(p, NULL, 1, true).count, -EFAULT);
	assert_int_equal(pipe_read(p, NULL, 1, true).count, -EFAULT);
	assert_int_equal(pipe_write(p, b, 4, true).count, 4);
	assert_int_equal(pipe_read(p, NULL, 4, true).count, -EFAULT);
	assert_int_equal(pipe_bytes_stored(p), 4);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_write(p, b, 4, true).count, -EBADF);
	assert_int_equal(pipe_write(p, b, 0, true).count, -EBADF);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	pipe_result_t r = pipe_read(p, b, 4, true);
	assert_int_equal(r.count, -EBADF);
	assert_int_equal(r.actions, 0);
	free(p);
}

/* PIPE-020 */
static void test_PIPE_020_zero_read(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	pipe_result_t r = pipe_read(p, NULL, 0, false);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.actions, 0);
	write_expect(p, 5, true, 5, PIPE_ACT_WAKE_READERS);
	uint8_t b[1];
	r = pipe_read(p, b, 0, false);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.actions, 0);
	assert_int_equal(pipe_bytes_stored(p), 5);
	free(p);
}

/* PIPE-021 */
static void test_PIPE_021_read_data(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	uint8_t in[10], out[64];
	fill(in, sizeof(in), 40);
	assert_int_equal(pipe_write(p, in, sizeof(in), false).count, 10);
	pipe_result_t r = pipe_read(p, out, 4, false);
	assert_int_equal(r.count, 4);
	assert_int_equal(r.actions, PIPE_ACT_WAKE_WRITERS);
	assert_memory_equal(out, in, 4);
	/* asks for more than stored: gets what is there, no block */
	r = pipe_read(p, out, sizeof(out), false);
	assert_int_equal(r.count, 6);
	assert_int_equal(r.actions, PIPE_ACT_WAKE_WRITERS);
	assert_memory_equal(out, in + 4, 6);
	/* data written before the last writer closed is read before EOF */
	assert_int_equal(pipe_write(p, in, 3, false).count, 3);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	r = pipe_read(p, out, sizeof(out), false);
	assert_int_equal(r.count, 3);
	assert_memory_equal(out, in, 3);
	r = pipe_read(p, out, sizeof(out), false);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.actions, 0);
	free(p);
}

/* PIPE-021: copies across the ring's wrap point. */
static void test_PIPE_021_wraparound(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	uint8_t *big = malloc(PIPE_CAPACITY);
	uint8_t *out = malloc(PIPE_CAPACITY);
	assert_non_null(big);
	assert_non_null(out);
	fill(big, PIPE_CAPACITY, 9);
	assert_int_equal(pipe_write(p, big, PIPE_CAPACITY - 10, true).count, PIPE_CAPACITY - 10);
	assert_int_equal(pipe_read(p, out, PIPE_CAPACITY - 20, true).count, PIPE_CAPACITY - 20);
	/* 10 stored near the end; write 1000 that wrap */
	assert_int_equal(pipe_write(p, big + 5000, 1000, true).count, 1000);
	assert_int_equal(pipe_read(p, out, PIPE_CAPACITY, true).count, 1010);
	assert_memory_equal(out, big + PIPE_CAPACITY - 20, 10);
	assert_memory_equal(out + 10, big + 5000, 1000);
	free(big);
	free(out);
	free(p);
}

/* PIPE-022 */
static void test_PIPE_022_empty_with_writers(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	uint8_t b[8];
	pipe_result_t r = pipe_read(p, b, sizeof(b), true);
	assert_int_equal(r.count, -EAGAIN);
	assert_int_equal(r.actions, 0);
	r = pipe_read(p, b, sizeof(b), false);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.actions, PIPE_ACT_BLOCK);
	free(p);
}

/* PIPE-023 */
static void test_PIPE_023_eof(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	uint8_t b[8];
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	for (int nb = 0; nb < 2; nb++) {
		pipe_result_t r = pipe_read(p, b, sizeof(b), nb != 0);
		assert_int_equal(r.count, 0);
		assert_int_equal(r.actions, 0);
	}
	free(p);
}

/* PIPE-030 */
static void test_PIPE_030_poll(void **state)
{
	(void)state;
	pipe_t *p = new_pipe();
	assert_int_equal(PIPE_POLLIN, 0x001);
	assert_int_equal(PIPE_POLLOUT, 0x004);
	assert_int_equal(PIPE_POLLERR, 0x008);
	assert_int_equal(PIPE_POLLHUP, 0x010);
	assert_int_equal(pipe_poll(p, PIPE_END_READ), 0);
	assert_int_equal(pipe_poll(p, PIPE_END_WRITE), PIPE_POLLOUT);
	assert_int_equal(pipe_poll(p, (pipe_end_t)5), 0);
	write_expect(p, PIPE_CAPACITY - PIPE_BUF, true, PIPE_CAPACITY - PIPE_BUF, PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_poll(p, PIPE_END_READ), PIPE_POLLIN);
	assert_int_equal(pipe_poll(p, PIPE_END_WRITE), PIPE_POLLOUT);
	write_expect(p, 1, true, 1, PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_poll(p, PIPE_END_WRITE), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_WRITE), (int)PIPE_ACT_WAKE_READERS);
	assert_int_equal(pipe_poll(p, PIPE_END_READ), PIPE_POLLIN | PIPE_POLLHUP);
	uint8_t *sink = malloc(PIPE_CAPACITY);
	assert_non_null(sink);
	assert_int_equal(pipe_read(p, sink, PIPE_CAPACITY, true).count, PIPE_CAPACITY - PIPE_BUF + 1);
	free(sink);
	assert_int_equal(pipe_poll(p, PIPE_END_READ), PIPE_POLLHUP);
	assert_int_equal(pipe_open_end(p, PIPE_END_WRITE), 0);
	assert_int_equal(pipe_close_end(p, PIPE_END_READ), (int)PIPE_ACT_WAKE_WRITERS);
	assert_int_equal(pipe_poll(p, PIPE_END_WRITE), PIPE_POLLOUT | PIPE_POLLERR);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_PIPE_001_constants_and_init),
		cmocka_unit_test(test_PIPE_002_end_counts),
		cmocka_unit_test(test_PIPE_003_last_close_wakes),
		cmocka_unit_test(test_PIPE_010_zero_write),
		cmocka_unit_test(test_PIPE_011_epipe_sigpipe),
		cmocka_unit_test(test_PIPE_012_atomic_small),
		cmocka_unit_test(test_PIPE_012_atomic_exact),
		cmocka_unit_test(test_PIPE_013_large_partial),
		cmocka_unit_test(test_PIPE_014_write_wakes_readers),
		cmocka_unit_test(test_PIPE_015_bad_callers),
		cmocka_unit_test(test_PIPE_020_zero_read),
		cmocka_unit_test(test_PIPE_021_read_data),
		cmocka_unit_test(test_PIPE_021_wraparound),
		cmocka_unit_test(test_PIPE_022_empty_with_writers),
		cmocka_unit_test(test_PIPE_023_eof),
		cmocka_unit_test(test_PIPE_030_poll),
	};
	return cmocka_run_group_tests_name("pipe", tests, NULL, NULL);
}
