/*
 * Fuzz harness for the TTY line discipline (spec/tty.md TTY-020, TTY-030;
 * also exercises TTY-005..027).
 *
 * One input is a script of operations, each introduced by one byte whose top
 * two bits choose it:
 *   00nnnnnn  type the next n+1 bytes (keystrokes)
 *   01cccccc  read up to (c * 67) bytes, at a time that advances by the next byte in ms
 *   10xxxxxx  change the termios: toggle one flag bit and set one control
 *             character, from the next 3 bytes
 *   11iiiiii  ioctl number i % 10 with the next 8 bytes as its argument
 * After every operation the harness checks the invariants: the queue and the
 * line being edited stay within TTY_QUEUE_MAX and TTY_LINE_MAX, the counters
 * are ordered, a read copies at most its buffer and at most what was queued.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "fuzz.h"
#include "tty/ldisc.h"

#define OP_SHIFT 6
#define OP_ARG_MASK 0x3fu
#define OP_TYPE 0
#define OP_READ 1
#define OP_TERMIOS 2
#define OP_IOCTL 3
#define READ_CAP_STEP 67u
#define NS_PER_MS 1000000ull
#define TERMIOS_WORDS 4
#define FLAG_BITS 16
#define IOCTL_ARG_BYTES 8

static const uint32_t fuzz_ioctls[] = {TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH,
				       TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ, TIOCSWINSZ, FIONREAD};
#define FUZZ_IOCTL_COUNT (sizeof fuzz_ioctls / sizeof fuzz_ioctls[0])

static size_t output_total;

static void fuzz_check(bool ok)
{
	if (!ok)
		abort();
}

static void fuzz_output(void *ctx, const uint8_t *bytes, size_t len)
{
	(void)ctx;
	fuzz_check(bytes != NULL && len > 0);
	output_total += len;
}

static void fuzz_signal(void *ctx, int32_t pgrp, int sig)
{
	(void)ctx;
	fuzz_check(pgrp > 0);
	fuzz_check(sig == TTY_SIGINT || sig == TTY_SIGQUIT || sig == TTY_SIGTSTP || sig == TTY_SIGWINCH);
}

static void fuzz_invariants(const tty_ldisc_t *ld)
{
	fuzz_check(ld->head <= ld->commit && ld->commit <= ld->tail);
	fuzz_check(tty_ldisc_queued(ld) <= TTY_QUEUE_MAX);
	if (ld->termios.c_lflag & ICANON)
		fuzz_check(tty_ldisc_edit_len(ld) <= TTY_LINE_MAX);
	else
		fuzz_check(tty_ldisc_edit_len(ld) == 0);
}

static void fuzz_termios(tty_ldisc_t *ld, const uint8_t *arg)
{
	aegis_termios_t t;
	fuzz_check(tty_ldisc_ioctl(ld, TCGETS, &t) == 0);
	uint32_t *words[TERMIOS_WORDS] = {&t.c_iflag, &t.c_oflag, &t.c_cflag, &t.c_lflag};
	*words[arg[0] % TERMIOS_WORDS] ^= (uint32_t)1 << (arg[0] / TERMIOS_WORDS % FLAG_BITS);
	t.c_cc[arg[1] % AEGIS_NCCS] = arg[2];
	fuzz_check(tty_ldisc_ioctl(ld, TCSETS, &t) == 0);
	aegis_termios_t back;
	fuzz_check(tty_ldisc_ioctl(ld, TCGETS, &back) == 0);
	fuzz_check(memcmp(&back, &t, sizeof t) == 0);
}

static void fuzz_read(tty_ldisc_t *ld, unsigned arg, uint64_t now)
{
	size_t cap = arg * READ_CAP_STEP;
	uint8_t *buf = malloc(cap ? cap : 1);
	fuzz_check(buf != NULL);
	size_t before = tty_ldisc_queued(ld);
	tty_read_result_t r;
	size_t n = tty_ldisc_read(ld, buf, cap, now / 2, now, &r);
	fuzz_check(n <= cap && n <= before);
	fuzz_check(r.status == TTY_READ_DONE || (r.status == TTY_READ_WAIT && n == 0));
	if (r.status == TTY_READ_WAIT && r.has_deadline)
		fuzz_check(r.deadline_ns > now);
	free(buf);
}

int fuzz_one(const uint8_t *data, size_t size)
{
	tty_ldisc_t *ld = malloc(sizeof *ld);
	fuzz_check(ld != NULL);
	tty_ldisc_ops_t ops = {fuzz_output, fuzz_signal, NULL, NULL};
	tty_ldisc_init(ld, &ops);
	int32_t pgrp = 1;
	fuzz_check(tty_ldisc_ioctl(ld, TIOCSPGRP, &pgrp) == 0);
	uint64_t now = NS_PER_MS;
	size_t i = 0;
	while (i < size) {
		unsigned op = data[i] >> OP_SHIFT, arg = data[i] & OP_ARG_MASK;
		i++;
		if (op == OP_TYPE) {
			size_t n = arg + 1u;
			if (n > size - i)
				n = size - i;
			tty_ldisc_receive(ld, data + i, n, now);
			i += n;
		} else if (op == OP_READ) {
			if (i < size)
				now += data[i++] * NS_PER_MS;
			fuzz_read(ld, arg, now);
		} else if (op == OP_TERMIOS) {
			uint8_t a[3] = {0, 0, 0};
			for (size_t k = 0; k < sizeof a && i < size; k++)
				a[k] = data[i++];
			fuzz_termios(ld, a);
		} else {
			uint8_t a[IOCTL_ARG_BYTES + sizeof(aegis_termios_t)];
			memset(a, 0, sizeof a);
			for (size_t k = 0; k < IOCTL_ARG_BYTES && i < size; k++)
				a[k] = data[i++];
			int rc = tty_ldisc_ioctl(ld, fuzz_ioctls[arg % FUZZ_IOCTL_COUNT], a);
			fuzz_check(rc == 0 || rc == -EINVAL);
		}
		fuzz_invariants(ld);
	}
	free(ld);
	output_total = 0;
	return 0;
}
