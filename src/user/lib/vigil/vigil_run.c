/*
 * Vigil library: the `run` command-line parser (spec/vigil.md VIG-020..025).
 *
 * One pass over the bytes with an explicit cursor; every byte is checked
 * against the end before it is read and every store against the storage
 * bound, and the first problem stops the parse with its column (1-based).
 */
#include <string.h>

#include <aegis/errno.h>

#include "vigil/vigil_msg.h"
#include "vigil/vigil_run.h"
#include "vigil/vigil_words.h"

typedef struct {
	const char *data;
	size_t end;        /* bytes that count (trailing blanks cut) */
	size_t pos;
	vigil_run_t *out;
	char *msg;
} run_cursor_t;

static int run_fail(run_cursor_t *c, int err)
{
	c->out->argc = 0;
	c->out->used = 0;
	c->out->storage[0] = '\0';
	return err;
}

/* Check a byte that will become part of a word. */
static int run_check_byte(run_cursor_t *c, size_t at)
{
	unsigned char b = (unsigned char)c->data[at];

	if (b == '\n' || b == '\r') {
		vigil_msg_set(c->msg, "run must be one line (line break at column %zu)", at + 1);
		return -EINVAL;
	}
	if (vigil_is_bad_control(b)) {
		vigil_msg_set(c->msg, "control byte 0x%02x at column %zu", b, at + 1);
		return -EINVAL;
	}
	return 0;
}

static int run_store(run_cursor_t *c, char b)
{
	if (c->out->used >= VIGIL_RUN_MAX) {
		vigil_msg_set(c->msg, "words take more than %d bytes", VIGIL_RUN_MAX);
		return -E2BIG;
	}
	c->out->storage[c->out->used++] = b;
	return 0;
}

/* Copy one byte at c->pos (checked) into the word and advance. */
static int run_take(run_cursor_t *c)
{
	int err = run_check_byte(c, c->pos);
	if (err == 0)
		err = run_store(c, c->data[c->pos]);
	c->pos++;
	return err;
}

static int run_single_quoted(run_cursor_t *c)
{
	size_t open = c->pos++;

	while (c->pos < c->end && c->data[c->pos] != '\'') {
		int err = run_take(c);
		if (err != 0)
			return err;
	}
	if (c->pos >= c->end) {
		vigil_msg_set(c->msg, "unterminated single quote opened at column %zu", open + 1);
		return -EINVAL;
	}
	c->pos++;
	return 0;
}

static int run_double_quoted(run_cursor_t *c)
{
	size_t open = c->pos++;

	while (c->pos < c->end && c->data[c->pos] != '"') {
		if (c->data[c->pos] == '\\' && c->pos + 1 < c->end &&
		    (c->data[c->pos + 1] == '"' || c->data[c->pos + 1] == '\\'))
			c->pos++;
		int err = run_take(c);
		if (err != 0)
			return err;
	}
	if (c->pos >= c->end) {
		vigil_msg_set(c->msg, "unterminated double quote opened at column %zu", open + 1);
		return -EINVAL;
	}
	c->pos++;
	return 0;
}

static int run_escaped(run_cursor_t *c)
{
	if (c->pos + 1 >= c->end) {
		vigil_msg_set(c->msg, "backslash at end of command (column %zu)", c->pos + 1);
		return -EINVAL;
	}
	c->pos++;
	return run_take(c);
}

static bool run_is_word_blank(char b)
{
	return b == ' ' || b == '\t';
}

static int run_word(run_cursor_t *c)
{
	vigil_run_t *out = c->out;
	int err = 0;

	if (out->argc >= VIGIL_ARGV_MAX) {
		vigil_msg_set(c->msg, "more than %d words", VIGIL_ARGV_MAX);
		return -E2BIG;
	}
	out->word_off[out->argc] = (uint16_t)out->used;
	while (err == 0 && c->pos < c->end && !run_is_word_blank(c->data[c->pos])) {
		char b = c->data[c->pos];
		if (b == '\'')
			err = run_single_quoted(c);
		else if (b == '"')
			err = run_double_quoted(c);
		else if (b == '\\')
			err = run_escaped(c);
		else
			err = run_take(c);
	}
	if (err == 0)
		err = run_store(c, '\0');
	if (err == 0)
		out->argc++;
	return err;
}

int vigil_run_parse(const char *data, size_t len, vigil_run_t *out, char *msg)
{
	run_cursor_t c = { .data = data, .end = data == NULL ? 0 : len, .pos = 0, .out = out, .msg = msg };

	out->argc = 0;
	out->used = 0;
	int size_err = vigil_file_check_size(len, msg);
	if (size_err != 0)
		return run_fail(&c, size_err);
	while (c.end > 0 && vigil_is_blank((unsigned char)data[c.end - 1]))
		c.end--;
	while (c.pos < c.end) {
		if (run_is_word_blank(data[c.pos])) {
			c.pos++;
			continue;
		}
		int err = run_word(&c);
		if (err != 0)
			return run_fail(&c, err);
	}
	if (out->argc == 0) {
		vigil_msg_set(msg, "run is empty");
		return run_fail(&c, -EINVAL);
	}
	if (out->storage[out->word_off[0]] != '/') {
		vigil_msg_set(msg, "program must be an absolute path");
		return run_fail(&c, -EINVAL);
	}
	return 0;
}

const char *vigil_run_word(const vigil_run_t *run, size_t i)
{
	if (i >= run->argc)
		return NULL;
	return run->storage + run->word_off[i];
}

size_t vigil_run_argv(vigil_run_t *run, char *argv[VIGIL_ARGV_MAX + 1])
{
	size_t n = run->argc <= VIGIL_ARGV_MAX ? run->argc : 0;

	for (size_t i = 0; i < n; i++)
		argv[i] = run->storage + run->word_off[i];
	argv[n] = NULL;
	return n;
}
