/*
 * The PS/2 mouse packet decoder (see ps2_mouse.h).
 *
 * Byte 0: bit 0 left, 1 right, 2 middle, 3 always set, 4 X sign, 5 Y sign,
 * 6 X overflow, 7 Y overflow.  Bytes 1 and 2: the low 8 bits of the 9-bit
 * two's-complement X and Y movement.  Y counts up as positive; the record
 * counts down as positive, like screen coordinates.
 */
#include "input/ps2_mouse.h"

#define PS2_B0_BUTTONS 0x07u
#define PS2_B0_ALWAYS 0x08u
#define PS2_B0_X_SIGN 0x10u
#define PS2_B0_Y_SIGN 0x20u
#define PS2_B0_X_OVERFLOW 0x40u
#define PS2_B0_Y_OVERFLOW 0x80u
#define PS2_NINE_BIT_RANGE 256
#define PS2_MAX_MAGNITUDE 255

void ps2_mouse_init(ps2_mouse_decoder_t *d)
{
	d->have = 0;
	d->last_ns = 0;
	d->resyncs = 0;
}

/* One axis: the 9-bit value, or the largest magnitude in the sign's direction when it overflowed. */
static int16_t ps2_axis(uint8_t low, bool negative, bool overflow)
{
	if (overflow)
		return (int16_t)(negative ? -PS2_MAX_MAGNITUDE : PS2_MAX_MAGNITUDE);
	return (int16_t)(negative ? (int)low - PS2_NINE_BIT_RANGE : (int)low);
}

bool ps2_mouse_feed(ps2_mouse_decoder_t *d, uint8_t byte, uint64_t now_ns, aegis_mouse_event_t *out)
{
	if (d->have && now_ns - d->last_ns > PS2_MOUSE_PACKET_GAP_NS) {
		d->resyncs += d->have;
		d->have = 0;
	}
	d->last_ns = now_ns;
	if (d->have == 0 && !(byte & PS2_B0_ALWAYS)) {
		d->resyncs++;
		return false;
	}
	d->bytes[d->have++] = byte;
	if (d->have < PS2_MOUSE_PACKET_BYTES)
		return false;
	d->have = 0;
	uint8_t b0 = d->bytes[0];
	out->buttons = b0 & PS2_B0_BUTTONS;
	out->dx = ps2_axis(d->bytes[1], (b0 & PS2_B0_X_SIGN) != 0, (b0 & PS2_B0_X_OVERFLOW) != 0);
	out->dy = (int16_t)-ps2_axis(d->bytes[2], (b0 & PS2_B0_Y_SIGN) != 0, (b0 & PS2_B0_Y_OVERFLOW) != 0);
	out->scroll = 0;
	return true;
}
