/*
 * rm's removal walk (see cu_remove.h): a directory's names are read whole
 * first (cu_dir), removed one by one, and the directory last.
 */
#include "cu/cu_remove.h"

#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_dir.h"
#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "glue/glue.h"

static bool cu_remove_failed(const cu_remove_opts_t *o, const char *path, long err)
{
	cu_msg_err(o->prog, err, "cannot remove '%s'", path);
	return false;
}

static bool cu_remove_contents(const cu_remove_opts_t *o, const char *path)
{
	static char child[CU_PATH_MAX]; /* used only between the join and the recursive call */
	size_t mark = cu_arena_mark(o->arena);
	cu_dir_list_t list;
	long r = cu_dir_read(path, false, o->arena, &list);
	bool ok = true;

	if (r < 0)
		return cu_remove_failed(o, path, r);
	for (size_t i = 0; i < list.count; i++) {
		r = cu_path_join(path, list.names[i], child, sizeof(child));
		if (r < 0) {
			ok = cu_remove_failed(o, list.names[i], r);
			continue;
		}
		size_t len = strlen(child) + 1;
		char *copy = cu_arena_bytes(o->arena, len);
		if (!copy) {
			ok = cu_remove_failed(o, child, -ENOMEM);
			continue;
		}
		memcpy(copy, child, len);
		ok = cu_remove(o, copy) && ok;
	}
	cu_arena_release(o->arena, mark);
	return ok;
}

bool cu_remove(const cu_remove_opts_t *o, const char *path)
{
	aegis_stat_t st;
	long r = sys_lstat(path, &st);

	if (r < 0) {
		if (o->force && r == -ENOENT)
			return true;
		return cu_remove_failed(o, path, r);
	}
	if (!cu_mode_is_dir(st.st_mode)) {
		r = sys_unlink(path);
		if (r < 0)
			return cu_remove_failed(o, path, r);
		if (o->verbose)
			cu_out_printf(o->out, "removed '%s'\n", path);
		return true;
	}
	if (!o->recursive && !o->dirs)
		return cu_remove_failed(o, path, -EISDIR);
	if (o->recursive && !cu_remove_contents(o, path))
		return false;
	r = sys_rmdir(path);
	if (r < 0)
		return cu_remove_failed(o, path, r);
	if (o->verbose)
		cu_out_printf(o->out, "removed directory '%s'\n", path);
	return true;
}
