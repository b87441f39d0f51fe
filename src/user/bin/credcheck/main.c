/*
 * credcheck's entry: the role from argv[1], the driver's order of parts, and
 * the small helpers every part uses (see credcheck.h).
 */
#include <stdio.h>
#include <string.h>

#include "credcheck.h"
#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define CC_ARGV_MAX 10

int cc_in_child(int (*fn)(void))
{
	long pid = sys_fork();
	if (pid < 0)
		return (int)pid;
	if (pid == 0)
		sys_exit(fn());
	int status = 0;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	return r < 0 ? (int)r : status;
}

int cc_run(const char *path, const char *const *args)
{
	char *argv[CC_ARGV_MAX + 2];
	unsigned n = 0;
	argv[n++] = (char *)path;
	for (; args && args[n - 1] && n < CC_ARGV_MAX; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	char *envp[] = { NULL };
	long pid = sys_fork();
	if (pid < 0)
		return (int)pid;
	if (pid == 0) {
		long r = sys_execve(path, argv, envp);
		uio_printf(1, "credcheck: cannot exec %s: %ld\n", path, r);
		sys_exit(127);
	}
	int status = 0;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	return r < 0 ? (int)r : status;
}

bool cc_ids_are(uint32_t r, uint32_t e, uint32_t s, uint32_t rg, uint32_t eg, uint32_t sg, char *buf, unsigned cap)
{
	uint32_t u[3] = { 0 }, g[3] = { 0 };
	long ru = sys_getresuid(&u[0], &u[1], &u[2]);
	long rgr = sys_getresgid(&g[0], &g[1], &g[2]);
	snprintf(buf, cap, "getresuid %ld (%u %u %u), getresgid %ld (%u %u %u), want (%u %u %u) (%u %u %u)", ru, u[0],
		 u[1], u[2], rgr, g[0], g[1], g[2], r, e, s, rg, eg, sg);
	return ru == 0 && rgr == 0 && u[0] == r && u[1] == e && u[2] == s && g[0] == rg && g[1] == eg && g[2] == sg;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "dev") == 0)
		return cc_dev_main();
	if (argc > 1 && strcmp(argv[1], "tool") == 0)
		return cc_tool_main();
	if (argc > 1 && strcmp(argv[1], "ids") == 0)
		return cc_ids_main(argc, argv);
	uio_printf(1, "credcheck: pid %ld, running the credential checks\n", sys_getpid());
	cc_run_calls();
	cc_run_limits();
	const char *dev_args[] = { "dev", NULL };
	int status = cc_run(CC_AS_DEV, dev_args);
	tcheck(cc_exited_ok(status), "CRED-090", "the developer's side ran to its end", "wait status %#x", status);
	sys_exit(tcheck_summary("credcheck") ? 0 : 1);
}
