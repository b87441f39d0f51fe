/*
 * Recognising the other crypt(5) schemes by their prefix (see scheme_name.h).
 * The table lists the prefixes of libxcrypt's crypt(5) page; a string that
 * starts with '$' but matches none is reported as an unknown '$' scheme.
 * Traditional DES has no prefix: a 2-character setting or a 13-character
 * hash drawn only from the crypt base64 alphabet.  A '$' with no second
 * '$' ("$5", "$") is no scheme at all: the caller reports it as malformed.
 */
#include <stdbool.h>
#include <string.h>

#include "libauth/crypt_b64.h"
#include "libauth/scheme_name.h"

#define DES_SETTING_CHARS 2
#define DES_HASH_CHARS 13
#define BSDI_HASH_CHARS 20

struct scheme_prefix {
	const char *prefix;
	const char *name;
};

static const struct scheme_prefix other_schemes[] = {
	{"$1$", "MD5-crypt ($1$)"},
	{"$2a$", "bcrypt ($2a$)"},
	{"$2b$", "bcrypt ($2b$)"},
	{"$2x$", "bcrypt ($2x$)"},
	{"$2y$", "bcrypt ($2y$)"},
	{"$3$", "NT hash ($3$)"},
	{"$7$", "scrypt ($7$)"},
	{"$y$", "yescrypt ($y$)"},
	{"$gy$", "gost-yescrypt ($gy$)"},
	{"$sha1$", "sha1crypt ($sha1$)"},
	{"$md5", "SunMD5 ($md5)"},
	{"_", "BSDi extended DES (_)"},
};

static bool all_b64(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!auth_b64_is_char((unsigned char)s[i]))
			return false;
	return true;
}

const char *auth_scheme_name_other(const char *s, size_t len)
{
	if (len >= 3 && (memcmp(s, "$5$", 3) == 0 || memcmp(s, "$6$", 3) == 0))
		return NULL;
	for (size_t i = 0; i < sizeof(other_schemes) / sizeof(other_schemes[0]); i++) {
		size_t n = strlen(other_schemes[i].prefix);
		if (len >= n && memcmp(s, other_schemes[i].prefix, n) == 0)
			return other_schemes[i].name;
	}
	if ((len == DES_SETTING_CHARS || len == DES_HASH_CHARS) && all_b64(s, len))
		return "traditional DES";
	if (len > 0 && s[0] == '$' && memchr(s + 1, '$', len - 1) != NULL)
		return "unknown '$' scheme"; /* "$id$..." with an id not listed */
	return NULL;
}
