/*
 * Fuzz harness for the /etc/group parser (src/user/lib/libauth/group.c).
 *
 * Supports spec/auth-flow.md AUTH-044, and through it AUTH-030..035,
 * AUTH-038, AUTH-040, AUTH-041 and AUTH-042: any bytes are a file; every
 * accepted entry's members are valid names inside its storage and their
 * count matches the walk; rejections carry one-line reasons; the group list
 * of a user is duplicate-free, starts with the primary gid, stays within its
 * bound and is refused for a file with a bad line.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "auth-flow/fuzz_support.h"
#include "fuzz.h"

#define H "group"
#define KEY_MAX 64
#define PRIMARY_GID 4242u

int fuzz_one(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	auth_file_iter_t it;
	static auth_group_t g, found;
	auth_reason_t why;
	auth_result_t r;
	size_t good = 0, bad = 0, counted = 0, n = 0;
	uint32_t gids[AUTH_GROUPS_MAX];
	char key[KEY_MAX];

	auth_file_iter_init(&it, buf, size);
	while ((r = auth_group_next(&it, &g, &why)) != AUTH_NOT_FOUND) {
		auth_fuzz_check_reason(H, r, &why);
		if (good + bad > size + 1)
			auth_fuzz_fail(H, "iteration does not end");
		if (r != AUTH_OK) {
			bad++;
			continue;
		}
		good++;
		auth_fuzz_check_inside(H, g.name, g.storage, sizeof(g.storage));
		auth_fuzz_check_inside(H, g.password, g.storage, sizeof(g.storage));
		auth_fuzz_check_name(H, g.name);
		size_t walked = 0;
		for (const char *m = auth_group_next_member(&g, NULL); m; m = auth_group_next_member(&g, m)) {
			auth_fuzz_check_inside(H, m, g.storage, sizeof(g.storage));
			auth_fuzz_check_name(H, m);
			if (!auth_group_has_member(&g, m))
				auth_fuzz_fail(H, "walked member not found by has_member");
			if (++walked > g.member_count)
				break;
		}
		if (walked != g.member_count)
			auth_fuzz_fail(H, "member walk and member count disagree");
	}

	r = auth_group_validate(buf, size, &counted, &why);
	auth_fuzz_check_reason(H, r, &why);
	if ((r == AUTH_OK) != (bad == 0) || (r == AUTH_OK && counted != good))
		auth_fuzz_fail(H, "validate disagrees with iteration");

	auth_fuzz_first_token(data, size, key, sizeof(key));
	r = auth_group_find_name(buf, size, key, &found, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r == AUTH_OK && (bad > 0 || strcmp(found.name, key) != 0))
		auth_fuzz_fail(H, "lookup succeeded on a bad file or returned another name");

	r = auth_group_list_for_user(buf, size, key, PRIMARY_GID, gids, AUTH_GROUPS_MAX, &n, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r == AUTH_OK) {
		if (bad > 0 || n == 0 || n > AUTH_GROUPS_MAX || gids[0] != PRIMARY_GID)
			auth_fuzz_fail(H, "group list broken");
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (gids[i] == gids[j])
					auth_fuzz_fail(H, "group list repeats a gid");
	} else if (n != 0) {
		auth_fuzz_fail(H, "failed group list reports a count");
	}
	return 0;
}
