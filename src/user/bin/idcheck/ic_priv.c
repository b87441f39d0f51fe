/*
 * The privileged side: a child of PID 1 holding SETUID(W) from the test's
 * policy (/etc/aegis/caps.d/idcheck), so initgroups succeeds and id and
 * groups show supplementary groups (spec/credentials.md CRED-103, CRED-105,
 * CRED-107, CRED-109).  Returns the exit status: 0 when every check passed,
 * 2 when it holds no SETUID (no policy: PID 1 reports a skip).
 */
#include <stdint.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "ident/ident_initgroups.h"
#include "idcheck.h"
#include "tcheck/tcheck.h"

#define IC_NO_SETUID 2
#define IC_WHEEL 999u
#define IC_DHCP 101u
#define IC_UNNAMED 4242u

static const ic_case_t ic_root_groups[] = {
	{ "CRED-105", { "/bin/id", NULL }, "uid=0(root) gid=0(root) groups=0(root),999(wheel)\n", 0, NULL },
	{ "CRED-107", { "/bin/groups", NULL }, "root wheel\n", 0, NULL },
};

static const ic_case_t ic_unnamed_groups[] = {
	{ "CRED-105", { "/bin/id", NULL }, "uid=0(root) gid=0(root) groups=0(root),4242,101(dhcp)\n", 0, NULL },
	{ "CRED-107", { "/bin/groups", NULL }, "root 4242 dhcp\n", 1, "groups: cannot find name for group ID 4242" },
};

static void ic_check_all(const ic_case_t *cases, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		ic_check(&cases[i]);
}

static bool ic_groups_are(const uint32_t *want, long n)
{
	uint32_t got[IDENT_NGROUPS_MAX];
	long have = sys_getgroups((int)IDENT_NGROUPS_MAX, got);

	if (have != n)
		return false;
	for (long i = 0; i < n; i++)
		if (got[i] != want[i])
			return false;
	return true;
}

int ic_priv_main(void)
{
	static const uint32_t root_groups[] = { 0, IC_WHEEL };
	static const uint32_t dhcp_groups[] = { IC_DHCP };
	static const uint32_t unnamed[] = { 0, IC_UNNAMED, IC_DHCP, IC_UNNAMED };
	auth_reason_t why;
	long r;

	/* setgroups of the list the process already has (empty) changes nothing: a probe for SETUID(W). */
	if (sys_setgroups(0, NULL) == -ENOCAP)
		return IC_NO_SETUID;
	r = ident_initgroups("root", 0, &why);
	tcheck(r == 0 && ic_groups_are(root_groups, 2), "CRED-103", "initgroups(root, 0) with SETUID(W) sets 0 and 999",
	       "%ld %s", r, why.text);
	ic_check_all(ic_root_groups, sizeof(ic_root_groups) / sizeof(ic_root_groups[0]));
	r = ident_initgroups("dhcp", IC_DHCP, &why);
	tcheck(r == 0 && ic_groups_are(dhcp_groups, 1), "CRED-103", "initgroups(dhcp, 101) replaces the list with 101",
	       "%ld %s", r, why.text);
	r = ident_initgroups("nosuchuser", IC_UNNAMED, &why);
	tcheck(r == 0 && ic_groups_are(&unnamed[1], 1), "CRED-103", "a user in no group gets the given gid alone",
	       "%ld %s", r, why.text);
	r = sys_setgroups(sizeof(unnamed) / sizeof(unnamed[0]), unnamed);
	tcheck(r == 0, "CRED-105", "setgroups 0 4242 101 4242 for the listing", "%ld", r);
	ic_check_all(ic_unnamed_groups, sizeof(ic_unnamed_groups) / sizeof(ic_unnamed_groups[0]));
	return tcheck_summary("idcheck privileged side") ? 0 : 1;
}
