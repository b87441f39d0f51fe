/*
 * GLUE-010, GLUE-011: src/user/lib/uio, output without stdio.  Writers are
 * injected (uio_*_via) to produce short writes, interruptions and errors; the
 * plain functions are run end to end through the glue against a real pipe,
 * with this test's own glue_syscall6 standing in for the transport (the
 * linker then leaves libuser.a's channel to aegis-sim out).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <aegis/syscall_nr.h>

#include "uio/uio.h"

/* The transport: SYS_write goes to the host's write(); anything else is -ENOSYS. */
long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)a4, (void)a5, (void)a6;
	if (nr != SYS_write)
		return -ENOSYS;
	ssize_t n = write((int)a1, (const void *)(uintptr_t)a2, (size_t)a3);
	return n < 0 ? -errno : n;
}

/* A writer that takes at most CHUNK bytes a call and is interrupted every other call. */
#define CHUNK 3
#define CAPTURE_MAX 4096
static char captured[CAPTURE_MAX];
static size_t captured_len;
static int writer_calls;
static long fail_after; /* after this many bytes, fail with fail_error (0: never) */
static long fail_error;

static void capture_reset(void)
{
	captured_len = 0;
	writer_calls = 0;
	fail_after = 0;
	fail_error = 0;
}

static long chunky_writer(int fd, const void *buf, size_t len)
{
	assert_int_equal(fd, 5);
	if (writer_calls++ % 2 == 1)
		return -EINTR;
	if (fail_after && (long)captured_len >= fail_after)
		return fail_error;
	size_t n = len < CHUNK ? len : CHUNK;
	assert_true(captured_len + n <= CAPTURE_MAX);
	memcpy(captured + captured_len, buf, n);
	captured_len += n;
	return (long)n;
}

static long zero_writer(int fd, const void *buf, size_t len)
{
	return 0;
}

static long overlong_writer(int fd, const void *buf, size_t len)
{
	return (long)len + 1;
}

/* GLUE-010: short and interrupted writes continue until everything is out. */
static void test_glue_010_short_and_interrupted_writes(void **state)
{
	(void)state;
	static const char text[] = "hello, short writes and EINTR";
	capture_reset();
	assert_int_equal(uio_write_all_via(chunky_writer, 5, text, sizeof(text) - 1), (long)sizeof(text) - 1);
	assert_int_equal(captured_len, sizeof(text) - 1);
	assert_memory_equal(captured, text, sizeof(text) - 1);
	assert_true(writer_calls > (int)((sizeof(text) - 1) / CHUNK));
	capture_reset();
	assert_int_equal(uio_write_all_via(chunky_writer, 5, text, 0), 0);
	assert_int_equal(captured_len, 0);
}

/* GLUE-010: the first real error is returned; bad writers and arguments never loop or crash. */
static void test_glue_010_errors(void **state)
{
	(void)state;
	static const char text[] = "0123456789";
	capture_reset();
	fail_after = 6;
	fail_error = -EPIPE;
	assert_int_equal(uio_write_all_via(chunky_writer, 5, text, 10), -EPIPE);
	assert_int_equal(captured_len, 6);
	assert_int_equal(uio_write_all_via(zero_writer, 5, text, 10), -EIO);
	assert_int_equal(uio_write_all_via(overlong_writer, 5, text, 10), -EIO);
	assert_int_equal(uio_write_all_via(NULL, 5, text, 10), -EINVAL);
	assert_int_equal(uio_write_all_via(chunky_writer, 5, NULL, 10), -EINVAL);
	assert_int_equal(uio_write_str(1, NULL), -EINVAL);
	assert_int_equal(uio_write_all(-1, text, 10), -EBADF); /* through the glue */
}

static long vprintf_via(uio_write_fn w, int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	long r = uio_vprintf_via(w, fd, fmt, ap);
	va_end(ap);
	return r;
}

/* GLUE-011: formatting like snprintf, written whole through the writer. */
static void test_glue_011_printf_formats(void **state)
{
	(void)state;
	capture_reset();
	long r = vprintf_via(chunky_writer, 5, "pid %d name %s hex %#x%c", 42, "vigil", 255, '\n');
	static const char want[] = "pid 42 name vigil hex 0xff\n";
	assert_int_equal(r, (long)sizeof(want) - 1);
	assert_int_equal(captured_len, sizeof(want) - 1);
	assert_memory_equal(captured, want, sizeof(want) - 1);
	capture_reset();
	assert_int_equal(vprintf_via(chunky_writer, 5, "%s", ""), 0);
	assert_int_equal(captured_len, 0);
	assert_int_equal(vprintf_via(chunky_writer, 5, NULL), -EINVAL);
	assert_int_equal(captured_len, 0);
}

/* GLUE-011: longer text is cut at UIO_PRINTF_MAX bytes, written, and reported as -EMSGSIZE. */
static void test_glue_011_printf_truncation_is_reported(void **state)
{
	(void)state;
	static char big[UIO_PRINTF_MAX + 100];
	memset(big, 'x', sizeof(big) - 1);
	capture_reset();
	assert_int_equal(vprintf_via(chunky_writer, 5, "%s!", big), -EMSGSIZE);
	assert_int_equal(captured_len, UIO_PRINTF_MAX);
	capture_reset();
	big[UIO_PRINTF_MAX] = '\0'; /* exactly UIO_PRINTF_MAX bytes: fits */
	assert_int_equal(vprintf_via(chunky_writer, 5, "%s", big), UIO_PRINTF_MAX);
	assert_int_equal(captured_len, UIO_PRINTF_MAX);
	capture_reset();
	fail_after = 3;
	fail_error = -ENOSPC; /* a write error wins over truncation */
	big[UIO_PRINTF_MAX] = 'x';
	assert_int_equal(vprintf_via(chunky_writer, 5, "%s", big), -ENOSPC);
}

/* GLUE-010, GLUE-011: uio_printf and uio_write_str through sys_write into a real pipe. */
static void test_glue_011_printf_through_the_glue_to_a_pipe(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(uio_printf(p[1], "[%s] %d/%d\n", "GLUE", 3, 4), 11);
	assert_int_equal(uio_write_str(p[1], "done\n"), 5);
	close(p[1]);
	char got[64] = {0};
	size_t len = 0;
	ssize_t n;
	while ((n = read(p[0], got + len, sizeof(got) - 1 - len)) > 0)
		len += (size_t)n;
	close(p[0]);
	assert_string_equal(got, "[GLUE] 3/4\ndone\n");
	assert_int_equal(uio_printf(-1, "x"), -EBADF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glue_010_short_and_interrupted_writes),
		cmocka_unit_test(test_glue_010_errors),
		cmocka_unit_test(test_glue_011_printf_formats),
		cmocka_unit_test(test_glue_011_printf_truncation_is_reported),
		cmocka_unit_test(test_glue_011_printf_through_the_glue_to_a_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
