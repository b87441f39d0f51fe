/*
 * The futex wait table (see futex.h).
 *
 * Each bucket is a singly linked FIFO list of waiter records (head and
 * tail).  futex_wait appends its record, which lives on the waiting task's
 * stack, and sleeps on the record's own wait queue; futex_wake walks the
 * bucket from the oldest record, unlinks each match, marks it woken and
 * wakes its queue.  A waiter whose sleep ended for another reason unlinks
 * itself unless a wake already did: the woken mark says which happened.
 */
#include "ipc/futex.h"

#include <stdbool.h>
#include <stddef.h>

#include "sched/sched.h"

/* Fibonacci hashing: multiply by 2^64 / golden ratio, keep the top bits. */
#define FUTEX_HASH_MULTIPLIER 0x9E3779B97F4A7C15ull
#define FUTEX_HASH_BITS 6u /* log2(FUTEX_BUCKETS) */
#define FUTEX_WORD_SHIFT 2u /* words are 4-byte aligned: the low bits say nothing */
#define U64_BITS 64u

_Static_assert((1u << FUTEX_HASH_BITS) == FUTEX_BUCKETS, "FUTEX_HASH_BITS must match FUTEX_BUCKETS");

typedef struct futex_waiter {
	futex_key_t key;
	uint32_t bitset;
	bool woken;             /* a wake unlinked this record */
	waitq_t queue;          /* only this waiter's task sleeps here */
	struct futex_waiter *next;
} futex_waiter_t;

typedef struct {
	futex_waiter_t *head;
	futex_waiter_t *tail;
} futex_bucket_t;

static futex_bucket_t buckets[FUTEX_BUCKETS];

static bool futex_key_equal(const futex_key_t *a, const futex_key_t *b)
{
	return a->space == b->space && a->addr == b->addr;
}

unsigned futex_key_bucket(const futex_key_t *key)
{
	uint64_t mixed = (key->addr >> FUTEX_WORD_SHIFT) ^ (key->space * FUTEX_HASH_MULTIPLIER);
	return (unsigned)((mixed * FUTEX_HASH_MULTIPLIER) >> (U64_BITS - FUTEX_HASH_BITS));
}

static futex_bucket_t *futex_bucket_of(const futex_key_t *key)
{
	return &buckets[futex_key_bucket(key)];
}

static void futex_bucket_append(futex_bucket_t *b, futex_waiter_t *w)
{
	w->next = NULL;
	if (b->tail)
		b->tail->next = w;
	else
		b->head = w;
	b->tail = w;
}

/* Unlink w, whose predecessor in b is prev (NULL: w is the head). */
static void futex_bucket_unlink(futex_bucket_t *b, futex_waiter_t *prev, futex_waiter_t *w)
{
	if (prev)
		prev->next = w->next;
	else
		b->head = w->next;
	if (b->tail == w)
		b->tail = prev;
	w->next = NULL;
}

static void futex_bucket_remove(futex_bucket_t *b, futex_waiter_t *w)
{
	futex_waiter_t *prev = NULL;
	for (futex_waiter_t *cur = b->head; cur; prev = cur, cur = cur->next) {
		if (cur == w) {
			futex_bucket_unlink(b, prev, w);
			return;
		}
	}
}

int futex_wait(const futex_key_t *key, uint32_t bitset, uint64_t deadline_ns)
{
	futex_waiter_t self = { .key = *key, .bitset = bitset, .woken = false, .queue = WAITQ_INIT, .next = NULL };
	futex_bucket_t *b = futex_bucket_of(key);
	futex_bucket_append(b, &self);
	int r = sched_sleep(&self.queue, deadline_ns);
	if (self.woken)
		return 0; /* a wake counted this waiter: report it, whatever else ended the sleep */
	futex_bucket_remove(b, &self);
	return r;
}

unsigned futex_wake(const futex_key_t *key, uint32_t bitset, unsigned max)
{
	futex_bucket_t *b = futex_bucket_of(key);
	unsigned woken = 0;
	futex_waiter_t *prev = NULL;
	futex_waiter_t *cur = b->head;
	while (cur && woken < max) {
		futex_waiter_t *next = cur->next;
		if (futex_key_equal(&cur->key, key) && (cur->bitset & bitset) != 0) {
			futex_bucket_unlink(b, prev, cur);
			cur->woken = true;
			waitq_wake_all(&cur->queue);
			woken++;
		} else {
			prev = cur;
		}
		cur = next;
	}
	return woken;
}

unsigned futex_wake_limit(int32_t val)
{
	return val < 1 ? 1u : (unsigned)val;
}

unsigned futex_waiter_count(const futex_key_t *key)
{
	unsigned n = 0;
	for (const futex_waiter_t *w = futex_bucket_of(key)->head; w; w = w->next)
		if (futex_key_equal(&w->key, key))
			n++;
	return n;
}
