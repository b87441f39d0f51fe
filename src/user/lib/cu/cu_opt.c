/*
 * The option parser (see cu_opt.h).
 */
#include "cu/cu_opt.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cu/cu_msg.h"

/* Does spec name opt, and does it take an argument? */
static bool cu_opt_lookup(const char *spec, int opt, bool *takes_arg)
{
	for (const char *s = spec; *s; s++) {
		if (*s == ':')
			continue;
		if (*s == opt) {
			*takes_arg = s[1] == ':';
			return true;
		}
	}
	return false;
}

static int cu_opt_fail(cu_opt_error_t *err, int result, int opt, const char *word)
{
	err->bad_opt = opt;
	err->bad_arg = word;
	return result;
}

/* One word of short options starting at argv[*i]; may consume the next word as an argument. */
static int cu_opt_cluster(int argc, char **argv, int *i, const char *spec, cu_opt_fn fn, void *ctx,
			  cu_opt_error_t *err)
{
	const char *word = argv[*i];

	for (const char *c = word + 1; *c; c++) {
		bool takes_arg = false;
		if (!cu_opt_lookup(spec, *c, &takes_arg))
			return cu_opt_fail(err, CU_OPT_UNKNOWN, *c, word);
		const char *arg = NULL;
		if (takes_arg) {
			if (c[1])
				arg = c + 1;
			else if (*i + 1 < argc)
				arg = argv[++*i];
			else
				return cu_opt_fail(err, CU_OPT_NEEDS_ARG, *c, word);
		}
		if (fn(ctx, *c, arg) != 0)
			return cu_opt_fail(err, CU_OPT_REFUSED, *c, word);
		if (takes_arg)
			break;
	}
	return 0;
}

int cu_opt_parse(int argc, char **argv, const char *spec, unsigned flags, cu_opt_fn fn, void *ctx,
		 cu_opt_error_t *err)
{
	int operands = 0;
	bool options_over = false;

	err->bad_opt = 0;
	err->bad_arg = NULL;
	for (int i = 1; i < argc; i++) {
		char *word = argv[i];
		bool is_option = !options_over && word[0] == '-' && word[1] != '\0';
		if (is_option && strcmp(word, "--") == 0) {
			options_over = true;
			continue;
		}
		if (!is_option) {
			argv[1 + operands++] = word; /* 1 + operands <= i: nothing unread is overwritten */
			if (flags & CU_OPT_FIRST_OPERAND)
				options_over = true;
			continue;
		}
		int r;
		if (word[1] == '-')
			r = fn(ctx, CU_OPT_LONG, word) != 0 ? cu_opt_fail(err, CU_OPT_REFUSED, CU_OPT_LONG, word) : 0;
		else
			r = cu_opt_cluster(argc, argv, &i, spec, fn, ctx, err);
		if (r < 0)
			return r;
	}
	argv[1 + operands] = NULL;
	return operands;
}

void cu_opt_complain(const char *prog, int result, const cu_opt_error_t *err)
{
	if (result == CU_OPT_UNKNOWN)
		cu_msg(prog, "invalid option -- '%c'", err->bad_opt);
	else if (result == CU_OPT_NEEDS_ARG)
		cu_msg(prog, "option requires an argument -- '%c'", err->bad_opt);
}
