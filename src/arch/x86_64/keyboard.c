/*
 * The PS/2 keyboard (i8042 port 1, IRQ1; spec/input-devices.md INPUT-040,
 * spec/tty.md TTY-106): turned on with the controller translating to
 * scancode set 1.  Its bytes reach the kernel through i8042_handle_irq
 * (kernel_keyboard_input), which decodes them for /dev/kbd and the console.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "i8042.h"
#include "platform.h"

static bool keyboard_on;

platform_result_t platform_keyboard_init(void)
{
	i8042_flush();
	if (!i8042_update_config(I8042_CONFIG_IRQ1 | I8042_CONFIG_TRANSLATE, I8042_CONFIG_KBD_CLOCK_OFF))
		return (platform_result_t){ PLATFORM_WARN, "the PS/2 controller does not answer" };
	pic_unmask(IRQ_KEYBOARD);
	keyboard_on = true;
	return (platform_result_t){ PLATFORM_OK, "PS/2 keyboard ready" };
}

bool keyboard_ready(void)
{
	return keyboard_on;
}
