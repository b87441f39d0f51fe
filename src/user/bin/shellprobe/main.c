/*
 * shellprobe: a stand-in login shell for login's system tests
 * (tests/auth-flow/test_login.py), installed in test images as /bin/stsh.
 * It prints, one "shellprobe: " line each, what login handed over: argv[0],
 * the monotonic time, the ids and groups, the working directory, the
 * login environment, the capability kinds held and the lines of the auth
 * log (AUTH-077) before the caps line, then exits 0.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/cap.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "slog/slog.h"
#include "uio/uio.h"

#define SP_OUT 1
#define SP_CLOCK_MONOTONIC 1
#define SP_MS_PER_SEC 1000
#define SP_NS_PER_MS 1000000
#define SP_GROUPS_MAX 64
#define SP_ID_TEXT_MAX 12 /* one id in decimal and a comma */
#define SP_CWD_MAX 256
#define SP_LOG_MAX 8192 /* bytes of the auth log shown */

static const char *const sp_env_names[] = { "HOME=", "USER=", "LOGNAME=", "SHELL=", "PATH=" };

static void sp_list_ids(char *out, size_t cap, const uint32_t *ids, long n)
{
	size_t used = 0;

	out[0] = '\0';
	for (long i = 0; i < n && used < cap; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s%u", i ? "," : "", ids[i]);
}

static void sp_caps(void)
{
	cap_slot_t slots[CAP_TABLE_SLOTS];
	uint32_t kinds[CAP_TABLE_SLOTS] = { 0 };
	char list[CAP_TABLE_SLOTS * SP_ID_TEXT_MAX];
	long n = sys_cap_query(0, slots, sizeof(slots));
	long held = 0;

	for (long i = 0; i < n; i++)
		if (slots[i].kind != CAP_KIND_NULL && slots[i].rights != 0)
			kinds[held++] = slots[i].kind;
	sp_list_ids(list, sizeof(list), kinds, held);
	uio_printf(SP_OUT, "shellprobe: caps %s\n", n < 0 ? "error" : list);
}

/* One "shellprobe: log <line>" per line of the auth log (the caps line stays last). */
static void sp_log(void)
{
	static char text[SP_LOG_MAX + 1];
	long fd = sys_open(SLOG_AUTH, AEGIS_O_RDONLY, 0);
	long len = 0, r;

	if (fd < 0) {
		uio_printf(SP_OUT, "shellprobe: log unreadable (error %ld)\n", fd);
		return;
	}
	while (len < SP_LOG_MAX && (r = sys_read((int)fd, text + len, SP_LOG_MAX - (size_t)len)) > 0)
		len += r;
	sys_close((int)fd);
	text[len] = '\0';
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		uio_printf(SP_OUT, "shellprobe: log %.*s\n", (int)n, line);
		line += n + (end != NULL);
	}
}

int main(int argc, char **argv, char **envp)
{
	uint32_t groups[SP_GROUPS_MAX];
	char list[SP_GROUPS_MAX * SP_ID_TEXT_MAX];
	char cwd[SP_CWD_MAX] = "";
	aegis_timespec_t ts = { 0, 0 };
	long n = sys_getgroups(SP_GROUPS_MAX, groups);

	(void)argc;
	(void)sys_clock_gettime(SP_CLOCK_MONOTONIC, &ts);
	uio_printf(SP_OUT, "shellprobe: argv0 %s at %ld ms\n", argv[0],
		   (long)(ts.tv_sec * SP_MS_PER_SEC + ts.tv_nsec / SP_NS_PER_MS));
	sp_list_ids(list, sizeof(list), groups, n);
	uio_printf(SP_OUT, "shellprobe: ids uid=%ld euid=%ld gid=%ld egid=%ld groups=%s\n", sys_getuid(),
		   sys_geteuid(), sys_getgid(), sys_getegid(), n < 0 ? "error" : list);
	if (sys_getcwd(cwd, sizeof(cwd)) < 0)
		strcpy(cwd, "?");
	uio_printf(SP_OUT, "shellprobe: cwd %s\n", cwd);
	for (size_t k = 0; k < sizeof(sp_env_names) / sizeof(sp_env_names[0]); k++)
		for (char **e = envp; e && *e; e++)
			if (strncmp(*e, sp_env_names[k], strlen(sp_env_names[k])) == 0)
				uio_printf(SP_OUT, "shellprobe: env %s\n", *e);
	sp_log();
	sp_caps();
	return 0;
}
