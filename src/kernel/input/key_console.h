/*
 * Keys as console input (spec/tty.md TTY-106, spec/input-devices.md
 * INPUT-012): what a terminal sends for a key pressed with the given
 * modifiers: ASCII with Shift and Caps Lock, Ctrl+letter as its control
 * character, Enter as CR, Backspace as DEL, Escape, Tab, and the arrow keys
 * as ESC [ A..D.  Other keys send nothing.  Pure code.
 */
#ifndef AEGIS_KERNEL_INPUT_KEY_CONSOLE_H
#define AEGIS_KERNEL_INPUT_KEY_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#define KEY_CONSOLE_MAX 3u /* the longest sequence: ESC [ A */

/* The bytes for key code pressed with mods (AEGIS_MOD_*) into out: 0..KEY_CONSOLE_MAX. */
size_t key_console_bytes(uint16_t code, uint8_t mods, uint8_t out[KEY_CONSOLE_MAX]);

#endif
