/*
 * Names of password-hash schemes this library recognises but does not
 * implement, so a refusal can say what it refused: "$y$" is yescrypt,
 * "$2b$" bcrypt, a 13-character string traditional DES, and so on.
 */
#ifndef LIBAUTH_SCHEME_NAME_H
#define LIBAUTH_SCHEME_NAME_H

#include <stddef.h>

/* A fixed descriptive name, or NULL when s is $5$/$6$ or no known scheme. */
const char *auth_scheme_name_other(const char *s, size_t len);

#endif
