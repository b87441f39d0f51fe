/*
 * The pseudo-terminal pair's decisions (see pty_core.h).  The line
 * discipline's output callback appends to the master's queue; slave writes
 * only hand it a prefix that surely fits, so only echo can overflow, and
 * echo that does not fit is dropped and counted.
 */
#include "tty/pty_core.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "ipc/poll_wait.h"

#define PTY_ASCII_NL 0x0a

#define PTY_HUNG_UP_POLL (POLL_IN | POLL_OUT | POLL_ERR | POLL_HUP | POLL_RDNORM | POLL_WRNORM)

static void pty_core_wake(pty_core_t *c)
{
	if (c->ops.wake)
		c->ops.wake(c->ops.ctx);
}

/* Line discipline output: into the master's queue, as much as fits. */
static void pty_core_output(void *ctx, const uint8_t *bytes, size_t len)
{
	pty_core_t *c = ctx;
	size_t room = PTY_OUT_MAX - c->out_len;
	size_t n = len < room ? len : room;
	for (size_t i = 0; i < n; i++)
		c->out[(c->out_head + c->out_len + i) % PTY_OUT_MAX] = bytes[i];
	c->out_len += n;
	c->echo_dropped += len - n;
	if (n)
		pty_core_wake(c);
}

static void pty_core_signal(void *ctx, int32_t pgrp, int sig)
{
	pty_core_t *c = ctx;
	if (c->ops.signal)
		c->ops.signal(c->ops.ctx, pgrp, sig);
}

/* The line discipline's wake: the slave may read. */
static void pty_core_ld_wake(void *ctx)
{
	pty_core_wake(ctx);
}

void pty_core_init(pty_core_t *c, unsigned index, const pty_core_ops_t *ops)
{
	kmemset(c, 0, sizeof(*c));
	if (ops)
		c->ops = *ops;
	tty_ldisc_ops_t ld_ops = { pty_core_output, pty_core_signal, pty_core_ld_wake, c };
	tty_ldisc_init(&c->ld, &ld_ops);
	c->index = index;
	c->masters = 1;
	c->locked = true;
}

/* Input the slave has not read yet, completed lines and VEOF marks (not the line being edited). */
static size_t pty_core_committed(const pty_core_t *c)
{
	return tty_ldisc_queued(&c->ld) - tty_ldisc_edit_len(&c->ld);
}

/* TTY-112: the master waits only when a reader can make room. */
static bool pty_core_input_full(const pty_core_t *c)
{
	return tty_ldisc_queued(&c->ld) >= PTY_INPUT_HIGH && pty_core_committed(c) > 0;
}

int64_t pty_core_master_write(pty_core_t *c, const uint8_t *bytes, size_t len, uint64_t now_ns)
{
	size_t i = 0;
	while (i < len && !pty_core_input_full(c)) {
		tty_ldisc_receive(&c->ld, bytes + i, 1, now_ns);
		i++;
	}
	if (i == 0 && len > 0)
		return -EAGAIN;
	return (int64_t)i;
}

int64_t pty_core_master_read(pty_core_t *c, uint8_t *buf, size_t len)
{
	if (c->out_len == 0)
		return c->slave_closed ? -EIO : -EAGAIN;
	size_t n = len < c->out_len ? len : c->out_len;
	for (size_t i = 0; i < n; i++)
		buf[i] = c->out[(c->out_head + i) % PTY_OUT_MAX];
	c->out_head = (c->out_head + n) % PTY_OUT_MAX;
	c->out_len -= n;
	if (n)
		pty_core_wake(c); /* room for slave writers */
	return (int64_t)n;
}

/* The longest prefix of bytes whose processed output surely fits room bytes. */
static size_t pty_core_fit(const uint8_t *bytes, size_t len, size_t room)
{
	size_t need = 0, i = 0;
	for (; i < len; i++) {
		size_t worst = bytes[i] == PTY_ASCII_NL ? PTY_OUTPUT_WORST : 1u;
		if (need + worst > room)
			break;
		need += worst;
	}
	return i;
}

int64_t pty_core_slave_write(pty_core_t *c, const uint8_t *bytes, size_t len)
{
	if (c->hung_up)
		return -EIO;
	if (len == 0)
		return 0;
	size_t n = pty_core_fit(bytes, len, PTY_OUT_MAX - c->out_len);
	if (n == 0)
		return -EAGAIN;
	return (int64_t)tty_ldisc_write(&c->ld, bytes, n);
}

size_t pty_core_slave_read(pty_core_t *c, uint8_t *buf, size_t cap, uint64_t start_ns, uint64_t now_ns,
			   tty_read_result_t *res)
{
	if (c->hung_up) {
		res->status = TTY_READ_DONE;
		res->has_deadline = false;
		res->deadline_ns = 0;
		return 0;
	}
	bool was_full = pty_core_input_full(c);
	size_t n = tty_ldisc_read(&c->ld, buf, cap, start_ns, now_ns, res);
	if (was_full && !pty_core_input_full(c))
		pty_core_wake(c); /* room for master writers */
	return n;
}

uint32_t pty_core_master_poll(const pty_core_t *c)
{
	uint32_t ev = 0;
	if (c->out_len > 0)
		ev |= POLL_IN | POLL_RDNORM;
	if (!pty_core_input_full(c))
		ev |= POLL_OUT | POLL_WRNORM;
	if (c->slave_closed)
		ev |= POLL_HUP;
	return ev;
}

uint32_t pty_core_slave_poll(const pty_core_t *c)
{
	if (c->hung_up)
		return PTY_HUNG_UP_POLL;
	uint32_t ev = 0;
	if (pty_core_committed(c) > 0)
		ev |= POLL_IN | POLL_RDNORM;
	if (PTY_OUT_MAX - c->out_len >= PTY_OUTPUT_WORST)
		ev |= POLL_OUT | POLL_WRNORM;
	return ev;
}

int pty_core_slave_open(pty_core_t *c)
{
	if (c->locked || c->hung_up)
		return -EIO;
	c->slaves++;
	if (c->slave_closed) {
		c->slave_closed = false;
		pty_core_wake(c);
	}
	return 0;
}

void pty_core_slave_close(pty_core_t *c)
{
	if (c->slaves == 0)
		return;
	c->slaves--;
	if (c->slaves == 0 && !c->hung_up) {
		c->slave_closed = true;
		pty_core_wake(c);
	}
}

void pty_core_master_close(pty_core_t *c)
{
	if (c->masters == 0)
		return;
	c->masters = 0;
	c->hung_up = true;
	if (c->ld.fg_pgrp > 0)
		pty_core_signal(c, c->ld.fg_pgrp, PTY_SIGHUP);
	pty_core_wake(c);
}

bool pty_core_released(const pty_core_t *c)
{
	return c->masters == 0 && c->slaves == 0;
}

bool pty_core_visible(const pty_core_t *c)
{
	return c->masters > 0;
}
