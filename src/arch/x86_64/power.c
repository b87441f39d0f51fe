/*
 * Power-off and restart on x86_64 (spec/vigil.md VIG-133, VIG-134): the
 * kernel found the ACPI facts; this file only does the port writes.
 * Power-off: SLP_TYP | SLP_EN into PM1a_CNT (and PM1b_CNT).  Restart: the
 * FADT reset register, else the 8042's reset line, else a triple fault.
 */
#include <stdint.h>

#include "io.h"
#include "platform.h"

#define PM1_CNT_SLP_TYP_SHIFT 10u
#define PM1_CNT_SLP_TYP_MASK (0x7u << PM1_CNT_SLP_TYP_SHIFT)
#define PM1_CNT_SLP_EN (1u << 13)
#define I8042_STATUS_PORT 0x64u
#define I8042_STATUS_INPUT_FULL 0x02u
#define I8042_CMD_PULSE_RESET 0xFEu
#define I8042_WAIT_TRIES 100000u
#define RESET_SETTLE_TRIES 1000u

static void power_sleep_write(uint32_t port, uint16_t slp_typ)
{
	if (port == 0)
		return;
	uint16_t v = io_in16((uint16_t)port) & (uint16_t)~(PM1_CNT_SLP_TYP_MASK | PM1_CNT_SLP_EN);
	io_out16((uint16_t)port, (uint16_t)(v | (uint16_t)(slp_typ << PM1_CNT_SLP_TYP_SHIFT) | PM1_CNT_SLP_EN));
}

void platform_power_off(const platform_power_t *power)
{
	__asm__ volatile("cli");
	if (power != NULL && power->s5) {
		power_sleep_write(power->pm1a_cnt, power->slp_typ_a);
		power_sleep_write(power->pm1b_cnt, power->slp_typ_b);
	}
	platform_halt();
}

static void power_settle(void)
{
	for (unsigned i = 0; i < RESET_SETTLE_TRIES; i++)
		io_wait();
}

void platform_restart(const platform_power_t *power)
{
	__asm__ volatile("cli");
	if (power != NULL && power->reset) {
		if (power->reset_space == PLATFORM_ACPI_SPACE_IO)
			io_out8((uint16_t)power->reset_addr, power->reset_value);
		power_settle();
	}
	for (unsigned i = 0; i < I8042_WAIT_TRIES && (io_in8(I8042_STATUS_PORT) & I8042_STATUS_INPUT_FULL); i++)
		io_wait();
	io_out8(I8042_STATUS_PORT, I8042_CMD_PULSE_RESET);
	power_settle();
	/* Last resort: an empty IDT makes the next interrupt a triple fault. */
	static const struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} empty_idt = {0, 0};
	__asm__ volatile("lidt %0\n\tint3" : : "m"(empty_idt));
	platform_halt();
}
