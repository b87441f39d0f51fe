/*
 * The TTY line discipline (spec/tty.md, TTY-001..030).
 *
 * Input: each byte is mapped (ISTRIP, IGNCR, ICRNL, INLCR), checked for the
 * signal characters, then handled by canonical editing or queued raw.  The queue
 * is one ring; see ldisc.h for the three counters and the per-entry meta byte.
 * Bounds are checked before every push, so unread input is never overwritten: a
 * byte that does not fit is counted and refused.  Output: echo and program
 * output share one post-processing path, which also tracks the column so erase
 * knows how wide a tab was.
 */
#include "tty/ldisc.h"

#include <aegis/errno.h>

#include "core/kstring.h"

_Static_assert((TTY_QUEUE_MAX & (TTY_QUEUE_MAX - 1)) == 0, "the queue size must be a power of two");
_Static_assert(TTY_LINE_MAX < TTY_QUEUE_MAX, "a full line and its terminator must fit the queue");

#define QUEUE_MASK (TTY_QUEUE_MAX - 1)

/* Meta byte of a queue entry. */
#define META_DELIM 0x80u      /* the entry ends a line */
#define META_EOF 0x40u        /* a VEOF mark: consumed by reads, never copied */
#define META_WIDTH_MASK 0x0fu /* columns its echo took */

#define ASCII_BS 0x08
#define ASCII_BEL 0x07
#define ASCII_TAB 0x09
#define ASCII_NL 0x0a
#define ASCII_CR 0x0d
#define ASCII_SPACE 0x20
#define ASCII_DEL 0x7f
#define ASCII_STRIP_MASK 0x7f
#define CTRL_NOTATION_FLIP 0x40 /* ^C is '^' and 0x03 ^ 0x40 */
#define CTRL_NOTATION_WIDTH 2
#define TAB_STOP 8
#define NS_PER_VTIME_UNIT 100000000ull /* VTIME counts tenths of a second */

#define UTF8_CONT_MASK 0xc0
#define UTF8_CONT_BITS 0x80

#define CC_CTRL(letter) ((uint8_t)((letter)&0x1f))

static const char erase_seq[] = "\b \b";
#define ERASE_SEQ_LEN 3

/* ---- small helpers ------------------------------------------------------- */

static bool has_lflag(const tty_ldisc_t *ld, uint32_t flag)
{
	return (ld->termios.c_lflag & flag) != 0;
}

static bool has_iflag(const tty_ldisc_t *ld, uint32_t flag)
{
	return (ld->termios.c_iflag & flag) != 0;
}

static bool has_oflag(const tty_ldisc_t *ld, uint32_t flag)
{
	return (ld->termios.c_oflag & flag) != 0;
}

/* Is c the (enabled) control character at index idx? */
static bool is_cc(const tty_ldisc_t *ld, unsigned idx, uint8_t c)
{
	uint8_t v = ld->termios.c_cc[idx];
	return v != AEGIS_VDISABLE && v == c;
}

static size_t slot(size_t counter)
{
	return counter & QUEUE_MASK;
}

size_t tty_ldisc_queued(const tty_ldisc_t *ld)
{
	return ld->tail - ld->head;
}

size_t tty_ldisc_edit_len(const tty_ldisc_t *ld)
{
	return ld->tail - ld->commit;
}

static void wake_readers(tty_ldisc_t *ld)
{
	if (ld->ops.wake)
		ld->ops.wake(ld->ops.ctx);
}

static void send_signal(tty_ldisc_t *ld, int sig)
{
	if (ld->fg_pgrp <= 0 || !ld->ops.signal) {
		ld->stats.signals_unsent++;
		return;
	}
	ld->ops.signal(ld->ops.ctx, ld->fg_pgrp, sig);
}

static void flush_input(tty_ldisc_t *ld)
{
	ld->head = ld->tail;
	ld->commit = ld->tail;
}

/* ---- output ------------------------------------------------------------ */

static void emit(tty_ldisc_t *ld, const uint8_t *bytes, size_t len)
{
	if (ld->ops.output && len > 0)
		ld->ops.output(ld->ops.ctx, bytes, len);
}

/* With IUTF8, a UTF-8 continuation byte takes no column and is erased with its lead byte. */
static bool is_utf8_continuation(const tty_ldisc_t *ld, uint8_t c)
{
	return has_iflag(ld, IUTF8) && (c & UTF8_CONT_MASK) == UTF8_CONT_BITS;
}

static void track_column(tty_ldisc_t *ld, uint8_t c)
{
	if (is_utf8_continuation(ld, c))
		return;
	if (c == ASCII_CR)
		ld->column = 0;
	else if (c == ASCII_TAB)
		ld->column += TAB_STOP - ld->column % TAB_STOP;
	else if (c == ASCII_BS) {
		if (ld->column > 0)
			ld->column--;
	} else if (c >= ASCII_SPACE && c != ASCII_DEL)
		ld->column++;
}

/* One byte through output processing (TTY-015). */
static void output_byte(tty_ldisc_t *ld, uint8_t c)
{
	static const uint8_t crnl[2] = {ASCII_CR, ASCII_NL};
	if (!has_oflag(ld, OPOST)) {
		track_column(ld, c);
		emit(ld, &c, 1);
		return;
	}
	if (c == ASCII_NL) {
		if (has_oflag(ld, ONLCR)) {
			ld->column = 0;
			emit(ld, crnl, sizeof crnl);
			return;
		}
		if (has_oflag(ld, ONLRET))
			ld->column = 0;
		emit(ld, &c, 1);
		return;
	}
	if (c == ASCII_CR) {
		if (has_oflag(ld, ONOCR) && ld->column == 0)
			return;
		if (has_oflag(ld, OCRNL)) {
			c = ASCII_NL;
			if (has_oflag(ld, ONLRET))
				ld->column = 0;
			emit(ld, &c, 1);
			return;
		}
	}
	track_column(ld, c);
	emit(ld, &c, 1);
}

static void output_bytes(tty_ldisc_t *ld, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		output_byte(ld, (uint8_t)s[i]);
}

/* Runs of bytes that output processing leaves alone go out in one callback. */
size_t tty_ldisc_write(tty_ldisc_t *ld, const uint8_t *bytes, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t run = i;
		while (run < len && bytes[run] != ASCII_NL && bytes[run] != ASCII_CR)
			track_column(ld, bytes[run++]);
		emit(ld, bytes + i, run - i);
		if (run < len)
			output_byte(ld, bytes[run++]);
		i = run;
	}
	return len;
}

static bool is_control(uint8_t c)
{
	return c < ASCII_SPACE || c == ASCII_DEL;
}

/* Echo one input byte (TTY-013); returns the columns it took. */
static uint8_t echo_byte(tty_ldisc_t *ld, uint8_t c)
{
	if (is_control(c) && c != ASCII_TAB && c != ASCII_NL) {
		if (!has_lflag(ld, ECHOCTL)) {
			output_byte(ld, c);
			return 0;
		}
		output_byte(ld, '^');
		output_byte(ld, (uint8_t)(c ^ CTRL_NOTATION_FLIP));
		return CTRL_NOTATION_WIDTH;
	}
	size_t before = ld->column;
	output_byte(ld, c);
	if (c == ASCII_NL)
		return 0;
	return (uint8_t)((ld->column - before) & META_WIDTH_MASK);
}

/* A refused byte (TTY-012, TTY-020): counted, and a BEL if asked for. */
static void refuse_byte(tty_ldisc_t *ld)
{
	ld->stats.dropped++;
	if (has_lflag(ld, ECHO) && has_iflag(ld, IMAXBEL))
		output_byte(ld, ASCII_BEL);
}

static void push_entry(tty_ldisc_t *ld, uint8_t c, uint8_t meta)
{
	ld->data[slot(ld->tail)] = c;
	ld->meta[slot(ld->tail)] = meta;
	ld->tail++;
}

/* ---- canonical editing ------------------------------------------------- */

/* Remove the last byte of the edit line, erasing it on screen if asked. */
static uint8_t erase_last(tty_ldisc_t *ld, bool visual)
{
	ld->tail--;
	uint8_t width = ld->meta[slot(ld->tail)] & META_WIDTH_MASK;
	if (visual)
		for (uint8_t i = 0; i < width; i++)
			output_bytes(ld, erase_seq, ERASE_SEQ_LEN);
	return ld->data[slot(ld->tail)];
}

static bool visual_erase(const tty_ldisc_t *ld)
{
	return has_lflag(ld, ECHO) && has_lflag(ld, ECHOE);
}

static void canon_erase(tty_ldisc_t *ld, uint8_t c)
{
	if (tty_ldisc_edit_len(ld) == 0)
		return;
	bool visual = visual_erase(ld);
	if (!visual && has_lflag(ld, ECHO))
		(void)echo_byte(ld, c);
	uint8_t erased;
	do
		erased = erase_last(ld, visual);
	while (is_utf8_continuation(ld, erased) && tty_ldisc_edit_len(ld) > 0);
}

static bool is_blank(uint8_t c)
{
	return c == ASCII_SPACE || c == ASCII_TAB;
}

static void canon_word_erase(tty_ldisc_t *ld, uint8_t c)
{
	if (tty_ldisc_edit_len(ld) == 0)
		return;
	bool visual = visual_erase(ld);
	if (!visual && has_lflag(ld, ECHO))
		(void)echo_byte(ld, c);
	while (tty_ldisc_edit_len(ld) > 0 && is_blank(ld->data[slot(ld->tail - 1)]))
		(void)erase_last(ld, visual);
	while (tty_ldisc_edit_len(ld) > 0 && !is_blank(ld->data[slot(ld->tail - 1)]))
		(void)erase_last(ld, visual);
}

static void canon_kill(tty_ldisc_t *ld, uint8_t c)
{
	if (tty_ldisc_edit_len(ld) == 0)
		return;
	bool visual = visual_erase(ld) && has_lflag(ld, ECHOK) && has_lflag(ld, ECHOKE);
	if (!visual && has_lflag(ld, ECHO)) {
		(void)echo_byte(ld, c);
		if (has_lflag(ld, ECHOK))
			output_byte(ld, ASCII_NL);
	}
	while (tty_ldisc_edit_len(ld) > 0)
		(void)erase_last(ld, visual);
}

static bool is_terminator(const tty_ldisc_t *ld, uint8_t c)
{
	return c == ASCII_NL || is_cc(ld, VEOL, c) || (has_lflag(ld, IEXTEN) && is_cc(ld, VEOL2, c));
}

static void canon_complete(tty_ldisc_t *ld, uint8_t c, uint8_t meta)
{
	push_entry(ld, c, meta);
	ld->commit = ld->tail;
	wake_readers(ld);
}

static void canon_receive(tty_ldisc_t *ld, uint8_t c)
{
	if (is_cc(ld, VERASE, c) || c == ASCII_BS) {
		canon_erase(ld, c);
		return;
	}
	if (is_cc(ld, VKILL, c)) {
		canon_kill(ld, c);
		return;
	}
	if (has_lflag(ld, IEXTEN) && is_cc(ld, VWERASE, c)) {
		canon_word_erase(ld, c);
		return;
	}
	if (is_cc(ld, VEOF, c)) {
		if (tty_ldisc_queued(ld) >= TTY_QUEUE_MAX) {
			ld->stats.dropped++;
			return;
		}
		canon_complete(ld, 0, META_DELIM | META_EOF);
		return;
	}
	if (is_terminator(ld, c)) {
		if (tty_ldisc_queued(ld) >= TTY_QUEUE_MAX) {
			refuse_byte(ld);
			return;
		}
		uint8_t width = 0;
		if (has_lflag(ld, ECHO))
			width = echo_byte(ld, c);
		else if (c == ASCII_NL && has_lflag(ld, ECHONL))
			output_byte(ld, ASCII_NL);
		canon_complete(ld, c, (uint8_t)(META_DELIM | width));
		return;
	}
	/* One entry stays free for the terminator (TTY-020). */
	if (tty_ldisc_edit_len(ld) >= TTY_LINE_MAX || tty_ldisc_queued(ld) >= TTY_QUEUE_MAX - 1) {
		refuse_byte(ld);
		return;
	}
	uint8_t width = has_lflag(ld, ECHO) ? echo_byte(ld, c) : 0;
	push_entry(ld, c, width);
}

/* ---- non-canonical input ------------------------------------------------- */

static void raw_receive(tty_ldisc_t *ld, uint8_t c)
{
	if (tty_ldisc_queued(ld) >= TTY_QUEUE_MAX) {
		refuse_byte(ld);
		return;
	}
	uint8_t width = has_lflag(ld, ECHO) ? echo_byte(ld, c) : 0;
	push_entry(ld, c, width);
	ld->commit = ld->tail;
	wake_readers(ld);
}

/* ---- receive ------------------------------------------------------------- */

/* TTY-005: returns false when the byte is dropped (IGNCR). */
static bool map_input(const tty_ldisc_t *ld, uint8_t *c)
{
	if (has_iflag(ld, ISTRIP))
		*c &= ASCII_STRIP_MASK;
	if (*c == ASCII_CR) {
		if (has_iflag(ld, IGNCR))
			return false;
		if (has_iflag(ld, ICRNL))
			*c = ASCII_NL;
	} else if (*c == ASCII_NL && has_iflag(ld, INLCR)) {
		*c = ASCII_CR;
	}
	return true;
}

/* TTY-016: returns true when c was a signal character and has been handled. */
static bool handle_signal_char(tty_ldisc_t *ld, uint8_t c)
{
	int sig;
	if (is_cc(ld, VINTR, c))
		sig = TTY_SIGINT;
	else if (is_cc(ld, VQUIT, c))
		sig = TTY_SIGQUIT;
	else if (is_cc(ld, VSUSP, c))
		sig = TTY_SIGTSTP;
	else
		return false;
	if (!has_lflag(ld, NOFLSH))
		flush_input(ld);
	if (has_lflag(ld, ECHO))
		(void)echo_byte(ld, c);
	send_signal(ld, sig);
	return true;
}

void tty_ldisc_receive(tty_ldisc_t *ld, const uint8_t *bytes, size_t len, uint64_t now_ns)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t c = bytes[i];
		if (!map_input(ld, &c))
			continue;
		if (has_lflag(ld, ISIG) && handle_signal_char(ld, c))
			continue;
		ld->last_input_ns = now_ns;
		if (has_lflag(ld, ICANON))
			canon_receive(ld, c);
		else
			raw_receive(ld, c);
	}
}

/* ---- read ------------------------------------------------------------------ */

static size_t canon_read(tty_ldisc_t *ld, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	bool line_ended = false;
	while (ld->head < ld->commit && n < cap) {
		uint8_t meta = ld->meta[slot(ld->head)];
		uint8_t c = ld->data[slot(ld->head)];
		ld->head++;
		if (meta & META_EOF) {
			line_ended = true;
			break;
		}
		buf[n++] = c;
		if (meta & META_DELIM) {
			line_ended = true;
			break;
		}
	}
	/* A full buffer right before a VEOF mark takes the mark with it (TTY-011). */
	if (!line_ended && ld->head < ld->commit && (ld->meta[slot(ld->head)] & META_EOF))
		ld->head++;
	return n;
}

static size_t readable_bytes(const tty_ldisc_t *ld)
{
	size_t n = 0;
	for (size_t i = ld->head; i < ld->commit; i++)
		if (!(ld->meta[slot(i)] & META_EOF))
			n++;
	return n;
}

static size_t raw_copy(tty_ldisc_t *ld, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	while (ld->head < ld->commit && n < cap) {
		uint8_t meta = ld->meta[slot(ld->head)];
		uint8_t c = ld->data[slot(ld->head)];
		ld->head++;
		if (!(meta & META_EOF))
			buf[n++] = c;
	}
	return n;
}

static size_t read_wait(tty_read_result_t *res, bool has_deadline, uint64_t deadline_ns)
{
	res->status = TTY_READ_WAIT;
	res->has_deadline = has_deadline;
	res->deadline_ns = has_deadline ? deadline_ns : 0;
	return 0;
}

static size_t read_done(tty_read_result_t *res, size_t n)
{
	res->status = TTY_READ_DONE;
	res->has_deadline = false;
	res->deadline_ns = 0;
	return n;
}

/* TTY-018 */
static size_t raw_read(tty_ldisc_t *ld, uint8_t *buf, size_t cap, uint64_t start_ns, uint64_t now_ns,
		       tty_read_result_t *res)
{
	size_t vmin = ld->termios.c_cc[VMIN];
	uint64_t vtime_ns = (uint64_t)ld->termios.c_cc[VTIME] * NS_PER_VTIME_UNIT;
	size_t avail = readable_bytes(ld);
	size_t want = vmin < cap ? vmin : cap;

	if (vmin == 0 && vtime_ns == 0)
		return read_done(res, raw_copy(ld, buf, cap));
	if (vtime_ns == 0) {
		if (avail >= want)
			return read_done(res, raw_copy(ld, buf, cap));
		return read_wait(res, false, 0);
	}
	if (vmin == 0) {
		if (avail > 0 || now_ns >= start_ns + vtime_ns)
			return read_done(res, raw_copy(ld, buf, cap));
		return read_wait(res, true, start_ns + vtime_ns);
	}
	if (avail == 0)
		return read_wait(res, false, 0);
	uint64_t from = ld->last_input_ns > start_ns ? ld->last_input_ns : start_ns;
	if (avail >= want || now_ns >= from + vtime_ns)
		return read_done(res, raw_copy(ld, buf, cap));
	return read_wait(res, true, from + vtime_ns);
}

size_t tty_ldisc_read(tty_ldisc_t *ld, uint8_t *buf, size_t cap, uint64_t start_ns, uint64_t now_ns,
		      tty_read_result_t *res)
{
	if (cap == 0)
		return read_done(res, 0);
	if (has_lflag(ld, ICANON)) {
		if (ld->head == ld->commit)
			return read_wait(res, false, 0);
		return read_done(res, canon_read(ld, buf, cap));
	}
	return raw_read(ld, buf, cap, start_ns, now_ns, res);
}

/* ---- termios and ioctls ------------------------------------------------------ */

static void set_termios(tty_ldisc_t *ld, const aegis_termios_t *t)
{
	bool was_canon = has_lflag(ld, ICANON);
	ld->termios = *t;
	bool canon = has_lflag(ld, ICANON);
	if (was_canon && !canon) {
		bool had_edit = ld->commit != ld->tail;
		ld->commit = ld->tail;
		if (had_edit)
			wake_readers(ld);
	} else if (!was_canon && canon) {
		/* TTY-021: bytes after the last completed line become the edit line. */
		size_t end = ld->head;
		for (size_t i = ld->head; i < ld->tail; i++)
			if (ld->meta[slot(i)] & META_DELIM)
				end = i + 1;
		if (ld->tail - end > TTY_LINE_MAX)
			end = ld->tail - TTY_LINE_MAX;
		ld->commit = end;
	}
}

static bool winsize_equal(const aegis_winsize_t *a, const aegis_winsize_t *b)
{
	return a->ws_row == b->ws_row && a->ws_col == b->ws_col && a->ws_xpixel == b->ws_xpixel &&
	       a->ws_ypixel == b->ws_ypixel;
}

static bool ioctl_known(uint32_t cmd)
{
	switch (cmd) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCFLSH:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case TIOCGWINSZ:
	case TIOCSWINSZ:
	case FIONREAD:
		return true;
	default:
		return false;
	}
}

static int ioctl_flush(tty_ldisc_t *ld, int32_t which)
{
	switch (which) {
	case TCIFLUSH:
	case TCIOFLUSH:
		flush_input(ld);
		return 0;
	case TCOFLUSH:
		return 0; /* output is never buffered */
	default:
		return -EINVAL;
	}
}

int tty_ldisc_ioctl(tty_ldisc_t *ld, uint32_t cmd, void *arg)
{
	if (!ioctl_known(cmd))
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	switch (cmd) {
	case TCGETS:
		kmemcpy(arg, &ld->termios, sizeof ld->termios);
		return 0;
	case TCSETSF:
		flush_input(ld);
		/* fall through */
	case TCSETS:
	case TCSETSW: {
		aegis_termios_t t;
		kmemcpy(&t, arg, sizeof t);
		set_termios(ld, &t);
		return 0;
	}
	case TCFLSH: {
		int32_t which;
		kmemcpy(&which, arg, sizeof which);
		return ioctl_flush(ld, which);
	}
	case TIOCGPGRP:
		kmemcpy(arg, &ld->fg_pgrp, sizeof ld->fg_pgrp);
		return 0;
	case TIOCSPGRP: {
		int32_t pgrp;
		kmemcpy(&pgrp, arg, sizeof pgrp);
		if (pgrp <= 0)
			return -EINVAL;
		ld->fg_pgrp = pgrp;
		return 0;
	}
	case TIOCGWINSZ:
		kmemcpy(arg, &ld->winsize, sizeof ld->winsize);
		return 0;
	case TIOCSWINSZ: {
		aegis_winsize_t ws;
		kmemcpy(&ws, arg, sizeof ws);
		if (winsize_equal(&ws, &ld->winsize))
			return 0;
		ld->winsize = ws;
		send_signal(ld, TTY_SIGWINCH);
		return 0;
	}
	default: { /* FIONREAD */
		/* [head, commit) is exactly what a read may return in either mode. */
		int32_t n = (int32_t)readable_bytes(ld);
		kmemcpy(arg, &n, sizeof n);
		return 0;
	}
	}
}

/* ---- init ---------------------------------------------------------------------- */

void tty_ldisc_init(tty_ldisc_t *ld, const tty_ldisc_ops_t *ops)
{
	kmemset(ld, 0, sizeof *ld);
	if (ops)
		ld->ops = *ops;
	aegis_termios_t *t = &ld->termios;
	t->c_iflag = ICRNL | IMAXBEL;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_cc[VINTR] = CC_CTRL('C');
	t->c_cc[VQUIT] = CC_CTRL('\\');
	t->c_cc[VERASE] = ASCII_DEL;
	t->c_cc[VKILL] = CC_CTRL('U');
	t->c_cc[VEOF] = CC_CTRL('D');
	t->c_cc[VTIME] = 0;
	t->c_cc[VMIN] = 1;
	t->c_cc[VSTART] = CC_CTRL('Q');
	t->c_cc[VSTOP] = CC_CTRL('S');
	t->c_cc[VSUSP] = CC_CTRL('Z');
	t->c_cc[VREPRINT] = CC_CTRL('R');
	t->c_cc[VDISCARD] = CC_CTRL('O');
	t->c_cc[VWERASE] = CC_CTRL('W');
	t->c_cc[VLNEXT] = CC_CTRL('V');
}
