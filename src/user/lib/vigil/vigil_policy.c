/*
 * Vigil library: the `policy` file (spec/vigil.md VIG-030, VIG-031).
 *
 * Words in any order, each at most once: oneshot | respawn, max_restarts=N,
 * console.  N is plain decimal (no sign, no leading zero) up to
 * VIGIL_MAX_RESTARTS_LIMIT, checked digit by digit so it cannot overflow.
 */
#include <string.h>

#include <aegis/errno.h>

#include "vigil/vigil_msg.h"
#include "vigil/vigil_service.h"
#include "vigil/vigil_words.h"

#define POLICY_MAX_KEY "max_restarts="
#define POLICY_DECIMAL 10
#define POLICY_SHOWN_MAX 40 /* bytes of a bad word quoted in a message */

void vigil_policy_default(vigil_policy_t *out)
{
	out->kind = VIGIL_RESPAWN;
	out->max_restarts = VIGIL_MAX_RESTARTS_DEFAULT;
	out->console = false;
}

static bool policy_word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

static int policy_number(const char *w, size_t n, uint32_t *out, char *msg)
{
	uint32_t v = 0;

	if (n == 0 || (n > 1 && w[0] == '0')) {
		vigil_msg_set(msg, "max_restarts needs a number from 0 to %d without leading zeros",
			      VIGIL_MAX_RESTARTS_LIMIT);
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9') {
			vigil_msg_set(msg, "max_restarts: '%.*s' is not a decimal number",
				      (int)(n < POLICY_SHOWN_MAX ? n : POLICY_SHOWN_MAX), w);
			return -EINVAL;
		}
		v = v * POLICY_DECIMAL + (uint32_t)(w[i] - '0');
		if (v > VIGIL_MAX_RESTARTS_LIMIT) {
			vigil_msg_set(msg, "max_restarts is more than %d", VIGIL_MAX_RESTARTS_LIMIT);
			return -EINVAL;
		}
	}
	*out = v;
	return 0;
}

static int policy_word(const char *w, size_t n, vigil_policy_t *p, unsigned *seen, char *msg)
{
	enum { SEEN_KIND = 1, SEEN_MAX = 2, SEEN_CONSOLE = 4 };
	size_t key_len = strlen(POLICY_MAX_KEY);
	unsigned bit;

	if (policy_word_is(w, n, "oneshot") || policy_word_is(w, n, "respawn"))
		bit = SEEN_KIND;
	else if (policy_word_is(w, n, "console"))
		bit = SEEN_CONSOLE;
	else if (n >= key_len && memcmp(w, POLICY_MAX_KEY, key_len) == 0)
		bit = SEEN_MAX;
	else {
		vigil_msg_set(msg, "unknown word '%.*s'", (int)(n < POLICY_SHOWN_MAX ? n : POLICY_SHOWN_MAX), w);
		return -EINVAL;
	}
	if (*seen & bit) {
		vigil_msg_set(msg, "'%.*s' repeats or contradicts an earlier word",
			      (int)(n < POLICY_SHOWN_MAX ? n : POLICY_SHOWN_MAX), w);
		return -EINVAL;
	}
	*seen |= bit;
	if (bit == SEEN_KIND)
		p->kind = w[0] == 'o' ? VIGIL_ONESHOT : VIGIL_RESPAWN;
	else if (bit == SEEN_CONSOLE)
		p->console = true;
	else
		return policy_number(w + key_len, n - key_len, &p->max_restarts, msg);
	return 0;
}

int vigil_policy_parse(const char *data, size_t len, vigil_policy_t *out, char *msg)
{
	vigil_policy_t p;
	vigil_words_t it;
	const char *w;
	size_t n;
	unsigned seen = 0;
	int r;

	vigil_policy_default(out);
	r = vigil_file_check_size(len, msg);
	if (r != 0)
		return r;
	vigil_policy_default(&p);
	vigil_words_init(&it, data, len);
	while ((r = vigil_words_next(&it, &w, &n, msg)) > 0) {
		int err = policy_word(w, n, &p, &seen, msg);
		if (err != 0)
			return err;
	}
	if (r < 0)
		return r;
	*out = p;
	return 0;
}
