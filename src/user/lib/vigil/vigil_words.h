/*
 * Vigil library: the word files (policy, mode, user, after) and the name rules
 * (spec/vigil.md VIG-010, VIG-041, VIG-030..042).
 *
 * A word file is split on spaces, tabs, '\r' and '\n'.  The iterator hands out
 * each word as a pointer and length into the caller's bytes (never copied,
 * never read past len); any other control byte, NUL included, stops it with
 * an error naming the byte and its column.
 */
#ifndef AEGIS_VIGIL_WORDS_H
#define AEGIS_VIGIL_WORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	const char *data;
	size_t len;
	size_t pos;
} vigil_words_t;

void vigil_words_init(vigil_words_t *it, const char *data, size_t len);

/*
 * Next word: 1 and *word and *word_len set, 0 at the end, or -EINVAL with msg
 * filled when a control byte is found.
 */
int vigil_words_next(vigil_words_t *it, const char **word, size_t *word_len, char *msg);

/* True for a valid service name of len bytes (VIG-010). */
bool vigil_name_valid(const char *name, size_t len);

/* True for a valid user name of len bytes (VIG-041). */
bool vigil_user_name_valid(const char *name, size_t len);

/*
 * 0 when len bytes fit in a service file, else -E2BIG and msg filled.  A
 * caller reads at most VIGIL_FILE_MAX + 1 bytes of a file, so a huge file
 * is reported as too large without being read whole.
 */
int vigil_file_check_size(size_t len, char *msg);

/* True for a byte that separates words: space, tab, '\r', '\n'. */
bool vigil_is_blank(unsigned char c);

/* True for a control byte that no service file may hold (not tab, CR, LF). */
bool vigil_is_bad_control(unsigned char c);

#endif
