/* The interactive line editor (sh_edit.h): keys, escape sequences and their echo; Tab's rules are sh_complete.c. */
#include "shell/sh_edit.h"

#include <string.h>

#define SH_KEY_CTRL_A 0x01
#define SH_KEY_CTRL_B 0x02
#define SH_KEY_CTRL_C 0x03
#define SH_KEY_CTRL_D 0x04
#define SH_KEY_CTRL_E 0x05
#define SH_KEY_CTRL_F 0x06
#define SH_KEY_BELL 0x07
#define SH_KEY_BS 0x08
#define SH_KEY_TAB 0x09
#define SH_KEY_LF 0x0a
#define SH_KEY_CTRL_K 0x0b
#define SH_KEY_CTRL_L 0x0c
#define SH_KEY_CR 0x0d
#define SH_KEY_CTRL_N 0x0e
#define SH_KEY_CTRL_P 0x10
#define SH_KEY_CTRL_U 0x15
#define SH_KEY_CTRL_W 0x17
#define SH_KEY_ESC 0x1b
#define SH_KEY_DEL 0x7f
#define SH_KEY_PRINT_FIRST 0x20
#define SH_CLEAR_SCREEN "\x1b[H\x1b[2J" /* cursor home, erase the whole screen */

void sh_edit_start(sh_edit_t *ed, const sh_hist_t *hist)
{
	ed->len = 0;
	ed->cursor = 0;
	ed->line[0] = '\0';
	ed->saved[0] = '\0';
	ed->back = 0;
	ed->hist = hist;
	ed->seqlen = 0;
	ed->outlen = 0;
	ed->full = 0;
	ed->prompt = NULL;
	ed->source = NULL;
	ed->tab_many = 0;
}

void sh_edit_options(sh_edit_t *ed, const char *prompt, const sh_complete_src_t *source)
{
	ed->prompt = prompt;
	ed->source = source;
}

static void sh_out(sh_edit_t *ed, const char *s, size_t n)
{
	if (n > sizeof(ed->out) - ed->outlen)
		n = sizeof(ed->out) - ed->outlen;
	memcpy(ed->out + ed->outlen, s, n);
	ed->outlen += n;
}

static void sh_out_repeat(sh_edit_t *ed, char c, size_t n)
{
	while (n-- > 0)
		sh_out(ed, &c, 1);
}

/* Echo line[cursor..len), then `extra` spaces, then go back to the cursor. */
static void sh_redraw_tail(sh_edit_t *ed, size_t extra)
{
	sh_out(ed, ed->line + ed->cursor, ed->len - ed->cursor);
	sh_out_repeat(ed, ' ', extra);
	sh_out_repeat(ed, '\b', ed->len - ed->cursor + extra);
}

static void sh_move_to(sh_edit_t *ed, size_t pos)
{
	if (pos < ed->cursor)
		sh_out_repeat(ed, '\b', ed->cursor - pos);
	else
		sh_out(ed, ed->line + ed->cursor, pos - ed->cursor);
	ed->cursor = pos;
}

/* Insert text[0..n) at the cursor, or ring the bell and change nothing when it does not fit. */
static void sh_insert(sh_edit_t *ed, const char *text, size_t n)
{
	if (n > SH_LINE_MAX - ed->len) {
		ed->full = 1;
		sh_out_repeat(ed, SH_KEY_BELL, 1);
		return;
	}
	memmove(ed->line + ed->cursor + n, ed->line + ed->cursor, ed->len - ed->cursor + 1);
	memcpy(ed->line + ed->cursor, text, n);
	ed->len += n;
	sh_out(ed, text, n);
	ed->cursor += n;
	sh_redraw_tail(ed, 0);
}

/* The prompt and the whole line again, the cursor back where it was (after ^L or a listing). */
static void sh_redraw_all(sh_edit_t *ed)
{
	if (ed->prompt != NULL)
		sh_out(ed, ed->prompt, strlen(ed->prompt));
	sh_out(ed, ed->line, ed->len);
	sh_out_repeat(ed, '\b', ed->len - ed->cursor);
}

/* Remove n bytes starting at the cursor. */
static void sh_erase_at(sh_edit_t *ed, size_t n)
{
	memmove(ed->line + ed->cursor, ed->line + ed->cursor + n, ed->len - ed->cursor - n + 1);
	ed->len -= n;
	sh_redraw_tail(ed, n);
}

static void sh_backspace(sh_edit_t *ed)
{
	if (ed->cursor == 0)
		return;
	sh_move_to(ed, ed->cursor - 1);
	sh_erase_at(ed, 1);
}

/* Erase line[pos..cursor). */
static void sh_erase_back_to(sh_edit_t *ed, size_t pos)
{
	size_t n = ed->cursor - pos;
	sh_move_to(ed, pos);
	sh_erase_at(ed, n);
}

static int sh_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ^W: the blanks before the cursor, then the word before them. */
static void sh_erase_word(sh_edit_t *ed)
{
	size_t pos = ed->cursor;
	while (pos > 0 && sh_blank(ed->line[pos - 1]))
		pos--;
	while (pos > 0 && !sh_blank(ed->line[pos - 1]))
		pos--;
	sh_erase_back_to(ed, pos);
}

/* Tab (SH-100, SH-101): complete the word at the cursor, or list its matches on a second Tab. */
static void sh_complete_key(sh_edit_t *ed)
{
	char add[SH_COMPLETE_NAME_MAX + 2]; /* the rest of a name and its '/' or ' ' */
	size_t have;
	int again = ed->tab_many;
	sh_complete_t *c = &ed->comp;

	ed->tab_many = 0;
	if (ed->source == NULL || !sh_complete_gather(ed->source, ed->line, ed->cursor, c, &have) || c->total == 0)
		return;
	size_t n = c->commonlen - have;
	memcpy(add, c->common + have, n);
	if (c->total == 1)
		add[n++] = c->names[0].dir ? '/' : ' ';
	else
		ed->tab_many = 1;
	if (n > 0) {
		sh_insert(ed, add, n);
	} else if (again) {
		sh_out(ed, "\n", 1);
		ed->outlen += sh_complete_format(c, ed->out + ed->outlen, sizeof(ed->out) - ed->outlen);
		sh_redraw_all(ed);
	}
}

/* Show text instead of the current line, cursor at its end. */
static void sh_replace(sh_edit_t *ed, const char *text)
{
	size_t old = ed->len;
	sh_move_to(ed, 0);
	ed->len = strlen(text);
	memcpy(ed->line, text, ed->len + 1);
	sh_out(ed, ed->line, ed->len);
	ed->cursor = ed->len;
	if (old > ed->len) {
		sh_out_repeat(ed, ' ', old - ed->len);
		sh_out_repeat(ed, '\b', old - ed->len);
	}
}

static void sh_history(sh_edit_t *ed, int older)
{
	if (ed->hist == NULL)
		return;
	if (older) {
		const char *h = sh_hist_get(ed->hist, ed->back);
		if (h == NULL)
			return;
		if (ed->back == 0)
			memcpy(ed->saved, ed->line, ed->len + 1);
		ed->back++;
		sh_replace(ed, h);
	} else if (ed->back > 0) {
		ed->back--;
		sh_replace(ed, ed->back == 0 ? ed->saved : sh_hist_get(ed->hist, ed->back - 1));
	}
}

/* The final byte of an escape sequence: ESC [ A..D, H, F; ESC [ n ~; ESC O H/F. */
static void sh_escape_final(sh_edit_t *ed, char final)
{
	char num = ed->seqlen > 2 ? ed->seq[2] : '\0';

	if (final == '~')
		final = (num == '1' || num == '7') ? 'H' : (num == '4' || num == '8') ? 'F' : num == '3' ? 'X' : '\0';
	switch (final) {
	case 'A':
		sh_history(ed, 1);
		break;
	case 'B':
		sh_history(ed, 0);
		break;
	case 'C':
		if (ed->cursor < ed->len)
			sh_move_to(ed, ed->cursor + 1);
		break;
	case 'D':
		if (ed->cursor > 0)
			sh_move_to(ed, ed->cursor - 1);
		break;
	case 'H':
		sh_move_to(ed, 0);
		break;
	case 'F':
		sh_move_to(ed, ed->len);
		break;
	case 'X':
		if (ed->cursor < ed->len)
			sh_erase_at(ed, 1);
		break;
	default:
		break;
	}
}

/* One byte of an escape sequence in progress; returns 1 when it was consumed. */
static int sh_escape(sh_edit_t *ed, unsigned char byte)
{
	if (ed->seqlen == 0)
		return 0;
	if (ed->seqlen == 1 && byte != '[' && byte != 'O') {
		ed->seqlen = 0; /* ESC then something else: both are dropped */
		return 1;
	}
	if (ed->seqlen < SH_EDIT_SEQ_MAX)
		ed->seq[ed->seqlen++] = (char)byte;
	if (ed->seqlen > 2 && (byte < '0' || byte > '9') && byte != ';') {
		sh_escape_final(ed, (char)byte);
		ed->seqlen = 0;
	}
	return 1;
}

sh_edit_result_t sh_edit_feed(sh_edit_t *ed, unsigned char byte)
{
	ed->outlen = 0;
	if (byte != SH_KEY_TAB)
		ed->tab_many = 0;
	if (sh_escape(ed, byte))
		return SH_EDIT_MORE;
	switch (byte) {
	case SH_KEY_CR:
	case SH_KEY_LF:
		sh_out(ed, "\n", 1);
		return SH_EDIT_DONE;
	case SH_KEY_CTRL_C:
		sh_out(ed, "^C\n", 3);
		ed->len = 0;
		ed->cursor = 0;
		ed->line[0] = '\0';
		return SH_EDIT_CANCEL;
	case SH_KEY_CTRL_D:
		if (ed->len == 0)
			return SH_EDIT_EOF;
		if (ed->cursor < ed->len)
			sh_erase_at(ed, 1);
		break;
	case SH_KEY_ESC:
		ed->seq[0] = (char)byte;
		ed->seqlen = 1;
		break;
	case SH_KEY_DEL:
	case SH_KEY_BS:
		sh_backspace(ed);
		break;
	case SH_KEY_CTRL_A:
		sh_move_to(ed, 0);
		break;
	case SH_KEY_CTRL_E:
		sh_move_to(ed, ed->len);
		break;
	case SH_KEY_CTRL_B:
		sh_escape_final(ed, 'D');
		break;
	case SH_KEY_CTRL_F:
		sh_escape_final(ed, 'C');
		break;
	case SH_KEY_CTRL_P:
		sh_history(ed, 1);
		break;
	case SH_KEY_CTRL_N:
		sh_history(ed, 0);
		break;
	case SH_KEY_CTRL_U:
		sh_erase_back_to(ed, 0);
		break;
	case SH_KEY_CTRL_W:
		sh_erase_word(ed);
		break;
	case SH_KEY_CTRL_L:
		sh_out(ed, SH_CLEAR_SCREEN, strlen(SH_CLEAR_SCREEN));
		sh_redraw_all(ed);
		break;
	case SH_KEY_TAB:
		sh_complete_key(ed);
		break;
	case SH_KEY_CTRL_K:
		if (ed->cursor < ed->len)
			sh_erase_at(ed, ed->len - ed->cursor);
		break;
	default:
		if (byte >= SH_KEY_PRINT_FIRST)
			sh_insert(ed, (const char *)&byte, 1);
		break;
	}
	return SH_EDIT_MORE;
}
