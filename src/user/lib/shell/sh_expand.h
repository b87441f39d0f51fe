/*
 * Word expansion (spec/shell.md SH-020..SH-027): one word as the lexer kept
 * it into the argument it stands for.  Quotes and backslashes are removed;
 * $NAME, ${NAME}, $?, $$, $#, $0..$9 are replaced by their values outside
 * single quotes.  A word is always one argument: values are not split at
 * blanks and not matched against file names.
 */
#ifndef AEGIS_SH_EXPAND_H
#define AEGIS_SH_EXPAND_H

#include <stddef.h>

#include "shell/sh_error.h"

/* A parameter's value by name ("HOME", "?", "$", "#", "0".."9"); NULL when unset (expands to nothing). */
typedef const char *(*sh_lookup_fn)(void *ctx, const char *name, size_t len);

/*
 * Expand src[0..len) into out (cap bytes, NUL-terminated).  Returns the
 * length without the NUL; -E2BIG when the result does not fit, -EINVAL for a
 * bad ${...} (empty or not a name), with err's message.
 */
long sh_expand(const char *src, size_t len, sh_lookup_fn lookup, void *ctx, char *out, size_t cap, sh_error_t *err);

/* Whether s[0..len) is a variable name: a letter or '_' first, then letters, digits and '_'. */
int sh_name_valid(const char *s, size_t len);

#endif
