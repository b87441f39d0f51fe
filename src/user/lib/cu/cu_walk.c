/*
 * The chmod/chown tree walk (see cu_walk.h).
 */
#include "cu/cu_walk.h"

#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_dir.h"
#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "glue/glue.h"

typedef struct {
	const char *prog;
	cu_arena_t *arena;
	cu_walk_fn fn;
	void *ctx;
} cu_walk_run_t;

static bool cu_walk_tree(const cu_walk_run_t *w, const char *path, const aegis_stat_t *st)
{
	bool ok = w->fn(w->ctx, path, st);

	if (!cu_mode_is_dir(st->st_mode))
		return ok;
	size_t mark = cu_arena_mark(w->arena);
	cu_dir_list_t list;
	long r = cu_dir_read(path, false, w->arena, &list);
	if (r < 0) {
		cu_msg_err(w->prog, r, "cannot read directory '%s'", path);
		return false;
	}
	for (size_t i = 0; i < list.count; i++) {
		size_t need = strlen(path) + strlen(list.names[i]) + 2;
		char *child = cu_arena_bytes(w->arena, need);
		aegis_stat_t cst;
		if (!child) {
			cu_msg_err(w->prog, -ENOMEM, "cannot read directory '%s'", path);
			ok = false;
			break;
		}
		(void)cu_path_join(path, list.names[i], child, need);
		r = sys_lstat(child, &cst);
		if (r < 0) {
			cu_msg_err(w->prog, r, "cannot access '%s'", child);
			ok = false;
			continue;
		}
		ok = cu_walk_tree(w, child, &cst) && ok;
	}
	cu_arena_release(w->arena, mark);
	return ok;
}

bool cu_walk(const char *prog, const char *path, bool recursive, bool follow_top, cu_arena_t *arena,
	     cu_walk_fn fn, void *ctx)
{
	cu_walk_run_t w = {prog, arena, fn, ctx};
	aegis_stat_t st;
	long r = follow_top ? sys_stat(path, &st) : sys_lstat(path, &st);

	if (r < 0) {
		cu_msg_err(prog, r, "cannot access '%s'", path);
		return false;
	}
	if (!recursive)
		return fn(ctx, path, &st);
	return cu_walk_tree(&w, path, &st);
}
