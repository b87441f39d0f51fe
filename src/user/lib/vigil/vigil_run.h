/*
 * Vigil library: the `run` file, a command line parsed without a shell
 * (spec/vigil.md VIG-020..025).
 *
 * Grammar (one line; trailing blanks and line breaks ignored):
 *     command := word (blank+ word)*        blank := ' ' | '\t'
 *     word    := part+
 *     part    := '\'' any* '\''             every byte literal
 *              | '"' (dq-escape | any)* '"' \" and \\ only; other \ kept
 *              | '\\' any                   the next byte literal
 *              | plain                      any byte but blank, quote, '\\'
 * Control bytes (below 0x20 except tab, and 0x7f) are errors everywhere.
 *
 * Words are stored back to back, each NUL-terminated, in a fixed buffer with
 * offsets (not pointers), so a vigil_run_t can be copied by value.
 */
#ifndef AEGIS_VIGIL_RUN_H
#define AEGIS_VIGIL_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "vigil/vigil_limits.h"

typedef struct {
	char storage[VIGIL_RUN_MAX];
	uint16_t word_off[VIGIL_ARGV_MAX];
	size_t argc;
	size_t used; /* bytes of storage in use */
} vigil_run_t;

/*
 * Parse len bytes of a run file into *out.  0 on success; -EINVAL (syntax,
 * empty, relative program) or -E2BIG (a bound) with msg filled and *out
 * emptied (argc 0) on failure.
 */
int vigil_run_parse(const char *data, size_t len, vigil_run_t *out, char *msg);

/* Word i (i < argc), NUL-terminated; NULL when i is out of range. */
const char *vigil_run_word(const vigil_run_t *run, size_t i);

/*
 * Fill argv with the argc words and a final NULL (argv must hold
 * VIGIL_ARGV_MAX + 1 entries); returns argc.  The pointers point into run.
 */
size_t vigil_run_argv(vigil_run_t *run, char *argv[VIGIL_ARGV_MAX + 1]);

#endif
