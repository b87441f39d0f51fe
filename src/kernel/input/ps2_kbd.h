/*
 * The PS/2 keyboard decoder (spec/input-devices.md INPUT-011..INPUT-013):
 * scancode set 1, as the i8042 translates the keyboard's set 2, into key
 * events with Linux key codes, press/repeat/release and the modifier state.
 * Pure code: one byte in, at most one event out.
 */
#ifndef AEGIS_KERNEL_INPUT_PS2_KBD_H
#define AEGIS_KERNEL_INPUT_PS2_KBD_H

#include <stdbool.h>
#include <stdint.h>

#define PS2_KBD_CODES 128u /* key codes the decoder can produce are below this */

typedef struct {
	uint16_t code;  /* AEGIS_KEY_* (Linux key code) */
	uint8_t value;  /* AEGIS_KEY_PRESS, _REPEAT or _RELEASE */
	uint8_t mods;   /* AEGIS_MOD_* after the event */
} ps2_key_t;

typedef struct {
	bool extended;      /* the last byte was the 0xE0 prefix */
	uint8_t pause_pos;  /* position inside the 6-byte Pause sequence, 0 outside it */
	bool caps;          /* Caps Lock is on */
	uint8_t down[PS2_KBD_CODES / 8u]; /* keys held, one bit per code */
} ps2_kbd_decoder_t;

void ps2_kbd_init(ps2_kbd_decoder_t *d);

/* Feed one scancode byte: true when it completed a key event, written to *out. */
bool ps2_kbd_feed(ps2_kbd_decoder_t *d, uint8_t byte, ps2_key_t *out);

#endif
