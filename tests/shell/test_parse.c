/* The shell's lexer and parser (spec/shell.md SH-001..SH-013, SH-090), including malformed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>

#include "shell/sh_parse.h"

static sh_program_t prog;
static sh_error_t err;

static long parse(const char *line)
{
	memset(&err, 0, sizeof(err));
	return sh_parse(line, strlen(line), &prog, &err);
}

static void expect_word(const char *line, size_t pipe, size_t cmd, size_t w, const char *want)
{
	size_t len;
	const char *s = sh_token_bytes(&prog, line, prog.pipe[pipe].cmd[cmd].word[w], &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

static void expect_syntax(const char *line, const char *msg)
{
	assert_int_equal(parse(line), -EINVAL);
	assert_non_null(strstr(err.msg, msg));
}

/* SH-001: blanks separate words; '#' at a word's start is a comment. */
static void test_sh_001_words_and_comments(void **state)
{
	const char *l = "  echo\ta  b # not this";
	assert_int_equal(parse(l), 0);
	assert_int_equal(prog.npipe, 1);
	assert_int_equal(prog.pipe[0].cmd[0].nwords, 3);
	expect_word(l, 0, 0, 2, "b");
	const char *l2 = "echo a#b";
	assert_int_equal(parse(l2), 0);
	expect_word(l2, 0, 0, 1, "a#b");
	assert_int_equal(parse("   # only a comment"), 0);
	assert_int_equal(prog.npipe, 0);
	assert_int_equal(parse(""), 0);
	assert_int_equal(prog.npipe, 0);
}

/* SH-002: quotes keep blanks and operators inside one word. */
static void test_sh_002_quotes_keep_words(void **state)
{
	const char *l = "echo 'a | b' \"c ; $d\" e\\ f";
	assert_int_equal(parse(l), 0);
	assert_int_equal(prog.pipe[0].cmd[0].nwords, 4);
	expect_word(l, 0, 0, 1, "'a | b'");
	expect_word(l, 0, 0, 2, "\"c ; $d\"");
	expect_word(l, 0, 0, 3, "e\\ f");
	const char *l2 = "echo \"a\\\"b\"";
	assert_int_equal(parse(l2), 0);
	expect_word(l2, 0, 0, 1, "\"a\\\"b\"");
}

/* SH-003, SH-010: operators without blanks; pipelines and lists. */
static void test_sh_003_operators(void **state)
{
	const char *l = "a|b&&c||d;e&f";
	assert_int_equal(parse(l), 0);
	assert_int_equal(prog.npipe, 5);
	assert_int_equal(prog.pipe[0].ncmd, 2);
	assert_int_equal(prog.pipe[0].next, SH_NEXT_AND);
	assert_int_equal(prog.pipe[1].next, SH_NEXT_OR);
	assert_int_equal(prog.pipe[2].next, SH_NEXT_SEQ);
	assert_int_equal(prog.pipe[3].next, SH_NEXT_BG);
	assert_int_equal(prog.pipe[4].next, SH_NEXT_SEQ);
	expect_word(l, 0, 1, 0, "b");
	assert_int_equal(parse("a &"), 0);
	assert_int_equal(prog.npipe, 1);
	assert_int_equal(prog.pipe[0].next, SH_NEXT_BG);
	assert_int_equal(parse("a ;"), 0);
	assert_int_equal(prog.npipe, 1);
}

/* SH-004, SH-012: redirections, io numbers, >& */
static void test_sh_012_redirections(void **state)
{
	const char *l = "cmd <in >out 2>>log 2>&1 x>y";
	assert_int_equal(parse(l), 0);
	const sh_cmd_t *c = &prog.pipe[0].cmd[0];
	assert_int_equal(c->nwords, 2);
	expect_word(l, 0, 0, 1, "x");
	assert_int_equal(c->nredir, 5);
	assert_int_equal(c->redir[0].kind, SH_REDIR_IN);
	assert_int_equal(c->redir[0].fd, 0);
	assert_int_equal(c->redir[1].kind, SH_REDIR_OUT);
	assert_int_equal(c->redir[1].fd, 1);
	assert_int_equal(c->redir[2].kind, SH_REDIR_APPEND);
	assert_int_equal(c->redir[2].fd, 2);
	assert_int_equal(c->redir[3].kind, SH_REDIR_DUP);
	assert_int_equal(c->redir[3].fd, 2);
	assert_int_equal(c->redir[3].dup_fd, 1);
	assert_int_equal(c->redir[4].fd, 1);
	assert_int_equal(parse(">only"), 0);
	assert_int_equal(prog.pipe[0].cmd[0].nwords, 0);
	assert_int_equal(parse("a 12>x"), -E2BIG);
	assert_non_null(strstr(err.msg, "above 9"));
}

/* SH-005: what can never be a word. */
static void test_sh_005_malformed_words(void **state)
{
	expect_syntax("echo 'abc", "unterminated single quote");
	expect_syntax("echo \"abc", "unterminated double quote");
	expect_syntax("echo \"a\\\"", "unterminated double quote");
	expect_syntax("echo ${HOME", "unterminated ${");
	expect_syntax("echo a\\", "backslash at the end");
	char nul[] = "echo a\0b";
	assert_int_equal(sh_parse(nul, sizeof(nul) - 1, &prog, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "NUL"));
}

/* SH-011, SH-013: operators where a command must start. */
static void test_sh_011_misplaced_operators(void **state)
{
	expect_syntax("| echo x", "syntax error: unexpected '|'");
	expect_syntax("; echo x", "unexpected ';'");
	expect_syntax("a && || b", "unexpected '||'");
	expect_syntax("a |", "unexpected end of line after '|'");
	expect_syntax("a &&", "unexpected end of line after '&&'");
	expect_syntax("a ||", "after '||'");
	expect_syntax("a ; ; b", "unexpected ';'");
	expect_syntax("a | | b", "unexpected '|'");
	expect_syntax("& a", "unexpected '&'");
}

/* SH-012: a redirection needs its target. */
static void test_sh_012_missing_target(void **state)
{
	expect_syntax("echo >", "missing file name after '>'");
	expect_syntax("echo < ;", "missing file name after '<'");
	expect_syntax("echo >> | x", "missing file name after '>>'");
	expect_syntax("echo 2>&", "missing descriptor after '>&'");
	expect_syntax("echo 2>&x", "needs a descriptor number");
	expect_syntax("echo 2>&10", "needs a descriptor number");
}

/* SH-090: every bound is reported by name. */
static void test_sh_090_bounds(void **state)
{
	char line[SH_LINE_MAX * 4];
	size_t n = 0;

	for (int i = 0; i < SH_WORDS_MAX + 1; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "w ");
	assert_int_equal(sh_parse(line, n, &prog, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "too many words in one command (at most 64)"));
	n = 0;
	for (int i = 0; i < SH_PIPE_MAX + 1; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%sa", i ? "|" : "");
	assert_int_equal(sh_parse(line, n, &prog, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "too many commands in one pipeline (at most 8)"));
	n = 0;
	for (int i = 0; i < SH_LIST_MAX + 1; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "a;");
	assert_int_equal(sh_parse(line, n, &prog, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "too many pipelines in one line (at most 16)"));
	n = 0;
	for (int i = 0; i < SH_REDIRS_MAX + 1; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, ">f ");
	assert_int_equal(sh_parse(line, n, &prog, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "too many redirections"));
	n = 0;
	for (int i = 0; i < SH_TOKENS_MAX + 1; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, ";");
	assert_int_equal(sh_parse(line, n, &prog, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "too many words and operators"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_001_words_and_comments), cmocka_unit_test(test_sh_002_quotes_keep_words),
		cmocka_unit_test(test_sh_003_operators),	  cmocka_unit_test(test_sh_012_redirections),
		cmocka_unit_test(test_sh_005_malformed_words),	  cmocka_unit_test(test_sh_011_misplaced_operators),
		cmocka_unit_test(test_sh_012_missing_target),	  cmocka_unit_test(test_sh_090_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
