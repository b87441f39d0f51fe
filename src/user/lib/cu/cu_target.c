/*
 * The SOURCE... DEST operand rules (see cu_target.h).
 */
#include "cu/cu_target.h"

#include <aegis/errno.h>

#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define TARGET_MIN_OPERANDS 2

static bool cu_target_is_dir(const char *path, bool no_deref)
{
	aegis_stat_t st;

	if (no_deref && sys_lstat(path, &st) == 0 && cu_mode_is_link(st.st_mode))
		return false;
	return sys_stat(path, &st) == 0 && cu_mode_is_dir(st.st_mode);
}

int cu_target_each(const char *prog, int n, char **ops, bool no_deref_target, cu_target_fn fn, void *ctx)
{
	static char dst[CU_PATH_MAX];
	static char base[CU_PATH_MAX];

	if (n == 0) {
		cu_msg(prog, "missing file operand");
		cu_usage_try(prog);
		return CU_EXIT_FAIL;
	}
	if (n < TARGET_MIN_OPERANDS) {
		cu_msg(prog, "missing destination file operand after '%s'", ops[0]);
		cu_usage_try(prog);
		return CU_EXIT_FAIL;
	}
	const char *target = ops[n - 1];
	bool into = cu_target_is_dir(target, no_deref_target);
	if (!into && n > TARGET_MIN_OPERANDS) {
		cu_msg(prog, "target '%s' is not a directory", target);
		return CU_EXIT_FAIL;
	}
	if (!into)
		return fn(ctx, ops[0], target) ? CU_EXIT_OK : CU_EXIT_FAIL;
	int status = CU_EXIT_OK;
	for (int i = 0; i < n - 1; i++) {
		long r = cu_path_base(ops[i], base, sizeof(base));
		if (r == 0)
			r = cu_path_join(target, base, dst, sizeof(dst));
		if (r < 0) {
			cu_msg_err(prog, r, "cannot use '%s'", ops[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		if (!fn(ctx, ops[i], dst))
			status = CU_EXIT_FAIL;
	}
	return status;
}
