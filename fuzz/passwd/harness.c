/*
 * Fuzz harness for the /etc/passwd parser (src/user/lib/libauth/passwd.c).
 *
 * Supports spec/auth-flow.md AUTH-044, and through it AUTH-030..036,
 * AUTH-040 and AUTH-041: any bytes are a file; iteration must end, every
 * accepted entry must hold terminated fields inside its own storage with a
 * valid name, ids in range and absolute paths; every rejection carries a
 * one-line reason; validate, lookups by name and uid agree with iteration.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "auth-flow/fuzz_support.h"
#include "fuzz.h"

#define H "passwd"
#define KEY_MAX 64

int fuzz_one(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	auth_file_iter_t it;
	static auth_passwd_t e, found;
	auth_reason_t why;
	auth_result_t r;
	size_t good = 0, bad = 0, counted = 0, lines_max = size + 1;
	bool any_bad = false;
	char key[KEY_MAX];

	auth_file_iter_init(&it, buf, size);
	while ((r = auth_passwd_next(&it, &e, &why)) != AUTH_NOT_FOUND) {
		auth_fuzz_check_reason(H, r, &why);
		if (good + bad > lines_max)
			auth_fuzz_fail(H, "iteration does not end");
		if (r != AUTH_OK) {
			if (r != AUTH_MALFORMED)
				auth_fuzz_fail(H, "unexpected result while iterating");
			if (!any_bad)
				any_bad = true;
			bad++;
			continue;
		}
		good++;
		auth_fuzz_check_inside(H, e.name, e.storage, sizeof(e.storage));
		auth_fuzz_check_inside(H, e.password, e.storage, sizeof(e.storage));
		auth_fuzz_check_inside(H, e.gecos, e.storage, sizeof(e.storage));
		auth_fuzz_check_inside(H, e.home, e.storage, sizeof(e.storage));
		auth_fuzz_check_name(H, e.name);
		if (e.uid > AUTH_ID_MAX || e.gid > AUTH_ID_MAX)
			auth_fuzz_fail(H, "id out of range");
		if (e.home[0] != '/' || e.shell[0] != '/')
			auth_fuzz_fail(H, "home or shell not absolute");
	}

	r = auth_passwd_validate(buf, size, &counted, &why);
	auth_fuzz_check_reason(H, r, &why);
	if ((r == AUTH_OK) != !any_bad || (r == AUTH_OK && counted != good))
		auth_fuzz_fail(H, "validate disagrees with iteration");

	auth_fuzz_first_token(data, size, key, sizeof(key));
	r = auth_passwd_find_name(buf, size, key, &found, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r == AUTH_OK && (any_bad || strcmp(found.name, key) != 0))
		auth_fuzz_fail(H, "name lookup succeeded on a bad file or returned another name");
	r = auth_passwd_find_uid(buf, size, 0, &found, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r == AUTH_OK && (any_bad || found.uid != 0))
		auth_fuzz_fail(H, "uid lookup succeeded on a bad file or returned another uid");
	return 0;
}
