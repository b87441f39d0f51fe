/*
 * The PS/2 mouse packet decoder (spec/input-devices.md INPUT-031..INPUT-033):
 * the standard 3-byte stream-mode packet (buttons, sign and overflow bits,
 * X, Y) into a /dev/mouse record.  Pure code: bytes in, records out.
 */
#ifndef AEGIS_KERNEL_INPUT_PS2_MOUSE_H
#define AEGIS_KERNEL_INPUT_PS2_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/input.h>

#define PS2_MOUSE_PACKET_BYTES 3u
/* A packet whose bytes are further apart than this lost a byte: start again (INPUT-033). */
#define PS2_MOUSE_PACKET_GAP_NS 100000000ull

typedef struct {
	uint8_t bytes[PS2_MOUSE_PACKET_BYTES];
	uint8_t have;        /* bytes of the current packet so far */
	uint64_t last_ns;    /* when the last byte came */
	uint64_t resyncs;    /* bytes thrown away to find a packet start again */
} ps2_mouse_decoder_t;

void ps2_mouse_init(ps2_mouse_decoder_t *d);

/* Feed one byte received at now_ns: true when it completed a packet, decoded into *out. */
bool ps2_mouse_feed(ps2_mouse_decoder_t *d, uint8_t byte, uint64_t now_ns, aegis_mouse_event_t *out);

#endif
