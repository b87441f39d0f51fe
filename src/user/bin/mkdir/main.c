/*
 * /bin/mkdir: make directories, like GNU mkdir (spec/coreutils.md CU-140).
 *
 *   mkdir [-p] [-m MODE] [-v] DIRECTORY...
 *
 * -p makes missing parents (u+wx, as GNU) and accepts existing directories;
 * -m sets the new directories' mode (octal or symbolic, not masked by the
 * umask); -v says `mkdir: created directory 'x'` for each one made.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_mode.h"
#include "cu/cu_modechange.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "mkdir"
#define MKDIR_ALL 0777u
#define MKDIR_PARENT_EXTRA 0300u /* u+wx on parents, so the next level can be made */
#define USAGE \
	"Usage: mkdir [OPTION]... DIRECTORY...\n" \
	"Create the DIRECTORY(ies), if they do not already exist.\n" \
	"  -m MODE  set file mode (as in chmod), not a=rwx - umask\n" \
	"  -p       no error if existing, make parent directories as needed\n" \
	"  -v       print a message for each created directory\n"

typedef struct {
	bool parents, verbose, help;
	const char *mode;
} mkdir_opts_t;

static int mkdir_opt(void *ctx, int opt, const char *arg)
{
	mkdir_opts_t *o = ctx;

	switch (opt) {
	case 'p': o->parents = true; return 0;
	case 'v': o->verbose = true; return 0;
	case 'm': o->mode = arg; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool mkdir_one(const mkdir_opts_t *o, const char *path, uint32_t mode, bool explicit_mode, bool last)
{
	long r = sys_mkdir(path, mode);
	aegis_stat_t st;

	if (r == -EEXIST && (o->parents || !last) && sys_stat(path, &st) == 0 && cu_mode_is_dir(st.st_mode))
		return true;
	if (r < 0) {
		cu_msg_err(PROG, r, "cannot create directory '%s'", path);
		return false;
	}
	if (o->verbose)
		uio_printf(CU_STDOUT, "mkdir: created directory '%s'\n", path);
	if (explicit_mode && (r = sys_chmod(path, mode)) < 0) {
		cu_msg_err(PROG, r, "cannot set permissions of '%s'", path);
		return false;
	}
	return true;
}

/* Each missing ancestor of path, outermost first. */
static bool mkdir_parents(const mkdir_opts_t *o, const char *path, uint32_t umask)
{
	static char prefix[CU_PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof(prefix)) {
		cu_msg_err(PROG, -ENAMETOOLONG, "cannot create directory '%s'", path);
		return false;
	}
	for (size_t i = 1; i < len; i++) {
		if (path[i] != '/' || path[i - 1] == '/')
			continue;
		memcpy(prefix, path, i);
		prefix[i] = '\0';
		if (!mkdir_one(o, prefix, (MKDIR_ALL & ~umask) | MKDIR_PARENT_EXTRA, false, false))
			return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	mkdir_opts_t o = {0};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "pvm:", 0, mkdir_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	uint32_t umask = (uint32_t)sys_umask(0);
	(void)sys_umask(umask);
	uint32_t mode = MKDIR_ALL;
	if (o.mode && cu_mode_change(o.mode, MKDIR_ALL, true, umask, &mode) < 0) {
		cu_msg(PROG, "invalid mode '%s'", o.mode);
		return CU_EXIT_FAIL;
	}
	if (n == 0) {
		cu_msg(PROG, "missing operand");
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	int status = CU_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		bool ok = !o.parents || mkdir_parents(&o, argv[i], umask);
		if (!ok || !mkdir_one(&o, argv[i], mode & CU_MODE_PERM_MASK, o.mode != NULL, true))
			status = CU_EXIT_FAIL;
	}
	return status;
}
