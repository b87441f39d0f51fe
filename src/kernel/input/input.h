/*
 * The input devices /dev/kbd and /dev/mouse (spec/input-devices.md): their
 * boot steps and the opens devfs calls.  The platform hands the raw PS/2
 * bytes to kernel_keyboard_input and kernel_mouse_input (platform.h).
 */
#ifndef AEGIS_KERNEL_INPUT_INPUT_H
#define AEGIS_KERNEL_INPUT_INPUT_H

#include <stdint.h>

#include "proc/fdtable.h"
#include "proc/process.h"

#define INPUT_KBD_RING 128u   /* key events each /dev/kbd open file holds */
#define INPUT_MOUSE_RING 256u /* packets each /dev/mouse open file holds */

/* Start the keyboard and the mouse: the [KBD] and [MOUSE] markers (INPUT-040). */
void input_boot(void);

/* Open /dev/kbd or /dev/mouse: 0, -ENODEV when the platform has no such device, -ENOMEM. */
int input_kbd_open(process_t *p, uint32_t flags, file_t **out);
int input_mouse_open(process_t *p, uint32_t flags, file_t **out);

#endif
