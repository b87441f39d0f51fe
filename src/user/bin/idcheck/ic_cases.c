/*
 * The unprivileged runs of id, groups and whoami, as PID 1 (uid 0, gid 0, no
 * supplementary groups) and through set-ID copies the test adds under
 * /test/ids/ (spec/credentials.md CRED-105..108, CRED-109), with the shipped
 * /etc/passwd and /etc/group (CRED-100).
 */
#include <aegis/errno.h>

#include "glue/glue.h"
#include "ident/ident_initgroups.h"
#include "idcheck.h"
#include "tcheck/tcheck.h"

#define NO_GID 0xFFFFFFFFu

static const ic_case_t ic_cases[] = {
	{ "CRED-105", { "/bin/id", NULL }, "uid=0(root) gid=0(root) groups=0(root)\n", 0, NULL },
	{ "CRED-105", { "/bin/id", "root", NULL }, "uid=0(root) gid=0(root) groups=0(root),999(wheel)\n", 0, NULL },
	{ "CRED-105", { "/bin/id", "dhcp", NULL }, "uid=101(dhcp) gid=101(dhcp) groups=101(dhcp)\n", 0, NULL },
	{ "CRED-105", { "/bin/id", "nosuchuser", NULL }, "", 1, "id: 'nosuchuser': no such user" },
	{ "CRED-105", { "/test/ids/id-dhcp", NULL },
	  "uid=0(root) gid=0(root) euid=101(dhcp) egid=101(dhcp) groups=0(root),101(dhcp)\n", 0, NULL },
	{ "CRED-105", { "/test/ids/id-dev", NULL }, "uid=0(root) gid=0(root) euid=1000 egid=100 groups=0(root),100\n", 0,
	  NULL },
	{ "CRED-105", { "/test/ids/id-sgid", NULL }, "uid=0(root) gid=0(root) egid=102(httpd) groups=0(root),102(httpd)\n",
	  0, NULL },
	{ "CRED-106", { "/bin/id", "-u", NULL }, "0\n", 0, NULL },
	{ "CRED-106", { "/bin/id", "-un", NULL }, "root\n", 0, NULL },
	{ "CRED-106", { "/bin/id", "-g", "-n", NULL }, "root\n", 0, NULL },
	{ "CRED-106", { "/bin/id", "-G", NULL }, "0\n", 0, NULL },
	{ "CRED-106", { "/bin/id", "-Gn", "root", NULL }, "root wheel\n", 0, NULL },
	{ "CRED-106", { "/test/ids/id-dev", "-u", NULL }, "1000\n", 0, NULL },
	{ "CRED-106", { "/test/ids/id-dev", "-ur", NULL }, "0\n", 0, NULL },
	{ "CRED-106", { "/test/ids/id-dev", "-un", NULL }, "1000\n", 1, "id: cannot find name for user ID 1000" },
	{ "CRED-106", { "/test/ids/id-dev", "-Gn", NULL }, "root 100\n", 1, "id: cannot find name for group ID 100" },
	{ "CRED-106", { "/bin/id", "-x", NULL }, "", 1, "id: unknown option" },
	{ "CRED-106", { "/bin/id", "-u", "-g", NULL }, "", 1, "more than one choice" },
	{ "CRED-106", { "/bin/id", "-n", NULL }, "", 1, "default format" },
	{ "CRED-106", { "/bin/id", "root", "dhcp", NULL }, "", 1, "id: extra operand" },
	{ "CRED-107", { "/bin/groups", NULL }, "root\n", 0, NULL },
	{ "CRED-107", { "/bin/groups", "root", "httpd", NULL }, "root : root wheel\nhttpd : httpd\n", 0, NULL },
	{ "CRED-107", { "/bin/groups", "nosuchuser", "root", NULL }, "root : root wheel\n", 1,
	  "groups: 'nosuchuser': no such user" },
	{ "CRED-107", { "/test/ids/groups-sgid", NULL }, "root httpd\n", 0, NULL },
	{ "CRED-107", { "/test/ids/groups-dev", NULL }, "root 100\n", 1, "groups: cannot find name for group ID 100" },
	{ "CRED-108", { "/bin/whoami", NULL }, "root\n", 0, NULL },
	{ "CRED-108", { "/test/ids/whoami-dhcp", NULL }, "dhcp\n", 0, NULL },
	{ "CRED-108", { "/test/ids/whoami-dev", NULL }, "", 1, "whoami: cannot find name for user ID 1000" },
	{ "CRED-108", { "/bin/whoami", "root", NULL }, "", 1, "whoami: extra operand" },
};

/* CRED-103 unprivileged: refusals leave the (empty) list as it was. */
static void ic_initgroups_refused(void)
{
	auth_reason_t why;
	long r = ident_initgroups("root", 0, &why);
	long n = sys_getgroups(0, NULL);

	tcheck(r == -ENOCAP && n == 0, "CRED-103", "initgroups without SETUID(W) is -ENOCAP and changes no group",
	       "initgroups %ld (%s), getgroups %ld", r, why.text, n);
	r = ident_initgroups("bad name", 0, &why);
	tcheck(r == -EINVAL, "CRED-103", "initgroups of an invalid user name is -EINVAL", "%ld", r);
	r = ident_initgroups("root", NO_GID, &why);
	tcheck(r == -EINVAL, "CRED-103", "initgroups with gid -1 is -EINVAL", "%ld", r);
}

void ic_run_cases(void)
{
	for (unsigned i = 0; i < sizeof(ic_cases) / sizeof(ic_cases[0]); i++)
		ic_check(&ic_cases[i]);
	ic_initgroups_refused();
}
