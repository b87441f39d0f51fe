/*
 * Keys as console input (see key_console.h).  Codes below KEY_TABLE_END are
 * the main block of the keyboard, whose Linux key codes run in the same
 * order as the keys' positions; the tables give each one's character
 * unshifted and shifted (0: none).
 */
#include "input/key_console.h"

#include <stdbool.h>

#include <aegis/input.h>

#define KEY_TABLE_END 58u /* up to and including the space bar (57) */
#define KEY_ESC_BYTE 0x1Bu
#define KEY_DEL_BYTE 0x7Fu
#define KEY_CTRL_MASK 0x1Fu
#define KEY_CSI_SECOND '['

static const char key_plain[KEY_TABLE_END] = {
	0, KEY_ESC_BYTE, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', KEY_DEL_BYTE, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char key_shifted[KEY_TABLE_END] = {
	0, KEY_ESC_BYTE, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', KEY_DEL_BYTE, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static const struct {
	uint16_t code;
	char final;
} key_arrows[] = {
	{ AEGIS_KEY_UP, 'A' }, { AEGIS_KEY_DOWN, 'B' }, { AEGIS_KEY_RIGHT, 'C' }, { AEGIS_KEY_LEFT, 'D' },
};

static bool key_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Caps Lock swaps the case of letters only. */
static char key_caps(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 'A');
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

size_t key_console_bytes(uint16_t code, uint8_t mods, uint8_t out[KEY_CONSOLE_MAX])
{
	for (size_t i = 0; i < sizeof(key_arrows) / sizeof(key_arrows[0]); i++) {
		if (key_arrows[i].code == code) {
			out[0] = KEY_ESC_BYTE;
			out[1] = KEY_CSI_SECOND;
			out[2] = (uint8_t)key_arrows[i].final;
			return KEY_CONSOLE_MAX;
		}
	}
	if (code == AEGIS_KEY_KPENTER) {
		out[0] = '\r';
		return 1;
	}
	if (code >= KEY_TABLE_END)
		return 0;
	char c = (mods & AEGIS_MOD_SHIFT) ? key_shifted[code] : key_plain[code];
	if (!c)
		return 0;
	if (mods & AEGIS_MOD_CAPSLOCK)
		c = key_caps(c);
	if ((mods & AEGIS_MOD_CTRL) && (key_is_letter(c) || c == '[' || c == '\\'))
		c = (char)(c & KEY_CTRL_MASK);
	out[0] = (uint8_t)c;
	return 1;
}
