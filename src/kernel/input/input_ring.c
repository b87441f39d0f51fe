/*
 * The bounded input record ring (see input_ring.h).
 */
#include "input/input_ring.h"

#include "core/kstring.h"

void input_ring_init(input_ring_t *r, void *storage, size_t rec_size, size_t cap)
{
	r->storage = storage;
	r->rec_size = rec_size;
	r->cap = cap;
	r->head = 0;
	r->len = 0;
	r->dropped = 0;
}

void input_ring_push(input_ring_t *r, const void *rec)
{
	if (r->len == r->cap) {
		r->head = (r->head + 1) % r->cap;
		r->len--;
		r->dropped++;
	}
	size_t slot = (r->head + r->len) % r->cap;
	kmemcpy(r->storage + slot * r->rec_size, rec, r->rec_size);
	r->len++;
}

bool input_ring_pop(input_ring_t *r, void *out)
{
	if (r->len == 0)
		return false;
	kmemcpy(out, r->storage + r->head * r->rec_size, r->rec_size);
	r->head = (r->head + 1) % r->cap;
	r->len--;
	return true;
}

size_t input_ring_count(const input_ring_t *r)
{
	return r->len;
}
