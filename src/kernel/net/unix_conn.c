/*
 * The AF_UNIX connection core (see unix_conn.h): shutdown and close are
 * closing the right pipe ends once, send and receive are the pipe core's
 * write and read on the right stream.
 */
#include "net/unix_conn.h"

#include <aegis/errno.h>

static pipe_result_t unix_conn_result(int64_t count, uint32_t actions)
{
	pipe_result_t r = { .count = count, .actions = actions };
	return r;
}

void unix_conn_init(unix_conn_t *c)
{
	for (unsigned i = 0; i < UNIX_CONN_SIDES; i++) {
		pipe_init(&c->stream[i]);
		c->shut[i] = 0;
		c->open[i] = true;
	}
}

int unix_conn_shutdown(unix_conn_t *c, unsigned side, uint32_t bits)
{
	if (side >= UNIX_CONN_SIDES || !c->open[side] || (bits & ~UNIX_SHUT_BOTH) != 0)
		return -EINVAL;
	uint32_t fresh = bits & ~(uint32_t)c->shut[side];
	int actions = 0;
	if (fresh & UNIX_SHUT_RECV) {
		int r = pipe_close_end(&c->stream[side], PIPE_END_READ);
		actions |= r > 0 ? r : 0;
	}
	if (fresh & UNIX_SHUT_SEND) {
		int r = pipe_close_end(&c->stream[1u - side], PIPE_END_WRITE);
		actions |= r > 0 ? r : 0;
	}
	c->shut[side] |= (uint8_t)fresh;
	return actions;
}

int unix_conn_close(unix_conn_t *c, unsigned side)
{
	int actions = unix_conn_shutdown(c, side, UNIX_SHUT_BOTH);
	if (actions >= 0)
		c->open[side] = false;
	return actions;
}

bool unix_conn_released(const unix_conn_t *c)
{
	return !c->open[0] && !c->open[1];
}

pipe_result_t unix_conn_send(unix_conn_t *c, unsigned side, const uint8_t *src, size_t len, bool nonblock)
{
	if (side >= UNIX_CONN_SIDES || !c->open[side])
		return unix_conn_result(-EINVAL, 0);
	if (c->shut[side] & UNIX_SHUT_SEND)
		return unix_conn_result(-EPIPE, PIPE_ACT_SIGPIPE);
	return pipe_write(&c->stream[1u - side], src, len, nonblock);
}

pipe_result_t unix_conn_recv(unix_conn_t *c, unsigned side, uint8_t *dst, size_t len, bool nonblock)
{
	if (side >= UNIX_CONN_SIDES || !c->open[side])
		return unix_conn_result(-EINVAL, 0);
	if (c->shut[side] & UNIX_SHUT_RECV)
		return unix_conn_result(0, 0);
	return pipe_read(&c->stream[side], dst, len, nonblock);
}

uint32_t unix_conn_poll(const unix_conn_t *c, unsigned side)
{
	if (side >= UNIX_CONN_SIDES)
		return 0;
	const pipe_t *in = &c->stream[side];
	const pipe_t *out = &c->stream[1u - side];
	bool recv_ended = (c->shut[side] & UNIX_SHUT_RECV) || in->writers == 0;
	bool send_ended = (c->shut[side] & UNIX_SHUT_SEND) || out->readers == 0;
	uint32_t bits = 0;
	if (recv_ended || pipe_bytes_stored(in) > 0)
		bits |= PIPE_POLLIN;
	if (send_ended || (pipe_poll(out, PIPE_END_WRITE) & PIPE_POLLOUT))
		bits |= PIPE_POLLOUT;
	if (recv_ended && send_ended)
		bits |= PIPE_POLLHUP;
	return bits;
}
