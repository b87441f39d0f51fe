/*
 * The input devices' boot step (spec/input-devices.md INPUT-040): the
 * keyboard, then the mouse, right after the timer.
 */
#include "input/input.h"
#include "input/input_internal.h"

void input_boot(void)
{
	input_kbd_boot();
	input_mouse_boot();
}
