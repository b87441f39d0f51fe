/*
 * Fuzz harness for the caps.d policy parser and registry
 * (spec/security-policy.md POL-001..POL-012, POL-020).
 *
 * One input is one policy file.  The harness parses it, then registers it
 * under a fixed name and looks it up as the kernel's exec path would, and
 * checks the parser's contract on every input:
 *   - oversized files give -EFBIG, one line-0 warning and no capability;
 *   - warnings name the file, a line that exists, and a non-empty reason
 *     of printable ASCII that fits a log line;
 *   - one warning per refused line, and accepted + refused lines never
 *     exceed the lines in the file;
 *   - only kinds 1-16 are granted, and no kind in both tiers (POL-004);
 *   - parsing is deterministic, and the registry returns exactly what the
 *     parser produced, only for a root-owned, non-writable /bin/<name>.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_policy.h"
#include "fuzz.h"

#define FUZZ_FILE "/etc/aegis/caps.d/fuzz"
#define FUZZ_REASON_MAX 200u
#define FUZZ_KIND_BITS 0x1fffeu

typedef struct {
	unsigned warnings;
	unsigned max_line;
	bool saw_line0;
} fuzz_seen_t;

static void fuzz_check(bool ok)
{
	if (!ok)
		abort();
}

static void fuzz_warn(void *ctx, const char *file, unsigned line, const char *reason)
{
	fuzz_seen_t *seen = ctx;
	fuzz_check(file != NULL && reason != NULL);
	fuzz_check(strcmp(file, FUZZ_FILE) == 0 || strcmp(file, CAP_POLICY_DIR) == 0);
	size_t n = strlen(reason);
	fuzz_check(n > 0 && n < FUZZ_REASON_MAX);
	for (size_t i = 0; i < n; i++)
		fuzz_check(reason[i] >= 0x20 && reason[i] <= 0x7e);
	seen->warnings++;
	if (line == 0)
		seen->saw_line0 = true;
	if (line > seen->max_line)
		seen->max_line = line;
}

static unsigned fuzz_count_lines(const uint8_t *data, size_t size)
{
	unsigned lines = size > 0 && data[size - 1] != '\n' ? 1 : 0;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

int fuzz_one(const uint8_t *data, size_t size)
{
	fuzz_seen_t seen = {0};
	cap_policy_t p;
	int rc = cap_policy_parse(FUZZ_FILE, data, size, &p, fuzz_warn, &seen);
	if (size > CAP_POLICY_FILE_MAX) {
		fuzz_check(rc == -EFBIG && seen.warnings == 1 && seen.saw_line0);
		fuzz_check(p.service == 0 && p.admin == 0);
		return 0;
	}
	fuzz_check(rc == 0 && !seen.saw_line0);
	unsigned lines = fuzz_count_lines(data, size);
	fuzz_check(seen.warnings == p.lines_refused);
	fuzz_check(p.lines_accepted + p.lines_refused <= lines);
	fuzz_check(seen.max_line <= lines);
	fuzz_check((p.service & ~FUZZ_KIND_BITS) == 0 && (p.admin & ~FUZZ_KIND_BITS) == 0);
	fuzz_check((p.service & p.admin) == 0);
	fuzz_check((p.lines_accepted == 0) == (p.service == 0 && p.admin == 0));

	/* Deterministic, and the same without a callback. */
	cap_policy_t again;
	fuzz_check(cap_policy_parse(FUZZ_FILE, data, size, &again, NULL, NULL) == 0);
	fuzz_check(memcmp(&p, &again, sizeof(p)) == 0);

	/* Registered under "fuzz": found exactly as parsed, only where it should be. */
	static cap_policy_db_t db;
	cap_policy_db_init(&db);
	fuzz_seen_t seen_db = {0};
	rc = cap_policy_db_add(&db, "fuzz", 4, data, size, fuzz_warn, &seen_db);
	const cap_policy_t *found = cap_policy_match(&db, "/bin/fuzz", 0, 0100755u);
	if (p.service == 0 && p.admin == 0) {
		fuzz_check(rc == -ENODATA && found == NULL && db.count == 0);
	} else {
		fuzz_check(rc == 0 && found != NULL && db.count == 1);
		fuzz_check(found->service == p.service && found->admin == p.admin);
		fuzz_check(cap_policy_match(&db, "/tmp/fuzz", 0, 0100755u) == NULL);
		fuzz_check(cap_policy_match(&db, "/bin/fuzz", 1, 0100755u) == NULL);
		fuzz_check(cap_policy_match(&db, "/bin/fuzz", 0, 0100775u) == NULL);
	}
	fuzz_check(seen_db.warnings == seen.warnings);
	return 0;
}
