/*
 * The PS/2 mouse (i8042 aux port, IRQ12; spec/input-devices.md INPUT-040):
 * the aux port enabled, its interrupt on, and the mouse reset to its
 * defaults and put in stream mode with reporting on.  Its packets reach the
 * kernel through i8042_handle_irq (kernel_mouse_input).
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "i8042.h"
#include "platform.h"

#define MOUSE_CMD_SET_DEFAULTS 0xF6
#define MOUSE_CMD_ENABLE_REPORTING 0xF4
#define MOUSE_ACK 0xFA

/* One command to the mouse, answered with an ACK. */
static bool mouse_command(uint8_t cmd)
{
	uint8_t answer = 0;
	return i8042_command(I8042_CMD_WRITE_AUX) && i8042_write_data(cmd) && i8042_read_data(&answer) &&
	       answer == MOUSE_ACK;
}

platform_result_t platform_mouse_init(void)
{
	if (!i8042_command(I8042_CMD_ENABLE_AUX))
		return (platform_result_t){ PLATFORM_WARN, "the PS/2 controller does not answer" };
	if (!i8042_update_config(I8042_CONFIG_IRQ12, I8042_CONFIG_AUX_CLOCK_OFF))
		return (platform_result_t){ PLATFORM_WARN, "the PS/2 controller refused the aux port" };
	if (!mouse_command(MOUSE_CMD_SET_DEFAULTS) || !mouse_command(MOUSE_CMD_ENABLE_REPORTING))
		return (platform_result_t){ PLATFORM_WARN, "no PS/2 mouse answers on the aux port" };
	i8042_flush();
	pic_unmask(IRQ_MOUSE);
	return (platform_result_t){ PLATFORM_OK, "PS/2 mouse ready" };
}
