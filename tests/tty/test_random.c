/*
 * tests/tty: randomised keystrokes, mode changes and reads (TTY-030).
 *
 * Three phases, all seeded from AEGIS_TEST_SEED: chaos (any bytes, any flags,
 * only the invariants are checked), and two reference models, one for
 * non-canonical input and one for canonical editing (erase, kill, EOF, NL), that
 * must agree with the line discipline on every read and every refused byte.
 */
#include <stdio.h>

#include "tty_fixture.h"

#define DEFAULT_SEED 20261122u
#define CHAOS_STEPS 200000
#define MODEL_STEPS 200000
#define MODEL_CAP (TTY_QUEUE_MAX * 2)

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static void seed_rng(void)
{
	const char *env = getenv("AEGIS_TEST_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : DEFAULT_SEED;
	printf("# AEGIS_TEST_SEED=%llu\n", (unsigned long long)seed);
	rng_state = seed * 2654435761u + 1;
}

static void check_invariants(const tty_ldisc_t *ld)
{
	assert_true(ld->head <= ld->commit);
	assert_true(ld->commit <= ld->tail);
	assert_true(tty_ldisc_queued(ld) <= TTY_QUEUE_MAX);
	if (ld->termios.c_lflag & ICANON)
		assert_true(tty_ldisc_edit_len(ld) <= TTY_LINE_MAX);
	else
		assert_int_equal(tty_ldisc_edit_len(ld), 0);
}

static const uint8_t interesting[] = {'\n', '\r', 0x7f, 0x08, 0x15, 0x17, 0x04, 0x03, 0x1c, 0x1a, '\t', 0, ' ', 'a', 0xc3};

static uint8_t random_key(void)
{
	if (rnd_below(2))
		return interesting[rnd_below(sizeof interesting)];
	return (uint8_t)rnd();
}

/* TTY-030: chaos keeps the bounds */
static void test_TTY_030_chaos_invariants(void **state)
{
	(void)state;
	seed_rng();
	tty_fix_t *f = fix_new();
	fix_set_pgrp(f, 3);
	static uint8_t buf[TTY_QUEUE_MAX + 8];
	for (unsigned step = 0; step < CHAOS_STEPS; step++) {
		unsigned op = rnd_below(100);
		f->now += rnd_below(50000000);
		if (op < 80) {
			uint8_t keys[64];
			unsigned n = 1 + rnd_below(sizeof keys);
			for (unsigned i = 0; i < n; i++)
				keys[i] = random_key();
			fix_type_n(f, keys, n);
		} else if (op < 95) {
			tty_read_result_t r;
			size_t cap = rnd_below(2) ? rnd_below(8) : rnd_below(sizeof buf);
			size_t before = tty_ldisc_queued(&f->ld);
			size_t n = tty_ldisc_read(&f->ld, buf, cap, f->now - rnd_below(1000000000), f->now, &r);
			assert_true(n <= cap);
			assert_true(n <= before);
			if (r.status == TTY_READ_WAIT)
				assert_int_equal(n, 0);
		} else {
			aegis_termios_t t = fix_get(f);
			t.c_lflag ^= (uint32_t)1 << rnd_below(16);
			t.c_iflag ^= (uint32_t)1 << rnd_below(15);
			t.c_oflag ^= (uint32_t)1 << rnd_below(6);
			t.c_cc[rnd_below(AEGIS_NCCS)] = (uint8_t)rnd();
			assert_int_equal(tty_ldisc_ioctl(&f->ld, rnd_below(10) ? TCSETS : TCSETSF, &t), 0);
		}
		f->out_len = 0;
		f->nsig = 0;
		check_invariants(&f->ld);
	}
	free(f);
}

/* The raw model: a FIFO of accepted bytes. */
typedef struct raw_model {
	uint8_t q[MODEL_CAP];
	size_t head, tail;
	uint64_t dropped;
} raw_model_t;

/* TTY-030: non-canonical reads return exactly the accepted bytes, in order */
static void test_TTY_030_raw_model(void **state)
{
	(void)state;
	seed_rng();
	tty_fix_t *f = fix_new();
	static raw_model_t m;
	memset(&m, 0, sizeof m);
	aegis_termios_t t = fix_get(f);
	t.c_lflag &= ~(uint32_t)(ICANON | ISIG);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	fix_set(f, &t);
	static uint8_t buf[TTY_QUEUE_MAX + 8];
	unsigned read_pct = 30;
	for (unsigned step = 0; step < MODEL_STEPS; step++) {
		/* long stretches without reads let the queue fill */
		if (step % 10000 == 0)
			read_pct = rnd_below(2) ? 0 : 30;
		if (rnd_below(100) >= read_pct) {
			uint8_t c = random_key();
			fix_type_n(f, &c, 1);
			if (c == '\r')
				c = '\n'; /* ICRNL */
			if (m.tail - m.head < TTY_QUEUE_MAX)
				m.q[m.tail++ % MODEL_CAP] = c;
			else
				m.dropped++;
		} else {
			size_t cap = rnd_below(sizeof buf);
			size_t n = fix_read(f, buf, cap);
			size_t want = m.tail - m.head < cap ? m.tail - m.head : cap;
			assert_int_equal(n, want);
			for (size_t i = 0; i < n; i++)
				assert_int_equal(buf[i], m.q[m.head++ % MODEL_CAP]);
		}
		assert_int_equal(f->ld.stats.dropped, m.dropped);
		f->out_len = 0;
		check_invariants(&f->ld);
	}
	printf("# raw model: %llu bytes refused\n", (unsigned long long)m.dropped);
	assert_true(m.dropped > 0); /* the bound was reached */
	free(f);
}

/* The canonical model: completed entries and the line being edited. */
typedef struct canon_model {
	uint8_t q[MODEL_CAP];
	uint8_t kind[MODEL_CAP]; /* 0 byte, 1 NL (ends a line), 2 VEOF mark */
	size_t head, tail;
	uint8_t edit[TTY_QUEUE_MAX];
	size_t edit_len;
	uint64_t dropped;
} canon_model_t;

static size_t canon_queued(const canon_model_t *m)
{
	return m->tail - m->head + m->edit_len;
}

static void canon_commit(canon_model_t *m, uint8_t last, uint8_t kind)
{
	for (size_t i = 0; i < m->edit_len; i++) {
		m->q[m->tail % MODEL_CAP] = m->edit[i];
		m->kind[m->tail++ % MODEL_CAP] = 0;
	}
	m->edit_len = 0;
	m->q[m->tail % MODEL_CAP] = last;
	m->kind[m->tail++ % MODEL_CAP] = kind;
}

static void canon_key(canon_model_t *m, uint8_t c)
{
	if (c == '\r')
		c = '\n';
	if (c == 0x7f || c == 0x08) {
		if (m->edit_len > 0)
			m->edit_len--;
	} else if (c == 0x15) {
		m->edit_len = 0;
	} else if (c == 0x04 || c == '\n') {
		if (canon_queued(m) < TTY_QUEUE_MAX)
			canon_commit(m, c, c == '\n' ? 1 : 2);
		else
			m->dropped++;
	} else if (m->edit_len < TTY_LINE_MAX && canon_queued(m) < TTY_QUEUE_MAX - 1) {
		m->edit[m->edit_len++] = c;
	} else {
		m->dropped++;
	}
}

/* Expected result of a canonical read of cap bytes; -1 = must wait. */
static long canon_read(canon_model_t *m, uint8_t *out, size_t cap)
{
	if (m->head == m->tail)
		return -1;
	size_t n = 0;
	while (m->head < m->tail && n < cap) {
		uint8_t kind = m->kind[m->head % MODEL_CAP];
		uint8_t c = m->q[m->head++ % MODEL_CAP];
		if (kind == 2)
			return (long)n;
		out[n++] = c;
		if (kind == 1)
			return (long)n;
	}
	if (m->head < m->tail && m->kind[m->head % MODEL_CAP] == 2)
		m->head++;
	return (long)n;
}

/* TTY-030: canonical reads agree with a model of erase, kill, EOF and NL */
static void test_TTY_030_canon_model(void **state)
{
	(void)state;
	seed_rng();
	tty_fix_t *f = fix_new();
	static canon_model_t m;
	memset(&m, 0, sizeof m);
	fix_lflag(f, ISIG | IEXTEN, 0);
	static const uint8_t keys[] = {'a', 'b', ' ', 'c', 'd', 'e', '\r', '\n', 0x7f, 0x08, 0x15, 0x04};
	static uint8_t buf[TTY_QUEUE_MAX + 8], want[TTY_QUEUE_MAX + 8];
	unsigned reads = 0, eofs = 0;
	unsigned read_pct = 30;
	for (unsigned step = 0; step < MODEL_STEPS; step++) {
		if (step % 5000 == 0)
			read_pct = rnd_below(2) ? 1 : 40; /* alternate floods and steady reading */
		if (rnd_below(100) >= read_pct) {
			/* mostly letters, so lines get long */
			uint8_t c = rnd_below(10) ? keys[rnd_below(6)] : keys[rnd_below(sizeof keys)];
			fix_type_n(f, &c, 1);
			canon_key(&m, c);
		} else {
			size_t cap = rnd_below(3) ? 1 + rnd_below(16) : 1 + rnd_below(sizeof buf - 1);
			long expect = canon_read(&m, want, cap);
			tty_read_result_t r;
			size_t n = tty_ldisc_read(&f->ld, buf, cap, f->now, f->now, &r);
			if (expect < 0) {
				assert_int_equal(r.status, TTY_READ_WAIT);
			} else {
				assert_int_equal(r.status, TTY_READ_DONE);
				assert_int_equal(n, (size_t)expect);
				assert_memory_equal(buf, want, n);
				reads++;
				eofs += n == 0;
			}
		}
		assert_int_equal(f->ld.stats.dropped, m.dropped);
		assert_int_equal(tty_ldisc_edit_len(&f->ld), m.edit_len);
		assert_int_equal(tty_ldisc_queued(&f->ld), canon_queued(&m));
		f->out_len = 0;
		check_invariants(&f->ld);
	}
	printf("# canonical model: %u reads (%u end of file), %llu bytes refused\n", reads, eofs,
	       (unsigned long long)m.dropped);
	assert_true(m.dropped > 0); /* the bounds were reached */
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_TTY_030_chaos_invariants),
		cmocka_unit_test(test_TTY_030_raw_model),
		cmocka_unit_test(test_TTY_030_canon_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
