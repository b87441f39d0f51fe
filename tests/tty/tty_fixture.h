/*
 * Shared test fixture for tests/tty: a line discipline whose callbacks record
 * everything (output bytes, signals, wake-ups), and helpers to type and read.
 */
#ifndef TESTS_TTY_FIXTURE_H
#define TESTS_TTY_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "tty/ldisc.h"

#define FIX_OUT_MAX (1u << 16)
#define FIX_SIG_MAX 64

typedef struct tty_fix {
	tty_ldisc_t ld;
	uint8_t out[FIX_OUT_MAX];
	size_t out_len;
	int sig[FIX_SIG_MAX];
	int32_t sig_pgrp[FIX_SIG_MAX];
	size_t nsig;
	size_t wakes;
	uint64_t now;
} tty_fix_t;

static inline void fix_output(void *ctx, const uint8_t *bytes, size_t len)
{
	tty_fix_t *f = ctx;
	assert_true(f->out_len + len <= FIX_OUT_MAX);
	memcpy(f->out + f->out_len, bytes, len);
	f->out_len += len;
}

static inline void fix_signal(void *ctx, int32_t pgrp, int sig)
{
	tty_fix_t *f = ctx;
	assert_true(f->nsig < FIX_SIG_MAX);
	f->sig[f->nsig] = sig;
	f->sig_pgrp[f->nsig] = pgrp;
	f->nsig++;
}

static inline void fix_wake(void *ctx)
{
	((tty_fix_t *)ctx)->wakes++;
}

static inline tty_fix_t *fix_new(void)
{
	tty_fix_t *f = calloc(1, sizeof *f);
	assert_non_null(f);
	tty_ldisc_ops_t ops = {fix_output, fix_signal, fix_wake, f};
	tty_ldisc_init(&f->ld, &ops);
	return f;
}

static inline void fix_type_n(tty_fix_t *f, const void *bytes, size_t n)
{
	tty_ldisc_receive(&f->ld, bytes, n, f->now);
}

static inline void fix_type(tty_fix_t *f, const char *s)
{
	fix_type_n(f, s, strlen(s));
}

/* Assert the output so far is exactly `want` (length given), then forget it. */
static inline void fix_expect_out_n(tty_fix_t *f, const char *want, size_t n)
{
	if (f->out_len != n || memcmp(f->out, want, n) != 0) {
		print_error("output %zu bytes: '%.*s', wanted %zu bytes: '%.*s'\n", f->out_len, (int)f->out_len,
			    (const char *)f->out, n, (int)n, want);
		fail();
	}
	f->out_len = 0;
}

static inline void fix_expect_out(tty_fix_t *f, const char *want)
{
	fix_expect_out_n(f, want, strlen(want));
}

/* Read that must complete now; returns the count. */
static inline size_t fix_read(tty_fix_t *f, uint8_t *buf, size_t cap)
{
	tty_read_result_t r;
	size_t n = tty_ldisc_read(&f->ld, buf, cap, f->now, f->now, &r);
	assert_int_equal(r.status, TTY_READ_DONE);
	return n;
}

/* Read must complete with exactly this text. */
static inline void fix_expect_read(tty_fix_t *f, size_t cap, const char *want)
{
	uint8_t buf[TTY_QUEUE_MAX + 1];
	assert_true(cap <= sizeof buf);
	size_t n = fix_read(f, buf, cap);
	if (n != strlen(want) || memcmp(buf, want, n) != 0) {
		print_error("read %zu bytes: '%.*s', wanted '%s'\n", n, (int)n, (const char *)buf, want);
		fail();
	}
}

/* Read must wait (no deadline). */
static inline void fix_expect_wait(tty_fix_t *f)
{
	uint8_t buf[16];
	tty_read_result_t r;
	assert_int_equal(tty_ldisc_read(&f->ld, buf, sizeof buf, f->now, f->now, &r), 0);
	assert_int_equal(r.status, TTY_READ_WAIT);
	assert_false(r.has_deadline);
}

static inline aegis_termios_t fix_get(tty_fix_t *f)
{
	aegis_termios_t t;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCGETS, &t), 0);
	return t;
}

static inline void fix_set(tty_fix_t *f, const aegis_termios_t *t)
{
	aegis_termios_t copy = *t;
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TCSETS, &copy), 0);
}

/* Change the flag words: clear then set. */
static inline void fix_lflag(tty_fix_t *f, uint32_t clear, uint32_t set)
{
	aegis_termios_t t = fix_get(f);
	t.c_lflag = (t.c_lflag & ~clear) | set;
	fix_set(f, &t);
}

static inline void fix_iflag(tty_fix_t *f, uint32_t clear, uint32_t set)
{
	aegis_termios_t t = fix_get(f);
	t.c_iflag = (t.c_iflag & ~clear) | set;
	fix_set(f, &t);
}

static inline void fix_oflag(tty_fix_t *f, uint32_t clear, uint32_t set)
{
	aegis_termios_t t = fix_get(f);
	t.c_oflag = (t.c_oflag & ~clear) | set;
	fix_set(f, &t);
}

static inline void fix_cc(tty_fix_t *f, unsigned idx, uint8_t v)
{
	aegis_termios_t t = fix_get(f);
	t.c_cc[idx] = v;
	fix_set(f, &t);
}

static inline void fix_set_pgrp(tty_fix_t *f, int32_t pgrp)
{
	assert_int_equal(tty_ldisc_ioctl(&f->ld, TIOCSPGRP, &pgrp), 0);
}

#endif
