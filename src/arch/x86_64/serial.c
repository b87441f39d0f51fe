/*
 * COM1 serial console: the log of record.
 *
 * 16550 UART at I/O port 0x3F8, 115200 baud 8N1, FIFO on, no interrupts
 * (output is polled).  Init proves the UART exists with a loopback test, so
 * a machine without COM1 reports FAIL instead of silently eating the log.
 * Writes poll the transmit-empty bit for a bounded number of spins, so a
 * stuck UART can slow the kernel down but never hang it.  '\n' goes out as
 * "\r\n" for terminals.
 */
#include "arch.h"
#include "io.h"
#include "platform.h"

#define COM1_BASE 0x3F8
#define UART_DATA 0       /* with DLAB=0: data; DLAB=1: divisor low */
#define UART_IER 1        /* with DLAB=1: divisor high */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define UART_CLOCK_HZ 115200u
#define SERIAL_BAUD 115200u
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR_14 0xC7 /* enable FIFO, clear both, 14-byte threshold */
#define MCR_DTR_RTS_OUT2 0x0B
#define MCR_LOOPBACK_TEST 0x1E   /* loopback + RTS + OUT1 + OUT2 */
#define LSR_THR_EMPTY 0x20
#define LOOPBACK_PROBE 0xAE
#define SERIAL_SPIN_LIMIT 100000u
#define UART_IER_RX_AVAILABLE 0x01
#define LSR_DATA_READY 0x01
#define FCR_ENABLE_CLEAR_1 0x07  /* enable FIFO, clear both, interrupt at every byte */
#define SERIAL_RX_BATCH 64u
#define SERIAL_RX_DRAIN_LIMIT 4096u /* bytes one interrupt takes, so a stuck UART cannot hold the CPU */

platform_result_t platform_serial_init(void)
{
	uint16_t divisor = (uint16_t)(UART_CLOCK_HZ / SERIAL_BAUD);

	io_out8(COM1_BASE + UART_IER, 0);
	io_out8(COM1_BASE + UART_LCR, LCR_DLAB);
	io_out8(COM1_BASE + UART_DATA, (uint8_t)(divisor & 0xFF));
	io_out8(COM1_BASE + UART_IER, (uint8_t)(divisor >> 8));
	io_out8(COM1_BASE + UART_LCR, LCR_8N1);
	io_out8(COM1_BASE + UART_FCR, FCR_ENABLE_CLEAR_14);

	io_out8(COM1_BASE + UART_MCR, MCR_LOOPBACK_TEST);
	io_out8(COM1_BASE + UART_DATA, LOOPBACK_PROBE);
	if (io_in8(COM1_BASE + UART_DATA) != LOOPBACK_PROBE)
		return (platform_result_t){ PLATFORM_FAIL, "no UART answers at COM1 (0x3F8)" };

	io_out8(COM1_BASE + UART_MCR, MCR_DTR_RTS_OUT2);
	return (platform_result_t){ PLATFORM_OK, "COM1 initialized at 115200 baud" };
}

static void serial_put(uint8_t c)
{
	for (unsigned spin = 0; spin < SERIAL_SPIN_LIMIT; spin++) {
		if (io_in8(COM1_BASE + UART_LSR) & LSR_THR_EMPTY)
			break;
	}
	io_out8(COM1_BASE + UART_DATA, c);
}

void platform_serial_write(const char *buf, size_t len)
{
	/*
	 * Before init the UART may be unprogrammed; QEMU's model still prints,
	 * real hardware may not.  Write anyway: early panics must be seen.
	 */
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			serial_put('\r');
		serial_put((uint8_t)buf[i]);
	}
}

platform_result_t platform_console_input_start(void)
{
	io_out8(COM1_BASE + UART_FCR, FCR_ENABLE_CLEAR_1);
	io_out8(COM1_BASE + UART_IER, UART_IER_RX_AVAILABLE);
	pic_unmask(IRQ_COM1);
	if (!keyboard_ready())
		return (platform_result_t){ PLATFORM_WARN, "COM1 receive interrupt on IRQ4; no PS/2 keyboard" };
	return (platform_result_t){ PLATFORM_OK, "COM1 receive interrupt on IRQ4, PS/2 keyboard on IRQ1" };
}

/*
 * IRQ4: drain the receiver (the PIC is edge-triggered, so bytes left behind
 * would raise no new interrupt) and hand the bytes to the kernel in batches.
 */
void serial_handle_irq(void)
{
	uint8_t batch[SERIAL_RX_BATCH];
	size_t n = 0;
	for (unsigned taken = 0; taken < SERIAL_RX_DRAIN_LIMIT; taken++) {
		if (!(io_in8(COM1_BASE + UART_LSR) & LSR_DATA_READY))
			break;
		batch[n++] = io_in8(COM1_BASE + UART_DATA);
		if (n == SERIAL_RX_BATCH) {
			kernel_console_input(batch, n);
			n = 0;
		}
	}
	if (n)
		kernel_console_input(batch, n);
}
