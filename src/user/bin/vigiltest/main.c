/*
 * vigiltest: the services of Vigil's system tests (tests/vigil/), one
 * program with a role per first argument, each printing "vigiltest: ..."
 * lines the tests read from the console:
 *   crash           print the time, then die by SIGKILL (a crashing respawn service)
 *   once            print once and exit 0 (a oneshot)
 *   mark WORD       print the word and exit 0 (order and mode checks)
 *   echo ARGS...    print every argument in brackets (arguments without a shell)
 *   ids             print the real and effective ids and the groups (the `user` file)
 *   orphan          fork a grandchild that outlives this process (orphan reaping)
 *   quiet WORD      print one line on standard output and one on standard error
 *   sleep, stubborn, control WHAT, fifo: see vt_control.c
 * Called as .../login it stands in for /bin/login (the built-in getty),
 * as .../novigil it checks vigictl without Vigil (vt_control.c); a copy
 * called /bin/vtadmin is given AUTH by the test image so that its roles
 * can open an authenticated session.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/signal.h>

#include "glue/glue.h"
#include "uio/uio.h"
#include "vt.h"

#define VT_CLOCK_MONOTONIC 1
#define VT_MS_PER_SEC 1000
#define VT_NS_PER_MS 1000000
#define VT_GROUPS_MAX 64
#define VT_GROUP_TEXT_MAX 12 /* one id in decimal and a comma */
#define VT_ORPHAN_DELAY_NS 200000000

long vt_now_ms(void)
{
	aegis_timespec_t ts = { 0, 0 };
	(void)sys_clock_gettime(VT_CLOCK_MONOTONIC, &ts);
	return (long)(ts.tv_sec * VT_MS_PER_SEC + ts.tv_nsec / VT_NS_PER_MS);
}

static int vt_ids(void)
{
	uint32_t groups[VT_GROUPS_MAX];
	long n = sys_getgroups(VT_GROUPS_MAX, groups);
	char list[VT_GROUPS_MAX * VT_GROUP_TEXT_MAX] = "";
	size_t used = 0;
	for (long i = 0; i < n && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%u", i ? "," : "", groups[i]);
	uio_printf(VT_STDOUT, "vigiltest: ids uid=%ld euid=%ld gid=%ld egid=%ld groups=%s\n", sys_getuid(),
		   sys_geteuid(), sys_getgid(), sys_getegid(), n < 0 ? "error" : list);
	return 0;
}

static int vt_orphan(void)
{
	long pid = sys_fork();
	if (pid == 0) {
		aegis_timespec_t delay = { 0, VT_ORPHAN_DELAY_NS };
		(void)sys_nanosleep(&delay, NULL);
		uio_printf(VT_STDOUT, "vigiltest: grandchild pid %ld exits with parent %ld\n", sys_getpid(), sys_getppid());
		return 0;
	}
	uio_printf(VT_STDOUT, "vigiltest: orphan parent exits, leaving pid %ld\n", pid);
	return pid < 0 ? 1 : 0;
}

static int vt_echo(int argc, char **argv)
{
	char line[UIO_PRINTF_MAX + 1] = "";
	size_t used = 0;
	for (int i = 2; i < argc && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, "[%s]", argv[i]);
	uio_printf(VT_STDOUT, "vigiltest: echo %d %s\n", argc - 2, line);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	const char *role = argc > 1 ? argv[1] : "";
	const char *word = argc > 2 ? argv[2] : "";
	if (strcmp(base, "login") == 0) {
		uio_printf(VT_STDOUT, "vigiltest: login stand-in pid %ld\n", sys_getpid());
		return 0;
	}
	if (strcmp(base, "termer") == 0) { /* a copy holding POWER: SIGTERM to Vigil (VIG-118) */
		long r = sys_kill(1, SIGTERM);
		uio_printf(VT_STDOUT, "vigiltest: termer kill(1, SIGTERM) %ld\n", r);
		return r == 0 ? 0 : 1;
	}
	if (strcmp(base, "novigil") == 0)
		return vt_novigil();
	if (strcmp(role, "sleep") == 0)
		return vt_sleep();
	if (strcmp(role, "stubborn") == 0)
		return vt_stubborn();
	if (strcmp(role, "control") == 0)
		return vt_control(word);
	if (strcmp(role, "ctlrights") == 0)
		return vt_ctl_rights(word);
	if (strcmp(role, "fifo") == 0)
		return vt_fifo();
	if (strcmp(role, "crash") == 0) {
		uio_printf(VT_STDOUT, "vigiltest: crash pid %ld at %ld ms\n", sys_getpid(), vt_now_ms());
		(void)sys_kill((int)sys_getpid(), SIGKILL);
		return 1;
	}
	if (strcmp(role, "once") == 0) {
		uio_printf(VT_STDOUT, "vigiltest: once pid %ld\n", sys_getpid());
		return 0;
	}
	if (strcmp(role, "mark") == 0) {
		uio_printf(VT_STDOUT, "vigiltest: mark %s\n", word);
		return 0;
	}
	if (strcmp(role, "quiet") == 0) {
		uio_printf(VT_STDOUT, "vigiltest: stdout %s\n", word);
		uio_printf(VT_STDERR, "vigiltest: stderr %s\n", word);
		return 0;
	}
	if (strcmp(role, "echo") == 0)
		return vt_echo(argc, argv);
	if (strcmp(role, "ids") == 0)
		return vt_ids();
	if (strcmp(role, "orphan") == 0)
		return vt_orphan();
	uio_printf(VT_STDERR, "vigiltest: unknown role '%s'\n", role);
	return 2;
}
