/*
 * The 8254 programmable interval timer: the periodic tick and the clock.
 *
 * Channel 0 runs in mode 2 (rate generator) from its 1.193182 MHz input at
 * the requested rate; every IRQ0 counts a tick and calls
 * kernel_timer_tick().  platform_time_ns() is PIT-based (no TSC: its rate
 * under QEMU's TCG is not a stable reference): ticks times the tick period
 * plus the part of the current period already counted down, read by
 * latching channel 0.  A tick that is raised but not yet serviced (we read
 * with interrupts masked) is detected through the PIC's request register.
 * The result is clamped to never go backwards, so the clock may stall for
 * at most one period in the one race that remains (the counter wraps between
 * the IRR read and the latch).  Before platform_timer_init() it reads 0.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "core/format.h"
#include "io.h"
#include "platform.h"

#define PIT_INPUT_HZ 1193182u
#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_CMD_CH0_LOHI_RATE 0x34 /* channel 0, lobyte/hibyte, mode 2, binary */
#define PIT_CMD_CH0_LATCH 0x00
#define PIT_DIVISOR_MAX 65536u     /* a programmed 0 means 65536 */
#define PIT_MAX_HZ 10000u          /* faster ticks would drown the CPU under emulation */
#define NS_PER_SEC 1000000000ull
#define PIT_DETAIL_MAX 48

static volatile uint64_t pit_ticks;
static uint32_t pit_divisor;
static uint64_t pit_last_ns;
static char pit_detail[PIT_DETAIL_MAX];

platform_result_t platform_timer_init(uint32_t hz)
{
	if (hz == 0 || hz > PIT_MAX_HZ) {
		ksnprintf(pit_detail, sizeof(pit_detail), "cannot run the timer at %u Hz", hz);
		return (platform_result_t){ PLATFORM_FAIL, pit_detail };
	}
	uint32_t divisor = (PIT_INPUT_HZ + hz / 2) / hz;
	if (divisor > PIT_DIVISOR_MAX) {
		ksnprintf(pit_detail, sizeof(pit_detail), "%u Hz is below the PIT's slowest rate", hz);
		return (platform_result_t){ PLATFORM_FAIL, pit_detail };
	}
	pit_divisor = divisor;
	io_out8(PIT_COMMAND, PIT_CMD_CH0_LOHI_RATE);
	io_out8(PIT_CHANNEL0, (uint8_t)(divisor & 0xFF));
	io_out8(PIT_CHANNEL0, (uint8_t)((divisor >> 8) & 0xFF)); /* 65536 is written as 0 */
	pic_unmask(IRQ_TIMER);
	ksnprintf(pit_detail, sizeof(pit_detail), "timer at %u Hz", hz);
	return (platform_result_t){ PLATFORM_OK, pit_detail };
}

void pit_handle_tick(void)
{
	pit_ticks++;
	kernel_timer_tick();
}

/* Input clock cycles -> ns; exact to the ns and free of overflow for centuries of uptime. */
static uint64_t pit_cycles_to_ns(uint64_t cycles)
{
	return cycles / PIT_INPUT_HZ * NS_PER_SEC + cycles % PIT_INPUT_HZ * NS_PER_SEC / PIT_INPUT_HZ;
}

uint64_t platform_time_ns(void)
{
	if (pit_divisor == 0)
		return 0;
	unsigned long irq = platform_irq_save();
	bool pending = pic_timer_pending();
	io_out8(PIT_COMMAND, PIT_CMD_CH0_LATCH);
	uint32_t count = io_in8(PIT_CHANNEL0);
	count |= (uint32_t)io_in8(PIT_CHANNEL0) << 8;
	if (count == 0 || count > pit_divisor)
		count = pit_divisor;
	uint64_t cycles = (pit_ticks + (pending ? 1 : 0)) * pit_divisor + (pit_divisor - count);
	uint64_t ns = pit_cycles_to_ns(cycles);
	if (ns < pit_last_ns)
		ns = pit_last_ns;
	pit_last_ns = ns;
	platform_irq_restore(irq);
	return ns;
}
