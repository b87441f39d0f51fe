/*
 * A bounded ring of fixed-size input records (spec/input-devices.md
 * INPUT-003): pushing onto a full ring drops the oldest record and counts
 * it, so a reader that falls behind sees the newest events.  Pure code: the
 * caller supplies the storage and masks interrupts around it.
 */
#ifndef AEGIS_KERNEL_INPUT_INPUT_RING_H
#define AEGIS_KERNEL_INPUT_INPUT_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint8_t *storage;  /* cap * rec_size bytes */
	size_t rec_size;
	size_t cap;        /* records */
	size_t head;       /* index of the oldest record */
	size_t len;        /* records held */
	uint64_t dropped;  /* records lost to overflow */
} input_ring_t;

/* An empty ring over storage (cap records of rec_size bytes; both nonzero). */
void input_ring_init(input_ring_t *r, void *storage, size_t rec_size, size_t cap);

/* Append one record (rec_size bytes), dropping the oldest when full. */
void input_ring_push(input_ring_t *r, const void *rec);

/* Take the oldest record into out: false when the ring is empty. */
bool input_ring_pop(input_ring_t *r, void *out);

/* Records held. */
size_t input_ring_count(const input_ring_t *r);

#endif
