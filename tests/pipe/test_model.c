/*
 * tests/pipe: randomized model test (PIPE-024, also PIPE-011..023 and PIPE-030
 * under interleaving).  Several writers with pending writes, reads of random
 * sizes and opens/closes of both ends run in a random order against a plain
 * byte queue.  Every result is checked against what the model predicts, every
 * byte read against the model's bytes, and the write id of every byte read is
 * tracked so an atomic write split by other bytes is caught.  The seed comes
 * from AEGIS_TEST_SEED (fixed default) and is printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "ipc/pipe.h"

#define MODEL_DEFAULT_SEED 20261122u
#define MODEL_STEPS 30000u
#define MODEL_WRITERS 3u
#define MODEL_MAX_LARGE (3u * PIPE_BUF * 4u)
#define MODEL_MAX_READ (PIPE_CAPACITY / 3u)
#define MODEL_MAX_ENDS 4u
#define MODEL_MAX_WRITES (MODEL_STEPS + 1u)

typedef struct {
	uint64_t state;
} rng_t;

static uint32_t rng_next(rng_t *r)
{
	/* xorshift64* */
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return (uint32_t)((r->state * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t rng_range(rng_t *r, uint32_t lo, uint32_t hi)
{
	return lo + rng_next(r) % (hi - lo + 1u);
}

/* The model: a plain queue of (byte, write id), compacted when it reaches the end. */
typedef struct {
	uint8_t byte[2 * PIPE_CAPACITY];
	uint32_t id[2 * PIPE_CAPACITY];
	size_t head, tail;
	uint32_t readers, writers;
} model_t;

static size_t model_len(const model_t *m)
{
	return m->tail - m->head;
}

static void model_push(model_t *m, const uint8_t *src, size_t n, uint32_t id)
{
	if (m->tail + n > sizeof(m->byte)) {
		size_t len = model_len(m);
		memmove(m->byte, m->byte + m->head, len);
		memmove(m->id, m->id + m->head, len * sizeof(m->id[0]));
		m->head = 0;
		m->tail = len;
	}
	assert_true(m->tail + n <= sizeof(m->byte));
	for (size_t i = 0; i < n; i++) {
		m->byte[m->tail + i] = src[i];
		m->id[m->tail + i] = id;
	}
	m->tail += n;
}

typedef struct {
	bool active;
	bool nonblock;
	uint32_t id;
	size_t len, done;
	uint8_t data[MODEL_MAX_LARGE];
} pending_t;

typedef struct {
	pipe_t pipe;
	model_t model;
	pending_t w[MODEL_WRITERS];
	bool small[MODEL_MAX_WRITES];  /* write id -> was it atomic (<= PIPE_BUF) */
	bool ended[MODEL_MAX_WRITES];  /* write id -> another id followed it in the stream */
	uint32_t last_id;              /* id of the last byte read, 0 = none */
	uint32_t next_id;
	uint64_t written, read;
	uint64_t splits_allowed;       /* large writes seen in several pieces */
	uint64_t blocks, eagains, epipes;
} world_t;

static void check_poll(world_t *wd)
{
	model_t *m = &wd->model;
	uint32_t rd = 0, wr = 0;
	if (model_len(m) > 0)
		rd |= PIPE_POLLIN;
	if (m->writers == 0)
		rd |= PIPE_POLLHUP;
	if (PIPE_CAPACITY - model_len(m) >= PIPE_BUF)
		wr |= PIPE_POLLOUT;
	if (m->readers == 0)
		wr |= PIPE_POLLERR;
	assert_int_equal(pipe_poll(&wd->pipe, PIPE_END_READ), rd);
	assert_int_equal(pipe_poll(&wd->pipe, PIPE_END_WRITE), wr);
	assert_int_equal(pipe_bytes_stored(&wd->pipe), model_len(m));
}

/* One step of writer k's pending write; predicts the result from the model. */
static void step_write(world_t *wd, pending_t *pw)
{
	model_t *m = &wd->model;
	size_t want = pw->len - pw->done;
	size_t room = PIPE_CAPACITY - model_len(m);
	pipe_result_t r = pipe_write(&wd->pipe, pw->data + pw->done, want, pw->nonblock);

	if (m->writers == 0) {
		assert_int_equal(r.count, -EBADF);
		pw->active = false;
		return;
	}
	if (m->readers == 0) {
		assert_int_equal(r.count, -EPIPE);
		assert_int_equal(r.actions, PIPE_ACT_SIGPIPE);
		wd->epipes++;
		pw->active = false;
		return;
	}
	bool atomic = want <= PIPE_BUF;
	if ((atomic && want > room) || room == 0) {
		if (pw->nonblock) {
			assert_int_equal(r.count, -EAGAIN);
			assert_int_equal(r.actions, 0);
			wd->eagains++;
			pw->active = false;
		} else {
			assert_int_equal(r.count, 0);
			assert_int_equal(r.actions, PIPE_ACT_BLOCK);
			wd->blocks++;
		}
		return;
	}
	size_t n = want < room ? want : room;
	assert_int_equal(r.count, n);
	uint32_t act = PIPE_ACT_WAKE_READERS;
	if (n < want && !pw->nonblock)
		act |= PIPE_ACT_BLOCK;
	assert_int_equal(r.actions, act);
	model_push(m, pw->data + pw->done, n, pw->id);
	pw->done += n;
	wd->written += n;
	if (pw->done == pw->len || pw->nonblock)
		pw->active = false;
}

static void start_write(world_t *wd, rng_t *rng, pending_t *pw)
{
	bool small = rng_range(rng, 0, 99) < 70;
	pw->len = small ? rng_range(rng, 1, PIPE_BUF) : rng_range(rng, PIPE_BUF + 1, MODEL_MAX_LARGE);
	pw->done = 0;
	pw->nonblock = rng_range(rng, 0, 3) == 0;
	assert_true(wd->next_id < MODEL_MAX_WRITES);
	pw->id = wd->next_id++;
	wd->small[pw->id] = small;
	for (size_t i = 0; i < pw->len; i++)
		pw->data[i] = (uint8_t)rng_next(rng);
	pw->active = true;
}

static void do_read(world_t *wd, size_t len, bool nonblock)
{
	static uint8_t buf[MODEL_MAX_READ];
	model_t *m = &wd->model;
	size_t have = model_len(m);
	pipe_result_t r = pipe_read(&wd->pipe, buf, len, nonblock);
	if (m->readers == 0) {
		assert_int_equal(r.count, -EBADF);
		return;
	}
	if (have == 0) {
		if (m->writers == 0) {
			assert_int_equal(r.count, 0);
			assert_int_equal(r.actions, 0);
		} else if (nonblock) {
			assert_int_equal(r.count, -EAGAIN);
		} else {
			assert_int_equal(r.count, 0);
			assert_int_equal(r.actions, PIPE_ACT_BLOCK);
		}
		return;
	}
	size_t n = len < have ? len : have;
	assert_int_equal(r.count, n);
	assert_int_equal(r.actions, PIPE_ACT_WAKE_WRITERS);
	assert_memory_equal(buf, m->byte + m->head, n);
	for (size_t i = 0; i < n; i++) {
		uint32_t id = m->id[m->head + i];
		if (id != wd->last_id) {
			/* an atomic write's bytes must never resume after another's */
			if (wd->ended[id]) {
				assert_false(wd->small[id]);
				wd->splits_allowed++;
			}
			if (wd->last_id)
				wd->ended[wd->last_id] = true;
			wd->last_id = id;
		}
	}
	m->head += n;
	wd->read += n;
}

static void change_end(world_t *wd, rng_t *rng)
{
	model_t *m = &wd->model;
	pipe_end_t end = rng_range(rng, 0, 1) ? PIPE_END_WRITE : PIPE_END_READ;
	uint32_t *count = end == PIPE_END_WRITE ? &m->writers : &m->readers;
	bool open = *count == 0 || (*count < MODEL_MAX_ENDS && rng_range(rng, 0, 1));
	if (open) {
		assert_int_equal(pipe_open_end(&wd->pipe, end), 0);
		(*count)++;
		return;
	}
	int want = 0;
	if (*count == 1)
		want = end == PIPE_END_WRITE ? (int)PIPE_ACT_WAKE_READERS : (int)PIPE_ACT_WAKE_WRITERS;
	assert_int_equal(pipe_close_end(&wd->pipe, end), want);
	(*count)--;
}

/* PIPE-024 */
static void test_PIPE_024_model(void **state)
{
	(void)state;
	uint64_t seed = MODEL_DEFAULT_SEED;
	const char *env = getenv("AEGIS_TEST_SEED");
	if (env && *env)
		seed = strtoull(env, NULL, 0);
	print_message("# PIPE-024 model seed AEGIS_TEST_SEED=%llu\n", (unsigned long long)seed);

	world_t *wd = calloc(1, sizeof(*wd));
	assert_non_null(wd);
	rng_t rng = { .state = seed * 2654435761u + 1u };
	pipe_init(&wd->pipe);
	wd->model.readers = 1;
	wd->model.writers = 1;
	wd->next_id = 1;

	for (uint32_t step = 0; step < MODEL_STEPS; step++) {
		uint32_t op = rng_range(&rng, 0, 99);
		if (op < 55) {
			pending_t *pw = &wd->w[rng_range(&rng, 0, MODEL_WRITERS - 1)];
			if (!pw->active)
				start_write(wd, &rng, pw);
			step_write(wd, pw);
		} else if (op < 97) {
			do_read(wd, rng_range(&rng, 1, MODEL_MAX_READ), rng_range(&rng, 0, 1) != 0);
		} else {
			change_end(wd, &rng);
		}
		check_poll(wd);
	}
	/* drain: make sure a reader exists, then read everything left */
	if (wd->model.readers == 0) {
		assert_int_equal(pipe_open_end(&wd->pipe, PIPE_END_READ), 0);
		wd->model.readers++;
	}
	while (model_len(&wd->model) > 0)
		do_read(wd, MODEL_MAX_READ, true);
	assert_int_equal(wd->read, wd->written);
	print_message("# PIPE-024 writes=%u bytes=%llu blocks=%llu eagain=%llu epipe=%llu large-split=%llu\n",
		      wd->next_id - 1, (unsigned long long)wd->written, (unsigned long long)wd->blocks,
		      (unsigned long long)wd->eagains, (unsigned long long)wd->epipes,
		      (unsigned long long)wd->splits_allowed);
	/* the run must have exercised the interesting paths */
	assert_true(wd->blocks > 0);
	assert_true(wd->eagains > 0);
	assert_true(wd->written > 4u * PIPE_CAPACITY);
	free(wd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_PIPE_024_model),
	};
	return cmocka_run_group_tests_name("pipe-model", tests, NULL, NULL);
}
