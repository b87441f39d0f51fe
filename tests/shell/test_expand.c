/* Word expansion and the variable table (spec/shell.md SH-020..SH-024, SH-040..SH-044). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>

#include "shell/sh_expand.h"
#include "shell/sh_vars.h"

static sh_vars_t vars;

static const char *lookup(void *ctx, const char *name, size_t len)
{
	if (len == 1 && name[0] == '?')
		return "7";
	if (len == 1 && name[0] == '$')
		return "42";
	if (len == 1 && name[0] == '#')
		return "2";
	if (len == 1 && name[0] == '0')
		return "stsh";
	return sh_vars_get(&vars, name, len);
}

static char out[64];
static sh_error_t err;

static long expand(const char *w)
{
	return sh_expand(w, strlen(w), lookup, NULL, out, sizeof(out), &err);
}

static void expect(const char *w, const char *want)
{
	assert_int_equal(expand(w), (long)strlen(want));
	assert_string_equal(out, want);
}

static int setup(void **state)
{
	sh_vars_init(&vars);
	assert_int_equal(sh_vars_set(&vars, "HOME", 4, "/root", true), 0);
	assert_int_equal(sh_vars_set(&vars, "A_1", 3, "x y", false), 0);
	return 0;
}

static int teardown(void **state)
{
	sh_vars_free(&vars);
	return 0;
}

/* SH-002, SH-020: quote removal. */
static void test_sh_020_quote_removal(void **state)
{
	expect("plain", "plain");
	expect("'a $HOME b'", "a $HOME b");
	expect("\"a $HOME\"", "a /root");
	expect("a\\ b\\$HOME", "a b$HOME");
	expect("\"q\\\"\\$\\\\\\x\"", "q\"$\\\\x");
	expect("''\"\"", "");
	expect("'it'\\''s'", "it's");
}

/* SH-021: $NAME and ${NAME}; unset is empty; a lone $ stays. */
static void test_sh_021_variables(void **state)
{
	expect("$HOME/x", "/root/x");
	expect("${HOME}x", "/rootx");
	expect("$A_1", "x y");
	expect("$HOMEx", "");
	expect("[$UNSET]", "[]");
	expect("$", "$");
	expect("a$-b", "a$-b");
	expect("\"$\"", "$");
}

/* SH-022: special parameters. */
static void test_sh_022_special(void **state)
{
	expect("$?", "7");
	expect("$$", "42");
	expect("$#", "2");
	expect("$0:${?}", "stsh:7");
	expect("$1", "");
}

/* SH-023: bad substitutions. */
static void test_sh_023_bad_substitution(void **state)
{
	assert_int_equal(expand("${}"), -EINVAL);
	assert_non_null(strstr(err.msg, "bad substitution"));
	assert_int_equal(expand("${1a}"), -EINVAL);
	assert_int_equal(expand("${a b}"), -EINVAL);
	assert_int_equal(expand("${HOME"), -EINVAL);
	assert_int_equal(expand("'open"), -EINVAL);
	assert_int_equal(expand("\"open"), -EINVAL);
}

/* SH-024: the result must fit. */
static void test_sh_024_too_long(void **state)
{
	char big[sizeof(out) + 8];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(expand(big), -E2BIG);
	assert_non_null(strstr(err.msg, "word too long"));
	for (int i = 0; i < 20; i++)
		assert_int_equal(sh_vars_set(&vars, "LONG", 4, "0123456789", false), 0);
	assert_int_equal(expand("$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME$HOME"), -E2BIG);
}

/* SH-040..SH-043: the table, export marks and the environment. */
static void test_sh_040_vars(void **state)
{
	char *envp[SH_VARS_MAX + 1];
	char *init[] = { "PATH=/bin", "junk", "USER=root", NULL };
	sh_vars_t v;

	sh_vars_init(&v);
	sh_vars_import(&v, init);
	assert_string_equal(sh_vars_get(&v, "PATH", 4), "/bin");
	assert_null(sh_vars_get(&v, "junk", 4));
	assert_int_equal(sh_vars_set(&v, "LOCAL", 5, "1", false), 0);
	assert_int_equal(sh_vars_environ(&v, envp, SH_VARS_MAX + 1), 2);
	assert_int_equal(sh_vars_export(&v, "LOCAL", 5), 0);
	assert_int_equal(sh_vars_export(&v, "NEW", 3), 0);
	assert_string_equal(sh_vars_get(&v, "NEW", 3), "");
	assert_int_equal(sh_vars_environ(&v, envp, SH_VARS_MAX + 1), 4);
	assert_int_equal(sh_vars_set(&v, "PATH", 4, "/x", false), 0);
	assert_int_equal(sh_vars_environ(&v, envp, SH_VARS_MAX + 1), 4);
	assert_int_equal(sh_vars_set(&v, "1x", 2, "v", true), -EINVAL);
	assert_int_equal(sh_vars_unset(&v, "b-d", 3), -EINVAL);
	assert_int_equal(sh_vars_unset(&v, "PATH", 4), 0);
	assert_null(sh_vars_get(&v, "PATH", 4));
	assert_int_equal(sh_vars_unset(&v, "PATH", 4), 0);
	assert_int_equal(sh_vars_environ(&v, envp, 2), 1);
	assert_null(envp[1]);
	sh_vars_free(&v);
	sh_vars_init(&v);
	char name[16];
	for (int i = 0; i < SH_VARS_MAX; i++) {
		snprintf(name, sizeof(name), "V%d", i);
		assert_int_equal(sh_vars_set(&v, name, strlen(name), "x", false), 0);
	}
	assert_int_equal(sh_vars_set(&v, "MORE", 4, "x", false), -ENOSPC);
	assert_int_equal(sh_vars_set(&v, "V0", 2, "y", false), 0);
	sh_vars_free(&v);
}

/* SH-044: assignment words are names then '='. */
static void test_sh_044_names(void **state)
{
	assert_true(sh_name_valid("_a1", 3));
	assert_false(sh_name_valid("1a", 2));
	assert_false(sh_name_valid("", 0));
	assert_false(sh_name_valid("a-b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_020_quote_removal), cmocka_unit_test(test_sh_021_variables),
		cmocka_unit_test(test_sh_022_special),	     cmocka_unit_test(test_sh_023_bad_substitution),
		cmocka_unit_test(test_sh_024_too_long),	     cmocka_unit_test(test_sh_040_vars),
		cmocka_unit_test(test_sh_044_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
