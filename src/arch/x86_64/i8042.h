/*
 * The i8042 PS/2 controller shared by keyboard.c and mouse.c: its ports,
 * bounded waits, commands, the configuration byte, and the interrupt
 * handler that routes each byte to the keyboard or the mouse.
 */
#ifndef AEGIS_ARCH_X86_64_I8042_H
#define AEGIS_ARCH_X86_64_I8042_H

#include <stdbool.h>
#include <stdint.h>

#define I8042_CMD_READ_CONFIG 0x20
#define I8042_CMD_WRITE_CONFIG 0x60
#define I8042_CMD_ENABLE_AUX 0xA8
#define I8042_CMD_WRITE_AUX 0xD4

#define I8042_CONFIG_IRQ1 0x01
#define I8042_CONFIG_IRQ12 0x02
#define I8042_CONFIG_KBD_CLOCK_OFF 0x10
#define I8042_CONFIG_AUX_CLOCK_OFF 0x20
#define I8042_CONFIG_TRANSLATE 0x40

/* Throw away whatever the controller holds. */
void i8042_flush(void);

/* Send a controller command / a data byte: false when the controller never took it. */
bool i8042_command(uint8_t cmd);
bool i8042_write_data(uint8_t value);

/* The next byte the controller offers (from either device): false on timeout. */
bool i8042_read_data(uint8_t *value);

/* Read-modify-write the configuration byte: set, then clear bits.  false on timeout. */
bool i8042_update_config(uint8_t set, uint8_t clear);

#endif
