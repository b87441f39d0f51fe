/*
 * Vigil library: the one-word and list files `mode`, `user` and `after`
 * (spec/vigil.md VIG-040..042).  Words come from vigil_words_next, so control
 * bytes are rejected the same way in every file.
 */
#include <string.h>

#include <aegis/errno.h>

#include "vigil/vigil_msg.h"
#include "vigil/vigil_service.h"
#include "vigil/vigil_words.h"

#define FILES_SHOWN_MAX 40 /* bytes of a bad word quoted in a message */
#define FILES_SHOWN(n) ((int)((n) < FILES_SHOWN_MAX ? (n) : FILES_SHOWN_MAX))

/* The single word of a one-word file: 1 found, 0 blank file, <0 error. */
static int files_single_word(const char *data, size_t len, const char **w, size_t *n, char *msg)
{
	vigil_words_t it;
	const char *extra;
	size_t extra_len;
	int r = vigil_file_check_size(len, msg);

	if (r != 0)
		return r;
	vigil_words_init(&it, data, len);
	r = vigil_words_next(&it, w, n, msg);
	if (r <= 0)
		return r;
	r = vigil_words_next(&it, &extra, &extra_len, msg);
	if (r < 0)
		return r;
	if (r > 0) {
		vigil_msg_set(msg, "one word expected, found also '%.*s'", FILES_SHOWN(extra_len), extra);
		return -EINVAL;
	}
	return 1;
}

static bool files_word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

int vigil_mode_parse(const char *data, size_t len, vigil_mode_t *out, char *msg)
{
	const char *w;
	size_t n;
	int r = files_single_word(data, len, &w, &n, msg);

	*out = VIGIL_MODE_BOTH;
	if (r < 0)
		return r;
	if (r > 0 && files_word_is(w, n, "text"))
		*out = VIGIL_MODE_TEXT;
	else if (r > 0 && files_word_is(w, n, "graphical"))
		*out = VIGIL_MODE_GRAPHICAL;
	else if (r == 0 || !files_word_is(w, n, "both")) {
		vigil_msg_set(msg, "'%.*s' is not text, graphical or both", r == 0 ? 0 : FILES_SHOWN(n),
			      r == 0 ? "" : w);
		return -EINVAL;
	}
	return 0;
}

int vigil_user_parse(const char *data, size_t len, char out[VIGIL_USER_MAX + 1], char *msg)
{
	const char *w;
	size_t n;
	int r = files_single_word(data, len, &w, &n, msg);

	memcpy(out, "root", sizeof("root"));
	if (r < 0)
		return r;
	if (r == 0) {
		vigil_msg_set(msg, "no user name");
		return -EINVAL;
	}
	if (!vigil_user_name_valid(w, n)) {
		vigil_msg_set(msg, "'%.*s' is not a valid user name", FILES_SHOWN(n), w);
		return -EINVAL;
	}
	memcpy(out, w, n);
	out[n] = '\0';
	return 0;
}

static bool files_after_has(const vigil_after_t *a, const char *w, size_t n)
{
	for (size_t i = 0; i < a->count; i++)
		if (strlen(a->names[i]) == n && memcmp(a->names[i], w, n) == 0)
			return true;
	return false;
}

int vigil_after_parse(const char *data, size_t len, vigil_after_t *out, char *msg)
{
	vigil_words_t it;
	const char *w;
	size_t n;
	int r = vigil_file_check_size(len, msg);

	memset(out, 0, sizeof(*out));
	if (r != 0)
		return r;
	vigil_words_init(&it, data, len);
	while ((r = vigil_words_next(&it, &w, &n, msg)) > 0) {
		if (!vigil_name_valid(w, n)) {
			vigil_msg_set(msg, "'%.*s' is not a valid service name", FILES_SHOWN(n), w);
			r = -EINVAL;
			break;
		}
		if (files_after_has(out, w, n))
			continue;
		if (out->count >= VIGIL_AFTER_MAX) {
			vigil_msg_set(msg, "more than %d names (at '%.*s')", VIGIL_AFTER_MAX, FILES_SHOWN(n), w);
			r = -E2BIG;
			break;
		}
		memcpy(out->names[out->count], w, n);
		out->names[out->count][n] = '\0';
		out->count++;
	}
	if (r < 0)
		memset(out, 0, sizeof(*out));
	return r < 0 ? r : 0;
}
