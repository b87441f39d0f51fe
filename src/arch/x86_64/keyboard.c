/*
 * The PS/2 keyboard (i8042, IRQ1) as console input (spec/tty.md TTY-106):
 * scancode set 1 as the controller translates it, turned into the bytes a
 * terminal sends: ASCII with Shift and Caps Lock, Ctrl+letter as the control
 * character, Enter as CR, Backspace as DEL, Escape, Tab, and the arrow keys
 * as ESC [ A/B/C/D.  Other keys are ignored.  The bytes go to
 * kernel_console_input like the serial port's.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "io.h"
#include "platform.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_COMMAND 0x64
#define KBD_STATUS_OUTPUT_FULL 0x01
#define KBD_STATUS_INPUT_FULL 0x02
#define KBD_CMD_READ_CONFIG 0x20
#define KBD_CMD_WRITE_CONFIG 0x60
#define KBD_CONFIG_IRQ1 0x01
#define KBD_CONFIG_TRANSLATE 0x40
#define KBD_SPIN_LIMIT 100000u
#define KBD_DRAIN_LIMIT 64u

#define SC_RELEASE 0x80
#define SC_EXTENDED 0xE0
#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1D
#define SC_CAPS 0x3A
#define SC_UP 0x48
#define SC_DOWN 0x50
#define SC_LEFT 0x4B
#define SC_RIGHT 0x4D
#define SC_TABLE 0x3A /* codes below this have a character */
#define KBD_CTRL_MASK 0x1F
#define KBD_ESC 0x1B
#define KBD_SEQ_MAX 3

/* Scancode set 1 to ASCII, unshifted and shifted; 0 for no character. */
static const char kbd_plain[SC_TABLE] = {
	0, KBD_ESC, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0x7F, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char kbd_shifted[SC_TABLE] = {
	0, KBD_ESC, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0x7F, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static bool kbd_shift, kbd_ctrl, kbd_caps, kbd_extended;

static bool kbd_wait(uint8_t mask, bool set)
{
	for (unsigned i = 0; i < KBD_SPIN_LIMIT; i++)
		if (((io_in8(KBD_STATUS) & mask) != 0) == set)
			return true;
	return false;
}

platform_result_t keyboard_start(void)
{
	for (unsigned i = 0; i < KBD_DRAIN_LIMIT && (io_in8(KBD_STATUS) & KBD_STATUS_OUTPUT_FULL); i++)
		(void)io_in8(KBD_DATA);
	if (!kbd_wait(KBD_STATUS_INPUT_FULL, false))
		return (platform_result_t){ PLATFORM_WARN, "no PS/2 controller answers" };
	io_out8(KBD_COMMAND, KBD_CMD_READ_CONFIG);
	if (!kbd_wait(KBD_STATUS_OUTPUT_FULL, true))
		return (platform_result_t){ PLATFORM_WARN, "the PS/2 controller does not report its configuration" };
	uint8_t config = io_in8(KBD_DATA) | KBD_CONFIG_IRQ1 | KBD_CONFIG_TRANSLATE;
	io_out8(KBD_COMMAND, KBD_CMD_WRITE_CONFIG);
	if (!kbd_wait(KBD_STATUS_INPUT_FULL, false))
		return (platform_result_t){ PLATFORM_WARN, "the PS/2 controller refused its configuration" };
	io_out8(KBD_DATA, config);
	pic_unmask(IRQ_KEYBOARD);
	return (platform_result_t){ PLATFORM_OK, "PS/2 keyboard on IRQ1" };
}

/* The bytes one scancode gives (0 to KBD_SEQ_MAX), updating the modifier state. */
static unsigned kbd_translate(uint8_t sc, uint8_t out[KBD_SEQ_MAX])
{
	if (sc == SC_EXTENDED) {
		kbd_extended = true;
		return 0;
	}
	bool extended = kbd_extended;
	kbd_extended = false;
	bool release = (sc & SC_RELEASE) != 0;
	uint8_t code = sc & (uint8_t)~SC_RELEASE;
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		kbd_shift = !release;
		return 0;
	}
	if (code == SC_CTRL) {
		kbd_ctrl = !release;
		return 0;
	}
	if (release)
		return 0;
	if (code == SC_CAPS) {
		kbd_caps = !kbd_caps;
		return 0;
	}
	if (extended) {
		static const struct { uint8_t code; char final; } arrows[] = {
			{ SC_UP, 'A' }, { SC_DOWN, 'B' }, { SC_RIGHT, 'C' }, { SC_LEFT, 'D' },
		};
		for (unsigned i = 0; i < sizeof(arrows) / sizeof(arrows[0]); i++) {
			if (arrows[i].code == code) {
				out[0] = KBD_ESC;
				out[1] = '[';
				out[2] = (uint8_t)arrows[i].final;
				return KBD_SEQ_MAX;
			}
		}
		return 0;
	}
	if (code >= SC_TABLE)
		return 0;
	char c = kbd_shift ? kbd_shifted[code] : kbd_plain[code];
	if (c >= 'a' && c <= 'z' && kbd_caps)
		c = (char)(c - 'a' + 'A');
	else if (c >= 'A' && c <= 'Z' && kbd_caps)
		c = (char)(c - 'A' + 'a');
	if (!c)
		return 0;
	if (kbd_ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '[' || c == '\\'))
		c = (char)(c & KBD_CTRL_MASK);
	out[0] = (uint8_t)c;
	return 1;
}

/* IRQ1: take every scancode the controller holds. */
void keyboard_handle_irq(void)
{
	for (unsigned i = 0; i < KBD_DRAIN_LIMIT && (io_in8(KBD_STATUS) & KBD_STATUS_OUTPUT_FULL); i++) {
		uint8_t out[KBD_SEQ_MAX];
		unsigned n = kbd_translate(io_in8(KBD_DATA), out);
		if (n)
			kernel_console_input(out, n);
	}
}
