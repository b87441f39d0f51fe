/*
 * The console terminal (see console_tty.h).
 */
#include "tty/console_tty.h"

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "core/log.h"
#include "ipc/poll_wait.h"
#include "platform.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"
#include "sched/sched.h"
#include "tty/console_file.h"
#include "tty/ctty.h"
#include "tty/ldisc.h"
#include "tty/tty_user_ioctl.h"

static tty_ldisc_t console_ld;
static tty_ctty_t console_ctty; /* the session the console controls (tty/ctty.h) */
static waitq_t console_readers = WAITQ_INIT; /* tasks in console_tty_read */
static waitq_t console_input_wq = WAITQ_INIT; /* the console task, waiting for input */
static uint8_t ring[CONSOLE_INPUT_RING];
static size_t ring_head, ring_len; /* touched with interrupts masked only */
static uint64_t ring_dropped;

/*
 * The platform's console writer already turns "\n" into "\r\n" (for
 * printk), so the "\r" that ONLCR put before a "\n" is dropped here rather
 * than sent twice.
 */
static void console_output(void *ctx, const uint8_t *bytes, size_t len)
{
	(void)ctx;
	size_t start = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
			platform_serial_write((const char *)bytes + start, i - start);
			platform_screen_write((const char *)bytes + start, i - start);
			start = i + 1;
		}
	}
	platform_serial_write((const char *)bytes + start, len - start);
	platform_screen_write((const char *)bytes + start, len - start);
}

static void console_signal(void *ctx, int32_t pgrp, int sig)
{
	(void)ctx;
	proc_signal_group(pgrp, sig);
}

static void console_wake(void *ctx)
{
	(void)ctx;
	waitq_wake_all(&console_readers);
	poll_notify();
}

/* IRQ context: queue the bytes and wake the console task. */
void kernel_console_input(const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (ring_len == CONSOLE_INPUT_RING) {
			ring_dropped += len - i;
			break;
		}
		ring[(ring_head + ring_len) % CONSOLE_INPUT_RING] = bytes[i];
		ring_len++;
	}
	waitq_wake_all(&console_input_wq);
}

/* Take what the ring holds (interrupts masked while copying). */
static size_t console_ring_take(uint8_t *out, size_t cap)
{
	unsigned long irq = platform_irq_save();
	size_t n = ring_len < cap ? ring_len : cap;
	for (size_t i = 0; i < n; i++)
		out[i] = ring[(ring_head + i) % CONSOLE_INPUT_RING];
	ring_head = (ring_head + n) % CONSOLE_INPUT_RING;
	ring_len -= n;
	platform_irq_restore(irq);
	return n;
}

/* The console task: feed queued input to the line discipline, forever. */
static void console_task_main(void *arg)
{
	(void)arg;
	sched_task_begin();
	uint8_t chunk[CONSOLE_INPUT_RING];
	for (;;) {
		size_t n = console_ring_take(chunk, sizeof(chunk));
		if (n) {
			tty_ldisc_receive(&console_ld, chunk, n, platform_time_ns());
			continue;
		}
		/* Interrupts stay off from the check until the task is on the queue, so a byte arriving in
		 * between cannot send its wakeup before there is a sleeper to receive it (TTY-100). */
		unsigned long irq = platform_irq_save();
		if (ring_len == 0)
			(void)sched_sleep(&console_input_wq, SCHED_NO_DEADLINE);
		platform_irq_restore(irq);
	}
}

/* /dev/tty for a process the console controls: a new console file. */
static int console_ctty_open(tty_ctty_t *t, process_t *p, uint32_t flags, file_t **out)
{
	(void)t;
	(void)p;
	(void)flags;
	*out = console_file_open();
	return *out ? 0 : -ENOMEM;
}

void console_tty_start(void)
{
	tty_ldisc_ops_t ops = { console_output, console_signal, console_wake, NULL };
	tty_ldisc_init(&console_ld, &ops);
	ctty_register(&console_ctty, &console_ld, CONSOLE_MAJOR, CONSOLE_MINOR, console_ctty_open, NULL);
	platform_result_t r = platform_console_input_start();
	boot_mark_platform("CONSOLE", r);
	if (r.status == PLATFORM_OK && !sched_task_create("console", console_task_main, NULL, NULL))
		boot_mark("CONSOLE", MARK_WARN, "no memory for the console task: input is ignored");
}

int64_t console_tty_read(process_t *p, void *buf, size_t len, bool nonblock)
{
	uint64_t start = platform_time_ns();
	for (;;) {
		tty_read_result_t res;
		size_t n = tty_ldisc_read(&console_ld, buf, len, start, platform_time_ns(), &res);
		if (res.status == TTY_READ_DONE)
			return (int64_t)n;
		if (nonblock)
			return -EAGAIN;
		if (p && proc_signal_pending(p))
			return -SIGNAL_ERESTARTSYS;
		uint64_t deadline = res.has_deadline ? res.deadline_ns : SCHED_NO_DEADLINE;
		if (sched_sleep(&console_readers, deadline) == -EINTR)
			return -SIGNAL_ERESTARTSYS;
	}
}

int64_t console_tty_write(const void *buf, size_t len)
{
	return (int64_t)tty_ldisc_write(&console_ld, buf, len);
}

int64_t console_tty_ioctl(process_t *p, uint32_t cmd, uint64_t arg)
{
	return tty_user_ioctl(&console_ctty, TTY_SIDE_TERMINAL, p, cmd, arg);
}

void console_tty_opened(process_t *p, uint32_t flags)
{
	if (console_ctty.ld)
		ctty_open_acquire(&console_ctty, p, flags);
}

uint64_t console_tty_dropped(void)
{
	return ring_dropped;
}

uint32_t console_tty_poll(void)
{
	int32_t ready = 0;
	(void)tty_ldisc_ioctl(&console_ld, FIONREAD, &ready);
	return POLL_OUT | POLL_WRNORM | (ready > 0 ? POLL_IN | POLL_RDNORM : 0u);
}
