/*
 * The PS/2 keyboard decoder (see ps2_kbd.h).
 *
 * In set 1 a key's make code is one byte below 0x80 and its break code the
 * same with bit 7 set; 0xE0 prefixes the keys added with the 101-key
 * layout.  Codes 1..0x53 and 0x56..0x58 equal their Linux key codes; the
 * extended ones are looked up.  E0 2A / E0 36 (the "fake shifts" some keys
 * send around themselves) are ignored.  Pause sends E1 1D 45 E1 9D C5 with
 * no break code of its own: a press at the third byte, a release at the last.
 */
#include "input/ps2_kbd.h"

#include <aegis/input.h>

#include "core/kstring.h"

#define SC_BREAK 0x80u
#define SC_EXTENDED 0xE0u
#define SC_PAUSE 0xE1u
#define SC_PAUSE_PRESS_POS 2u   /* the byte of the sequence that reports the press */
#define SC_PAUSE_LAST_POS 5u    /* ... and the release */
#define SC_DIRECT_LAST 0x53u    /* codes 1..this map to themselves */
#define SC_102ND 0x56u
#define SC_F12 0x58u
#define SC_FAKE_LSHIFT 0x2Au
#define SC_FAKE_RSHIFT 0x36u
#define BITS_PER_BYTE 8u

/* Extended (E0-prefixed) scancodes and their Linux key codes. */
static const struct {
	uint8_t scancode;
	uint8_t code;
} ps2_extended_keys[] = {
	{ 0x1C, AEGIS_KEY_KPENTER }, { 0x1D, AEGIS_KEY_RIGHTCTRL }, { 0x35, AEGIS_KEY_KPSLASH },
	{ 0x37, AEGIS_KEY_SYSRQ }, { 0x38, AEGIS_KEY_RIGHTALT },  { 0x47, AEGIS_KEY_HOME },
	{ 0x48, AEGIS_KEY_UP },      { 0x49, AEGIS_KEY_PAGEUP },    { 0x4B, AEGIS_KEY_LEFT },
	{ 0x4D, AEGIS_KEY_RIGHT },   { 0x4F, AEGIS_KEY_END },       { 0x50, AEGIS_KEY_DOWN },
	{ 0x51, AEGIS_KEY_PAGEDOWN }, { 0x52, AEGIS_KEY_INSERT },   { 0x53, AEGIS_KEY_DELETE },
	{ 0x5B, AEGIS_KEY_LEFTMETA }, { 0x5C, AEGIS_KEY_RIGHTMETA }, { 0x5D, AEGIS_KEY_COMPOSE },
};

/* Modifier keys and the bit each holds while down. */
static const struct {
	uint8_t code;
	uint8_t mod;
} ps2_modifier_keys[] = {
	{ AEGIS_KEY_LEFTSHIFT, AEGIS_MOD_SHIFT }, { AEGIS_KEY_RIGHTSHIFT, AEGIS_MOD_SHIFT },
	{ AEGIS_KEY_LEFTCTRL, AEGIS_MOD_CTRL },   { AEGIS_KEY_RIGHTCTRL, AEGIS_MOD_CTRL },
	{ AEGIS_KEY_LEFTALT, AEGIS_MOD_ALT },     { AEGIS_KEY_RIGHTALT, AEGIS_MOD_ALT },
	{ AEGIS_KEY_LEFTMETA, AEGIS_MOD_META },   { AEGIS_KEY_RIGHTMETA, AEGIS_MOD_META },
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

void ps2_kbd_init(ps2_kbd_decoder_t *d)
{
	kmemset(d, 0, sizeof(*d));
}

static bool ps2_is_down(const ps2_kbd_decoder_t *d, unsigned code)
{
	return (d->down[code / BITS_PER_BYTE] >> (code % BITS_PER_BYTE)) & 1u;
}

static void ps2_set_down(ps2_kbd_decoder_t *d, unsigned code, bool down)
{
	uint8_t bit = (uint8_t)(1u << (code % BITS_PER_BYTE));
	if (down)
		d->down[code / BITS_PER_BYTE] |= bit;
	else
		d->down[code / BITS_PER_BYTE] &= (uint8_t)~bit;
}

static uint8_t ps2_mods(const ps2_kbd_decoder_t *d)
{
	uint8_t mods = d->caps ? AEGIS_MOD_CAPSLOCK : 0;
	for (size_t i = 0; i < COUNT_OF(ps2_modifier_keys); i++)
		if (ps2_is_down(d, ps2_modifier_keys[i].code))
			mods |= ps2_modifier_keys[i].mod;
	return mods;
}

/* The Linux key code of a set 1 code (break bit removed), 0 for none. */
static unsigned ps2_code(uint8_t sc, bool extended)
{
	if (!extended)
		return (sc >= 1 && sc <= SC_DIRECT_LAST) || (sc >= SC_102ND && sc <= SC_F12) ? sc : 0;
	for (size_t i = 0; i < COUNT_OF(ps2_extended_keys); i++)
		if (ps2_extended_keys[i].scancode == sc)
			return ps2_extended_keys[i].code;
	return 0;
}

/* One event for code going down (press or repeat) or up. */
static void ps2_event(ps2_kbd_decoder_t *d, unsigned code, bool release, ps2_key_t *out)
{
	if (release) {
		out->value = AEGIS_KEY_RELEASE;
		ps2_set_down(d, code, false);
	} else {
		out->value = ps2_is_down(d, code) ? AEGIS_KEY_REPEAT : AEGIS_KEY_PRESS;
		ps2_set_down(d, code, true);
		if (code == AEGIS_KEY_CAPSLOCK && out->value == AEGIS_KEY_PRESS)
			d->caps = !d->caps;
	}
	out->code = (uint16_t)code;
	out->mods = ps2_mods(d);
}

/* Inside the Pause sequence: count its bytes, report its press and release. */
static bool ps2_pause_step(ps2_kbd_decoder_t *d, ps2_key_t *out)
{
	unsigned pos = d->pause_pos;
	d->pause_pos = pos == SC_PAUSE_LAST_POS ? 0 : (uint8_t)(pos + 1u);
	if (pos != SC_PAUSE_PRESS_POS && pos != SC_PAUSE_LAST_POS)
		return false;
	ps2_event(d, AEGIS_KEY_PAUSE, pos == SC_PAUSE_LAST_POS, out);
	return true;
}

bool ps2_kbd_feed(ps2_kbd_decoder_t *d, uint8_t byte, ps2_key_t *out)
{
	if (d->pause_pos)
		return ps2_pause_step(d, out);
	if (byte == SC_PAUSE) {
		d->extended = false;
		d->pause_pos = 1;
		return false;
	}
	if (byte == SC_EXTENDED) {
		d->extended = true;
		return false;
	}
	bool extended = d->extended;
	d->extended = false;
	uint8_t sc = byte & (uint8_t)~SC_BREAK;
	if (extended && (sc == SC_FAKE_LSHIFT || sc == SC_FAKE_RSHIFT))
		return false;
	unsigned code = ps2_code(sc, extended);
	if (code == 0)
		return false;
	ps2_event(d, code, (byte & SC_BREAK) != 0, out);
	return true;
}
