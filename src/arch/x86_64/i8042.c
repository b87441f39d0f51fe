/*
 * The i8042 PS/2 controller (see i8042.h).  Waits are bounded so a machine
 * without a controller (the ports read 0xFF) only costs a little time at
 * boot.  The status register's AUX bit says whether the byte in the output
 * buffer came from the mouse; IRQ1 and IRQ12 both drain the buffer and hand
 * each device's bytes to the kernel in batches.
 */
#include "i8042.h"

#include "arch.h"
#include "io.h"
#include "platform.h"

#define I8042_DATA 0x60
#define I8042_STATUS 0x64
#define I8042_COMMAND 0x64
#define I8042_STATUS_OUTPUT_FULL 0x01
#define I8042_STATUS_INPUT_FULL 0x02
#define I8042_STATUS_AUX 0x20
#define I8042_SPIN_LIMIT 100000u
#define I8042_DRAIN_LIMIT 64u

static bool i8042_wait(uint8_t mask, bool set)
{
	for (unsigned i = 0; i < I8042_SPIN_LIMIT; i++)
		if (((io_in8(I8042_STATUS) & mask) != 0) == set)
			return true;
	return false;
}

void i8042_flush(void)
{
	for (unsigned i = 0; i < I8042_DRAIN_LIMIT && (io_in8(I8042_STATUS) & I8042_STATUS_OUTPUT_FULL); i++)
		(void)io_in8(I8042_DATA);
}

bool i8042_command(uint8_t cmd)
{
	if (!i8042_wait(I8042_STATUS_INPUT_FULL, false))
		return false;
	io_out8(I8042_COMMAND, cmd);
	return true;
}

bool i8042_write_data(uint8_t value)
{
	if (!i8042_wait(I8042_STATUS_INPUT_FULL, false))
		return false;
	io_out8(I8042_DATA, value);
	return true;
}

bool i8042_read_data(uint8_t *value)
{
	if (!i8042_wait(I8042_STATUS_OUTPUT_FULL, true))
		return false;
	*value = io_in8(I8042_DATA);
	return true;
}

bool i8042_update_config(uint8_t set, uint8_t clear)
{
	uint8_t config;
	if (!i8042_command(I8042_CMD_READ_CONFIG) || !i8042_read_data(&config))
		return false;
	config = (uint8_t)((config | set) & ~clear);
	return i8042_command(I8042_CMD_WRITE_CONFIG) && i8042_write_data(config);
}

/* IRQ1 and IRQ12: take every byte the controller holds. */
void i8042_handle_irq(void)
{
	uint8_t keys[I8042_DRAIN_LIMIT], mouse[I8042_DRAIN_LIMIT];
	size_t nkeys = 0, nmouse = 0;
	for (unsigned i = 0; i < I8042_DRAIN_LIMIT; i++) {
		uint8_t status = io_in8(I8042_STATUS);
		if (!(status & I8042_STATUS_OUTPUT_FULL))
			break;
		uint8_t byte = io_in8(I8042_DATA);
		if (status & I8042_STATUS_AUX)
			mouse[nmouse++] = byte;
		else
			keys[nkeys++] = byte;
	}
	if (nkeys)
		kernel_keyboard_input(keys, nkeys);
	if (nmouse)
		kernel_mouse_input(mouse, nmouse);
}
