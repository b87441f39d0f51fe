/*
 * tests/input-devices: the pure parts of the input devices: the PS/2 mouse
 * packet decoder (INPUT-030..INPUT-033), the scancode set 1 decoder
 * (INPUT-011, INPUT-012), keys as console bytes (TTY-106) and the bounded
 * record ring (INPUT-003).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/input.h>

#include "input/input_ring.h"
#include "input/key_console.h"
#include "input/ps2_kbd.h"
#include "input/ps2_mouse.h"

#define MS 1000000ull
#define B0 0x08u /* byte 0's always-set bit */
#define B0_LEFT 0x01u
#define B0_RIGHT 0x02u
#define B0_X_SIGN 0x10u
#define B0_Y_SIGN 0x20u
#define B0_X_OVF 0x40u
#define B0_Y_OVF 0x80u
#define SC_A 0x1Eu
#define SC_B 0x30u
#define SC_C 0x2Eu
#define SC_LSHIFT 0x2Au
#define SC_RSHIFT 0x36u
#define SC_LCTRL 0x1Du
#define SC_CAPS 0x3Au
#define SC_ENTER 0x1Cu
#define SC_BREAK 0x80u
#define SC_E0 0xE0u
#define SC_UP 0x48u
#define SC_F12 0x58u
#define SC_UNUSED 0x54u
#define SC_E0_NONE 0x7Fu
#define RING_CAP 4u

/* Feed a whole packet; the record it completes (asserting it completes one at the last byte). */
static aegis_mouse_event_t packet(ps2_mouse_decoder_t *d, uint8_t b0, uint8_t x, uint8_t y, uint64_t now)
{
	aegis_mouse_event_t ev;
	memset(&ev, 0x5A, sizeof(ev));
	assert_false(ps2_mouse_feed(d, b0, now, &ev));
	assert_false(ps2_mouse_feed(d, x, now, &ev));
	assert_true(ps2_mouse_feed(d, y, now, &ev));
	return ev;
}

/* INPUT-030 INPUT-031: buttons, 9-bit signed movement, dy in screen direction, no scroll. */
static void test_INPUT_031_mouse_packets(void **state)
{
	(void)state;
	ps2_mouse_decoder_t d;
	ps2_mouse_init(&d);
	aegis_mouse_event_t ev = packet(&d, B0 | B0_LEFT, 10, 20, 0);
	assert_int_equal(ev.buttons, AEGIS_MOUSE_LEFT);
	assert_int_equal(ev.dx, 10);
	assert_int_equal(ev.dy, -20); /* PS/2 up is screen up: negative dy */
	assert_int_equal(ev.scroll, 0);
	ev = packet(&d, B0 | B0_RIGHT | B0_X_SIGN | B0_Y_SIGN, 0xF6, 0xEC, 0); /* x -10, y -20 */
	assert_int_equal(ev.buttons, AEGIS_MOUSE_RIGHT);
	assert_int_equal(ev.dx, -10);
	assert_int_equal(ev.dy, 20);
	ev = packet(&d, B0 | B0_X_SIGN, 0x00, 0xFF, 0); /* x -256, y +255 */
	assert_int_equal(ev.buttons, 0);
	assert_int_equal(ev.dx, -256);
	assert_int_equal(ev.dy, -255);
	assert_int_equal(sizeof(aegis_mouse_event_t), AEGIS_MOUSE_EVENT_SIZE);
	/* INPUT-030: the packed little-endian layout {u8 buttons; i16 dx, dy, scroll}. */
	ev = packet(&d, B0 | B0_LEFT | B0_Y_SIGN, 0x02, 0xFF, 0); /* dx 2, y -1: dy +1 */
	const uint8_t want[AEGIS_MOUSE_EVENT_SIZE] = { 1, 2, 0, 1, 0, 0, 0 };
	assert_memory_equal(&ev, want, sizeof(want));
	assert_int_equal(d.resyncs, 0);
}

/* INPUT-032: an overflowed axis reports 255 toward its sign. */
static void test_INPUT_032_overflow(void **state)
{
	(void)state;
	ps2_mouse_decoder_t d;
	ps2_mouse_init(&d);
	aegis_mouse_event_t ev = packet(&d, B0 | B0_X_OVF, 0x12, 0x05, 0);
	assert_int_equal(ev.dx, 255);
	assert_int_equal(ev.dy, -5);
	ev = packet(&d, B0 | B0_X_OVF | B0_X_SIGN | B0_Y_OVF | B0_Y_SIGN, 0x12, 0x34, 0);
	assert_int_equal(ev.dx, -255);
	assert_int_equal(ev.dy, 255);
	ev = packet(&d, B0 | B0_Y_OVF, 0x03, 0x00, 0);
	assert_int_equal(ev.dx, 3);
	assert_int_equal(ev.dy, -255);
}

/* INPUT-033: a first byte without bit 3 is dropped; a stale partial packet is abandoned. */
static void test_INPUT_033_resync(void **state)
{
	(void)state;
	ps2_mouse_decoder_t d;
	ps2_mouse_init(&d);
	aegis_mouse_event_t ev;
	assert_false(ps2_mouse_feed(&d, 0x05, 0, &ev)); /* no bit 3: not a packet start */
	assert_false(ps2_mouse_feed(&d, 0x00, 0, &ev));
	assert_int_equal(d.resyncs, 2);
	ev = packet(&d, B0 | B0_LEFT, 1, 1, 0);
	assert_int_equal(ev.buttons, AEGIS_MOUSE_LEFT);
	/* Two bytes of a packet, then silence past the gap: the next byte starts afresh. */
	assert_false(ps2_mouse_feed(&d, B0, 10 * MS, &ev));
	assert_false(ps2_mouse_feed(&d, 7, 11 * MS, &ev));
	ev = packet(&d, B0 | B0_RIGHT, 4, 0, 11 * MS + PS2_MOUSE_PACKET_GAP_NS + 1);
	assert_int_equal(ev.buttons, AEGIS_MOUSE_RIGHT);
	assert_int_equal(ev.dx, 4);
	assert_int_equal(d.resyncs, 4);
	/* Exactly at the gap the packet still continues. */
	assert_false(ps2_mouse_feed(&d, B0, 0, &ev));
	assert_false(ps2_mouse_feed(&d, 9, PS2_MOUSE_PACKET_GAP_NS, &ev));
	assert_true(ps2_mouse_feed(&d, 0, PS2_MOUSE_PACKET_GAP_NS, &ev));
	assert_int_equal(ev.dx, 9);
}

/* Feed bytes; the one event expected at the last byte and none before it. */
static ps2_key_t key_after(ps2_kbd_decoder_t *d, const uint8_t *bytes, size_t n)
{
	ps2_key_t k;
	memset(&k, 0, sizeof(k));
	for (size_t i = 0; i + 1 < n; i++)
		assert_false(ps2_kbd_feed(d, bytes[i], &k));
	assert_true(ps2_kbd_feed(d, bytes[n - 1], &k));
	return k;
}

static ps2_key_t key1(ps2_kbd_decoder_t *d, uint8_t sc)
{
	return key_after(d, &sc, 1);
}

/* INPUT-011: plain, extended and Pause scancodes as Linux key codes; press, repeat, release. */
static void test_INPUT_011_scancodes(void **state)
{
	(void)state;
	ps2_kbd_decoder_t d;
	ps2_kbd_init(&d);
	ps2_key_t k = key1(&d, SC_A);
	assert_int_equal(k.code, AEGIS_KEY_A);
	assert_int_equal(k.value, AEGIS_KEY_PRESS);
	k = key1(&d, SC_A);
	assert_int_equal(k.value, AEGIS_KEY_REPEAT);
	k = key1(&d, SC_A | SC_BREAK);
	assert_int_equal(k.code, AEGIS_KEY_A);
	assert_int_equal(k.value, AEGIS_KEY_RELEASE);
	assert_int_equal(key1(&d, SC_F12).code, AEGIS_KEY_F12);
	const uint8_t up[] = { SC_E0, SC_UP }, up_break[] = { SC_E0, SC_UP | SC_BREAK };
	k = key_after(&d, up, sizeof(up));
	assert_int_equal(k.code, AEGIS_KEY_UP);
	assert_int_equal(k.value, AEGIS_KEY_PRESS);
	k = key_after(&d, up_break, sizeof(up_break));
	assert_int_equal(k.code, AEGIS_KEY_UP);
	assert_int_equal(k.value, AEGIS_KEY_RELEASE);
	const uint8_t kp_enter[] = { SC_E0, SC_ENTER };
	assert_int_equal(key_after(&d, kp_enter, sizeof(kp_enter)).code, AEGIS_KEY_KPENTER);
	/* Fake shifts and unknown codes give nothing; the next key decodes normally. */
	ps2_key_t none;
	assert_false(ps2_kbd_feed(&d, SC_E0, &none));
	assert_false(ps2_kbd_feed(&d, SC_LSHIFT, &none));
	assert_false(ps2_kbd_feed(&d, SC_UNUSED, &none));
	assert_false(ps2_kbd_feed(&d, SC_E0, &none));
	assert_false(ps2_kbd_feed(&d, SC_E0_NONE, &none)); /* E0 7F: no such key */
	assert_int_equal(key1(&d, SC_B).code, AEGIS_KEY_B);
	/* Pause: E1 1D 45 (press) E1 9D C5 (release). */
	const uint8_t pause_press[] = { 0xE1, 0x1D, 0x45 }, pause_release[] = { 0xE1, 0x9D, 0xC5 };
	k = key_after(&d, pause_press, sizeof(pause_press));
	assert_int_equal(k.code, AEGIS_KEY_PAUSE);
	assert_int_equal(k.value, AEGIS_KEY_PRESS);
	k = key_after(&d, pause_release, sizeof(pause_release));
	assert_int_equal(k.code, AEGIS_KEY_PAUSE);
	assert_int_equal(k.value, AEGIS_KEY_RELEASE);
	assert_int_equal(key1(&d, SC_C).code, AEGIS_KEY_C);
}

/* INPUT-012: modifiers held by either key of a pair; Caps Lock toggles on presses only. */
static void test_INPUT_012_modifiers(void **state)
{
	(void)state;
	ps2_kbd_decoder_t d;
	ps2_kbd_init(&d);
	assert_int_equal(key1(&d, SC_LSHIFT).mods, AEGIS_MOD_SHIFT);
	assert_int_equal(key1(&d, SC_RSHIFT).mods, AEGIS_MOD_SHIFT);
	assert_int_equal(key1(&d, SC_LSHIFT | SC_BREAK).mods, AEGIS_MOD_SHIFT); /* right still down */
	assert_int_equal(key1(&d, SC_RSHIFT | SC_BREAK).mods, 0);
	const uint8_t rctrl[] = { SC_E0, SC_LCTRL };
	ps2_key_t k = key_after(&d, rctrl, sizeof(rctrl));
	assert_int_equal(k.code, AEGIS_KEY_RIGHTCTRL);
	assert_int_equal(k.mods, AEGIS_MOD_CTRL);
	assert_int_equal(key1(&d, SC_C).mods, AEGIS_MOD_CTRL);
	const uint8_t rctrl_up[] = { SC_E0, SC_LCTRL | SC_BREAK };
	assert_int_equal(key_after(&d, rctrl_up, sizeof(rctrl_up)).mods, 0);
	assert_int_equal(key1(&d, SC_CAPS).mods, AEGIS_MOD_CAPSLOCK);
	assert_int_equal(key1(&d, SC_CAPS).mods, AEGIS_MOD_CAPSLOCK); /* a repeat does not toggle */
	assert_int_equal(key1(&d, SC_CAPS | SC_BREAK).mods, AEGIS_MOD_CAPSLOCK);
	assert_int_equal(key1(&d, SC_CAPS).mods, 0);
}

static size_t bytes_of(uint16_t code, uint8_t mods, uint8_t *out)
{
	memset(out, 0, KEY_CONSOLE_MAX);
	return key_console_bytes(code, mods, out);
}

/* TTY-106 INPUT-012: keys as what a terminal sends. */
static void test_TTY_106_console_bytes(void **state)
{
	(void)state;
	uint8_t b[KEY_CONSOLE_MAX];
	assert_int_equal(bytes_of(AEGIS_KEY_A, 0, b), 1);
	assert_int_equal(b[0], 'a');
	assert_int_equal(bytes_of(AEGIS_KEY_A, AEGIS_MOD_SHIFT, b), 1);
	assert_int_equal(b[0], 'A');
	assert_int_equal(bytes_of(AEGIS_KEY_A, AEGIS_MOD_CAPSLOCK, b), 1);
	assert_int_equal(b[0], 'A');
	assert_int_equal(bytes_of(AEGIS_KEY_A, AEGIS_MOD_CAPSLOCK | AEGIS_MOD_SHIFT, b), 1);
	assert_int_equal(b[0], 'a');
	assert_int_equal(bytes_of(AEGIS_KEY_1, AEGIS_MOD_CAPSLOCK, b), 1);
	assert_int_equal(b[0], '1');
	assert_int_equal(bytes_of(AEGIS_KEY_1, AEGIS_MOD_SHIFT, b), 1);
	assert_int_equal(b[0], '!');
	assert_int_equal(bytes_of(AEGIS_KEY_C, AEGIS_MOD_CTRL, b), 1);
	assert_int_equal(b[0], 0x03);
	assert_int_equal(bytes_of(AEGIS_KEY_ENTER, 0, b), 1);
	assert_int_equal(b[0], '\r');
	assert_int_equal(bytes_of(AEGIS_KEY_KPENTER, 0, b), 1);
	assert_int_equal(b[0], '\r');
	assert_int_equal(bytes_of(AEGIS_KEY_BACKSPACE, 0, b), 1);
	assert_int_equal(b[0], 0x7F);
	assert_int_equal(bytes_of(AEGIS_KEY_ESC, 0, b), 1);
	assert_int_equal(b[0], 0x1B);
	assert_int_equal(bytes_of(AEGIS_KEY_TAB, 0, b), 1);
	assert_int_equal(b[0], '\t');
	assert_int_equal(bytes_of(AEGIS_KEY_LEFT, 0, b), 3);
	assert_memory_equal(b, "\x1b[D", 3);
	assert_int_equal(bytes_of(AEGIS_KEY_UP, AEGIS_MOD_SHIFT, b), 3);
	assert_memory_equal(b, "\x1b[A", 3);
	assert_int_equal(bytes_of(AEGIS_KEY_LEFTSHIFT, 0, b), 0);
	assert_int_equal(bytes_of(AEGIS_KEY_F12, 0, b), 0);
	assert_int_equal(bytes_of(AEGIS_KEY_HOME, 0, b), 0);
	assert_int_equal(bytes_of(UINT16_MAX, 0, b), 0);
}

/* INPUT-003: whole records in order; a full ring drops the oldest and counts it. */
static void test_INPUT_003_ring(void **state)
{
	(void)state;
	aegis_mouse_event_t storage[RING_CAP];
	input_ring_t r;
	input_ring_init(&r, storage, sizeof(aegis_mouse_event_t), RING_CAP);
	aegis_mouse_event_t ev = { 0 }, out;
	assert_false(input_ring_pop(&r, &out));
	for (int i = 1; i <= (int)RING_CAP + 2; i++) {
		ev.dx = (int16_t)i;
		input_ring_push(&r, &ev);
	}
	assert_int_equal(input_ring_count(&r), RING_CAP);
	assert_int_equal(r.dropped, 2);
	for (int i = 3; i <= (int)RING_CAP + 2; i++) {
		assert_true(input_ring_pop(&r, &out));
		assert_int_equal(out.dx, i);
	}
	assert_false(input_ring_pop(&r, &out));
	assert_int_equal(input_ring_count(&r), 0);
	ev.dx = 99;
	input_ring_push(&r, &ev);
	assert_true(input_ring_pop(&r, &out));
	assert_int_equal(out.dx, 99);
	assert_int_equal(r.dropped, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_INPUT_031_mouse_packets), cmocka_unit_test(test_INPUT_032_overflow),
		cmocka_unit_test(test_INPUT_033_resync),        cmocka_unit_test(test_INPUT_011_scancodes),
		cmocka_unit_test(test_INPUT_012_modifiers),     cmocka_unit_test(test_TTY_106_console_bytes),
		cmocka_unit_test(test_INPUT_003_ring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
