/*
 * /bin/echo: print the operands separated by spaces and ended by a newline,
 * like GNU echo (spec/coreutils.md CU-401).  Leading words made only of
 * -n, -e, -E letters are options (-n: no newline, -e: escapes, -E: none,
 * the default); any other word, `--` included, is printed.  A lone
 * --help prints the usage.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "echo_escape.h"

typedef struct {
	bool newline;
	bool escapes;
} echo_opts_t;

/* Is word an option word (-n, -e, -E clustered), and if so apply it. */
static bool echo_option(const char *word, echo_opts_t *o)
{
	if (word[0] != '-' || word[1] == '\0' || word[strspn(word + 1, "neE") + 1] != '\0')
		return false;
	for (const char *c = word + 1; *c; c++) {
		if (*c == 'n')
			o->newline = false;
		else
			o->escapes = *c == 'e';
	}
	return true;
}

int main(int argc, char **argv)
{
	echo_opts_t o = { .newline = true, .escapes = false };
	cu_out_t out;
	int i = 1;

	cu_out_init(&out, CU_STDOUT);
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		cu_out_str(&out, "Usage: echo [-neE] [STRING]...\n");
		return cu_finish(&out, "echo", CU_EXIT_OK);
	}
	while (i < argc && echo_option(argv[i], &o))
		i++;
	for (bool first = true; i < argc; i++, first = false) {
		if (!first)
			cu_out_char(&out, ' ');
		if (!o.escapes) {
			cu_out_str(&out, argv[i]);
		} else if (!echo_escape_write(&out, argv[i])) {
			o.newline = false; /* \c: nothing more at all */
			break;
		}
	}
	if (o.newline)
		cu_out_char(&out, '\n');
	return cu_finish(&out, "echo", CU_EXIT_OK);
}
