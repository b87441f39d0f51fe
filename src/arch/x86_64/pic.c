/*
 * The two legacy 8259A interrupt controllers.
 *
 * Init remaps IRQ0-7 to vectors 0x20-0x27 and IRQ8-15 to 0x28-0x2F (away
 * from the CPU exceptions) and masks every line; drivers unmask the lines
 * they serve (the PIT unmasks IRQ0).  A spurious IRQ7/IRQ15 (the in-service
 * bit is clear) gets no EOI on its own chip, as the 8259A requires; a
 * spurious IRQ15 still needs an EOI on the master for the cascade.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "io.h"
#include "platform.h"

#define PIC_MASTER_CMD 0x20
#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_CMD 0xA0
#define PIC_SLAVE_DATA 0xA1

#define ICW1_INIT_ICW4 0x11   /* edge triggered, cascade, ICW4 follows */
#define ICW3_MASTER_SLAVE_ON_IRQ2 0x04
#define ICW3_SLAVE_ID 0x02
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_IRR 0x0A
#define OCW3_READ_ISR 0x0B
#define PIC_CASCADE_IRQ 2u
#define PIC_LINES_PER_CHIP 8u
#define PIC_SPURIOUS_LINE 7u
#define PIC_ALL_MASKED 0xFF

static bool pic_ready;

platform_result_t platform_pic_init(void)
{
	io_out8(PIC_MASTER_CMD, ICW1_INIT_ICW4);
	io_wait();
	io_out8(PIC_SLAVE_CMD, ICW1_INIT_ICW4);
	io_wait();
	io_out8(PIC_MASTER_DATA, IRQ_BASE_MASTER);
	io_wait();
	io_out8(PIC_SLAVE_DATA, IRQ_BASE_SLAVE);
	io_wait();
	io_out8(PIC_MASTER_DATA, ICW3_MASTER_SLAVE_ON_IRQ2);
	io_wait();
	io_out8(PIC_SLAVE_DATA, ICW3_SLAVE_ID);
	io_wait();
	io_out8(PIC_MASTER_DATA, ICW4_8086);
	io_wait();
	io_out8(PIC_SLAVE_DATA, ICW4_8086);
	io_wait();
	io_out8(PIC_MASTER_DATA, PIC_ALL_MASKED & (uint8_t)~(1u << PIC_CASCADE_IRQ));
	io_out8(PIC_SLAVE_DATA, PIC_ALL_MASKED);
	pic_ready = true;
	return (platform_result_t){ PLATFORM_OK, "IRQ0-15 remapped to vectors 0x20-0x2F" };
}

void pic_unmask(unsigned irq)
{
	if (irq >= IRQ_LINES)
		return;
	uint16_t port = irq < PIC_LINES_PER_CHIP ? PIC_MASTER_DATA : PIC_SLAVE_DATA;
	uint8_t mask = io_in8(port);
	io_out8(port, mask & (uint8_t)~(1u << (irq % PIC_LINES_PER_CHIP)));
}

static uint8_t pic_read_reg(uint16_t cmd_port, uint8_t ocw3)
{
	io_out8(cmd_port, ocw3);
	return io_in8(cmd_port);
}

bool pic_begin_irq(unsigned irq)
{
	if (irq % PIC_LINES_PER_CHIP != PIC_SPURIOUS_LINE)
		return true;
	uint16_t cmd = irq < PIC_LINES_PER_CHIP ? PIC_MASTER_CMD : PIC_SLAVE_CMD;
	if (pic_read_reg(cmd, OCW3_READ_ISR) & (1u << PIC_SPURIOUS_LINE))
		return true;
	if (irq >= PIC_LINES_PER_CHIP)
		io_out8(PIC_MASTER_CMD, OCW2_EOI);
	return false;
}

void pic_end_irq(unsigned irq)
{
	if (irq >= PIC_LINES_PER_CHIP)
		io_out8(PIC_SLAVE_CMD, OCW2_EOI);
	io_out8(PIC_MASTER_CMD, OCW2_EOI);
}

bool pic_timer_pending(void)
{
	if (!pic_ready)
		return false;
	return (pic_read_reg(PIC_MASTER_CMD, OCW3_READ_IRR) & (1u << IRQ_TIMER)) != 0;
}
