/*
 * /bin/stsh: the capability-aware shell of Aegis (spec/shell.md).  The
 * shell library (src/user/lib/shell) does the work; this file gives it its
 * name, the `caps` builtin and the prompt "user@host:cwd# ", where '#' means
 * an authenticated admin session (SH-085): the shell holds CAP_GRANT, which
 * only the admin tier of its policy (/etc/aegis/caps.d/stsh) gives, and
 * only after login's auth_session.  Otherwise the prompt ends in '$'.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/cap.h>

#include "glue/glue.h"
#include "ident/ident_names.h"
#include "shell/sh_shell.h"

#define STSH_NAME_MAX 64

static ident_db_t stsh_ids;

static bool stsh_admin(void)
{
	cap_slot_t slots[CAP_TABLE_SLOTS];
	long n = sys_cap_query(0, slots, sizeof(slots));

	for (long i = 0; i < n; i++)
		if (slots[i].kind == CAP_KIND_CAP_GRANT && slots[i].rights != 0)
			return true;
	return false;
}

static void stsh_prompt(sh_shell_t *sh, char *out, size_t cap)
{
	char user[STSH_NAME_MAX];
	char cwd[SH_PATH_MAX];
	aegis_utsname_t uts;
	const char *home = sh_vars_get(&sh->vars, "HOME", strlen("HOME"));
	size_t hlen = home != NULL ? strlen(home) : 0;
	uint32_t euid = (uint32_t)sys_geteuid();

	if (!ident_user_name(&stsh_ids, euid, user, sizeof(user)))
		snprintf(user, sizeof(user), "%u", euid);
	if (sys_uname(&uts) < 0)
		snprintf(uts.nodename, sizeof(uts.nodename), "aegis");
	if (sys_getcwd(cwd, sizeof(cwd)) < 0)
		snprintf(cwd, sizeof(cwd), "?");
	const char *shown = cwd;
	const char *tilde = "";
	if (hlen > 1 && strncmp(cwd, home, hlen) == 0 && (cwd[hlen] == '\0' || cwd[hlen] == '/')) {
		tilde = "~";
		shown = cwd + hlen;
	}
	snprintf(out, cap, "%s@%s:%s%s%c ", user, uts.nodename, tilde, shown, stsh_admin() ? '#' : '$');
}

int main(int argc, char **argv, char **envp)
{
	static const sh_config_t cfg = { "stsh", true, stsh_prompt };

	ident_db_load(&stsh_ids);
	return sh_main(&cfg, argc, argv, envp);
}
