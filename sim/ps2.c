/*
 * Keyboard and mouse in the simulator: there is no PS/2 controller, so both
 * boot steps report SKIP and the kernel never receives scancodes or mouse
 * packets.  /dev/kbd and /dev/mouse then refuse to open with ENODEV
 * (spec/input-devices.md INPUT-041); typed console input comes from --input.
 */
#include "platform.h"

platform_result_t platform_keyboard_init(void)
{
	return (platform_result_t){ PLATFORM_ABSENT, "no PS/2 controller in the simulator" };
}

platform_result_t platform_mouse_init(void)
{
	return (platform_result_t){ PLATFORM_ABSENT, "no PS/2 controller in the simulator" };
}
