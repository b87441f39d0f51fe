/*
 * An input device with per-open rings (spec/input-devices.md INPUT-002..
 * INPUT-005): every open file of the device is a client with a bounded ring
 * of its own, so each reader sees every event from its open on.  The
 * platform's interrupt publishes records to all clients; reads return whole
 * records, block until one is queued (or fail with EAGAIN under
 * O_NONBLOCK), and poll reports POLLIN while one is.  /dev/kbd and
 * /dev/mouse (input_kbd.c, input_mouse.c) are the two instances.
 */
#ifndef AEGIS_KERNEL_INPUT_INPUT_DEV_H
#define AEGIS_KERNEL_INPUT_INPUT_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/input_ring.h"
#include "proc/fdtable.h"
#include "sched/sched.h"

typedef struct input_client {
	struct input_dev *dev;
	struct input_client *next;
	input_ring_t ring;
	uint8_t storage[]; /* ring_cap records */
} input_client_t;

typedef struct input_dev {
	size_t rec_size;          /* bytes of one record */
	size_t ring_cap;          /* records each client's ring holds */
	bool grab_allowed;        /* AEGIS_INPUT_IOC_GRAB is known (the keyboard) */
	bool present;             /* the platform's init step said OK: opens work */
	input_client_t *clients;  /* changed with interrupts masked */
	input_client_t *grab;     /* the client holding the device alone, or NULL */
	waitq_t readers;
} input_dev_t;

/* Give every client of dev a copy of rec (rec_size bytes) and wake readers and pollers; IRQ context ok. */
void input_dev_publish(input_dev_t *dev, const void *rec);

/* A new client as an open file: 0, -ENODEV (no device behind it) or -ENOMEM. */
int input_dev_open(input_dev_t *dev, uint32_t flags, file_t **out);

/* Is the device held by a client alone? */
bool input_dev_grabbed(const input_dev_t *dev);

#endif
