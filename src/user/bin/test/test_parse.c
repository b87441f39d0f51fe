/*
 * test's parser (spec/coreutils.md CU-414): POSIX's rules by operand count
 * for up to four operands, the full grammar beyond (or: and [-o and]...,
 * and: term [-a term]..., term: [!]... ( EXPR ) | UNOP ARG | ARG BINOP ARG
 * | ARG), with GNU's messages: `missing argument after 'x'`, `'x': unary
 * operator expected`, `'x': binary operator expected`, `')' expected`,
 * `extra argument 'x'`, `invalid integer 'x'`.  A syntax error longjmps
 * back to test_evaluate, which returns TEST_ERROR.
 */
#include <setjmp.h>
#include <string.h>

#include "cu/cu_msg.h"
#include "test_expr.h"

#define TEST_GROUP_LOOKAHEAD 4 /* operands inside ( ) handed to the POSIX rules */

typedef struct {
	const char *prog;
	char **argv;
	int argc;
	int pos;
	jmp_buf fail;
} test_parser_t;

static bool test_posix(test_parser_t *t, int nargs);
static bool test_or(test_parser_t *t);

static void test_syntax(test_parser_t *t, const char *fmt, const char *word)
{
	cu_msg(t->prog, fmt, word);
	longjmp(t->fail, 1);
}

static void test_beyond(test_parser_t *t)
{
	test_syntax(t, "missing argument after '%s'", t->argv[t->argc - 1]);
}

static void test_advance(test_parser_t *t, bool need_more)
{
	t->pos++;
	if (need_more && t->pos >= t->argc)
		test_beyond(t);
}

static bool test_is(test_parser_t *t, int at, const char *word)
{
	return at < t->argc && strcmp(t->argv[at], word) == 0;
}

static bool test_binary_at(test_parser_t *t)
{
	const char *bad;
	bool v = test_binary(t->argv[t->pos], t->argv[t->pos + 1], t->argv[t->pos + 2], &bad);
	if (bad)
		test_syntax(t, "invalid integer '%s'", bad);
	t->pos += 3;
	return v;
}

static bool test_unary_at(test_parser_t *t)
{
	const char *op = t->argv[t->pos];
	test_advance(t, true);
	bool v = test_unary(op, t->argv[t->pos]);
	t->pos++;
	return v;
}

static bool test_one(test_parser_t *t)
{
	return t->argv[t->pos++][0] != '\0';
}

static bool test_dash_word(const char *w)
{
	return w[0] == '-' && w[1] != '\0' && w[2] == '\0';
}

static bool test_two(test_parser_t *t)
{
	const char *w = t->argv[t->pos];
	if (strcmp(w, "!") == 0) {
		test_advance(t, true);
		return !test_one(t);
	}
	if (test_dash_word(w)) {
		if (!test_is_unary(w))
			test_syntax(t, "'%s': unary operator expected", w);
		return test_unary_at(t);
	}
	test_beyond(t);
	return false;
}

static bool test_three(test_parser_t *t)
{
	if (test_is_binary(t->argv[t->pos + 1]))
		return test_binary_at(t);
	if (test_is(t, t->pos, "!")) {
		test_advance(t, true);
		return !test_two(t);
	}
	if (test_is(t, t->pos, "(") && test_is(t, t->pos + 2, ")")) {
		t->pos++;
		bool v = test_one(t);
		t->pos++;
		return v;
	}
	if (test_is(t, t->pos + 1, "-a") || test_is(t, t->pos + 1, "-o"))
		return test_or(t);
	test_syntax(t, "'%s': binary operator expected", t->argv[t->pos + 1]);
	return false;
}

static bool test_term(test_parser_t *t)
{
	bool invert = false, v;
	if (t->pos >= t->argc)
		test_beyond(t);
	while (test_is(t, t->pos, "!")) {
		test_advance(t, true);
		invert = !invert;
	}
	const char *w = t->argv[t->pos];
	if (strcmp(w, "(") == 0) {
		int nargs = 1;
		test_advance(t, true);
		while (t->pos + nargs < t->argc && !test_is(t, t->pos + nargs, ")"))
			if (++nargs > TEST_GROUP_LOOKAHEAD) {
				nargs = t->argc - t->pos;
				break;
			}
		v = test_posix(t, nargs);
		if (t->pos >= t->argc)
			test_syntax(t, "'%s' expected", ")");
		if (!test_is(t, t->pos, ")"))
			test_syntax(t, "')' expected, found '%s'", t->argv[t->pos]);
		t->pos++;
	} else if (t->argc - t->pos >= 3 && test_is_binary(t->argv[t->pos + 1])) {
		v = test_binary_at(t);
	} else if (test_dash_word(w) && test_is_unary(w)) {
		v = test_unary_at(t);
	} else {
		v = test_one(t);
	}
	return v != invert;
}

static bool test_and(test_parser_t *t)
{
	bool v = test_term(t);
	while (test_is(t, t->pos, "-a")) {
		t->pos++;
		v = test_term(t) && v;
	}
	return v;
}

static bool test_or(test_parser_t *t)
{
	bool v = test_and(t);
	while (test_is(t, t->pos, "-o")) {
		t->pos++;
		v = test_and(t) || v;
	}
	return v;
}

static bool test_posix(test_parser_t *t, int nargs)
{
	switch (nargs) {
	case 1:
		return test_one(t);
	case 2:
		return test_two(t);
	case 3:
		return test_three(t);
	case 4:
		if (test_is(t, t->pos, "!")) {
			t->pos++;
			return !test_three(t);
		}
		if (test_is(t, t->pos, "(") && test_is(t, t->pos + 3, ")")) {
			t->pos++;
			bool v = test_two(t);
			t->pos++;
			return v;
		}
		return test_or(t);
	default:
		if (t->pos >= t->argc)
			test_beyond(t);
		return test_or(t);
	}
}

int test_evaluate(const char *prog, int argc, char **argv)
{
	static test_parser_t t; /* static: setjmp must not clobber what longjmp returns to */
	t.prog = prog;
	t.argv = argv;
	t.argc = argc;
	t.pos = 0;
	if (argc == 0)
		return TEST_FALSE;
	if (setjmp(t.fail))
		return TEST_ERROR;
	bool v = test_posix(&t, argc);
	if (t.pos != t.argc)
		test_syntax(&t, "extra argument '%s'", t.argv[t.pos]);
	return v ? TEST_TRUE : TEST_FALSE;
}
