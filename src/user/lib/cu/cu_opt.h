/*
 * Command-line options for the tools (spec/coreutils.md CU-004), as GNU tools
 * read them: short options clustered (`-la`), an option's argument attached
 * or next (`-n5`, `-n 5`), options and operands in any order (`ls dir -l`),
 * `--` ends the options, and a lone `-` is an operand.  Long options are
 * handed over whole for the tool to recognise.  With CU_OPT_FIRST_OPERAND
 * the options end at the first operand (env, kill, nice-style tools whose
 * operands are a command line).
 *
 * The parser never prints: an unknown option or a missing argument comes
 * back as a result the tool reports with cu_opt_complain.
 */
#ifndef AEGIS_CU_OPT_H
#define AEGIS_CU_OPT_H

#define CU_OPT_FIRST_OPERAND 1u

/* Results of cu_opt_parse besides the operand count. */
#define CU_OPT_UNKNOWN (-1)     /* an option not in spec */
#define CU_OPT_NEEDS_ARG (-2)   /* an option that takes an argument had none */
#define CU_OPT_REFUSED (-3)     /* the tool's callback refused an option */

/* The option character a long option is handed over with (its text in arg, e.g. "--all" or "--width=5"). */
#define CU_OPT_LONG '-'

/*
 * Called once per option in command-line order: opt is the option character
 * (or CU_OPT_LONG), arg its argument or NULL.  Returns 0, or non-zero to stop
 * parsing with CU_OPT_REFUSED (the callback has then said why).
 */
typedef int (*cu_opt_fn)(void *ctx, int opt, const char *arg);

typedef struct {
	int bad_opt;         /* the option character behind CU_OPT_UNKNOWN or CU_OPT_NEEDS_ARG */
	const char *bad_arg; /* the word it came in */
} cu_opt_error_t;

/*
 * Parse argv[1..argc-1] against spec ("ln:" = -l, and -n with an argument).
 * On success the operands are moved, in order, to argv[1..n], argv[n+1] is
 * NULL and n is returned; otherwise a CU_OPT_* result with err filled in.
 */
int cu_opt_parse(int argc, char **argv, const char *spec, unsigned flags, cu_opt_fn fn, void *ctx,
		 cu_opt_error_t *err);

/* Report a parse failure the usual way: "prog: invalid option -- 'x'" and so on. */
void cu_opt_complain(const char *prog, int result, const cu_opt_error_t *err);

#endif
