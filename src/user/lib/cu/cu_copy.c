/*
 * cp's copy walk (see cu_copy.h).
 */
#include "cu/cu_copy.h"

#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cu/cu_dir.h"
#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "cu/cu_stream.h"
#include "glue/glue.h"

#define COPY_OWNER_RWX 0700u
#define COPY_PERM_BITS 0777u
#define COPY_NO_ID ((uint32_t)-1)

typedef struct {
	const cu_copy_opts_t *o;
	uint32_t umask;
} cu_copy_run_t;

static bool cu_copy_walk(const cu_copy_run_t *run, const char *src, const char *dst, bool top);

static bool cu_copy_fail(const cu_copy_opts_t *o, long err, const char *what, const char *path)
{
	cu_msg_err(o->prog, err, "%s '%s'", what, path);
	return false;
}

/* Owner, mode and times of st onto dst (-p); an owner change the caller may not make is skipped, as GNU does. */
static bool cu_copy_keep(const cu_copy_opts_t *o, const aegis_stat_t *st, const char *dst)
{
	aegis_timespec_t times[2] = {{(int64_t)st->st_atime_sec, (int64_t)st->st_atime_nsec},
				     {(int64_t)st->st_mtime_sec, (int64_t)st->st_mtime_nsec}};
	bool link = cu_mode_is_link(st->st_mode);
	long r;

	if (link)
		(void)sys_lchown(dst, st->st_uid, st->st_gid);
	else if (sys_chown(dst, st->st_uid, st->st_gid) < 0)
		(void)sys_chown(dst, COPY_NO_ID, st->st_gid);
	if (!link) {
		r = sys_chmod(dst, st->st_mode & CU_MODE_PERM_MASK);
		if (r < 0)
			return cu_copy_fail(o, r, "preserving permissions for", dst);
	}
	r = sys_utimensat(AEGIS_AT_FDCWD, dst, times, link ? AEGIS_AT_SYMLINK_NOFOLLOW : 0);
	if (r < 0)
		return cu_copy_fail(o, r, "preserving times for", dst);
	return true;
}

static bool cu_copy_data(const cu_copy_opts_t *o, const aegis_stat_t *st, const char *src, const char *dst,
			 bool dst_exists)
{
	int wflags = AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC | AEGIS_O_CLOEXEC;
	long in = sys_open(src, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	if (in < 0) {
		cu_msg_err(o->prog, in, "cannot open '%s' for reading", src);
		return false;
	}
	long out = sys_open(dst, wflags, st->st_mode & COPY_PERM_BITS);
	if (out < 0 && o->force && dst_exists && sys_unlink(dst) == 0)
		out = sys_open(dst, wflags, st->st_mode & COPY_PERM_BITS);
	if (out < 0) {
		sys_close((int)in);
		return cu_copy_fail(o, out, "cannot create regular file", dst);
	}
	bool write_side;
	long r = cu_stream_copy((int)in, (int)out, &write_side);
	sys_close((int)in);
	long c = sys_close((int)out);
	if (r < 0)
		return cu_copy_fail(o, r, write_side ? "error writing" : "error reading", write_side ? dst : src);
	if (c < 0)
		return cu_copy_fail(o, c, "failed to close", dst);
	return true;
}

static bool cu_copy_link(const cu_copy_opts_t *o, const char *src, const char *dst, bool dst_exists)
{
	static char target[CU_PATH_MAX];
	long n = sys_readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		return cu_copy_fail(o, n, "cannot read symbolic link", src);
	target[n] = '\0';
	if (dst_exists)
		(void)sys_unlink(dst);
	long r = sys_symlink(target, dst);
	return r < 0 ? cu_copy_fail(o, r, "cannot create symbolic link", dst) : true;
}

static bool cu_copy_dir(const cu_copy_run_t *run, const aegis_stat_t *st, const char *src, const char *dst,
			bool dst_exists)
{
	const cu_copy_opts_t *o = run->o;
	size_t sl = strlen(src);

	if (!o->recursive) {
		cu_msg(o->prog, "-r not specified; omitting directory '%s'", src);
		return false;
	}
	if (strncmp(dst, src, sl) == 0 && dst[sl] == '/') {
		cu_msg(o->prog, "cannot copy a directory, '%s', into itself, '%s'", src, dst);
		return false;
	}
	if (!dst_exists) {
		long r = sys_mkdir(dst, (st->st_mode & COPY_PERM_BITS) | COPY_OWNER_RWX);
		if (r < 0)
			return cu_copy_fail(o, r, "cannot create directory", dst);
	}
	if (o->verbose)
		cu_out_printf(o->out, "'%s' -> '%s'\n", src, dst);
	size_t mark = cu_arena_mark(o->arena);
	cu_dir_list_t list;
	long r = cu_dir_read(src, false, o->arena, &list);
	bool ok = true;
	if (r < 0)
		ok = cu_copy_fail(o, r, "cannot access", src);
	for (size_t i = 0; ok && i < list.count; i++) {
		size_t need = strlen(src) + strlen(dst) + 2 * strlen(list.names[i]) + 4;
		char *s = cu_arena_bytes(o->arena, need);
		if (!s) {
			ok = cu_copy_fail(o, -ENOMEM, "cannot copy", src);
			break;
		}
		char *d = s + strlen(src) + strlen(list.names[i]) + 2;
		(void)cu_path_join(src, list.names[i], s, (size_t)(d - s));
		(void)cu_path_join(dst, list.names[i], d, need - (size_t)(d - s));
		ok = cu_copy_walk(run, s, d, false) && ok;
	}
	cu_arena_release(o->arena, mark);
	if (!dst_exists && !o->preserve && (st->st_mode & COPY_OWNER_RWX) != COPY_OWNER_RWX)
		(void)sys_chmod(dst, st->st_mode & COPY_PERM_BITS & ~run->umask);
	return ok;
}

static bool cu_copy_walk(const cu_copy_run_t *run, const char *src, const char *dst, bool top)
{
	const cu_copy_opts_t *o = run->o;
	aegis_stat_t st, dst_st;
	long r = o->no_deref ? sys_lstat(src, &st) : sys_stat(src, &st);

	if (r < 0)
		return cu_copy_fail(o, r, "cannot stat", src);
	bool dst_exists = sys_lstat(dst, &dst_st) == 0;
	aegis_stat_t dst_follow;
	if (dst_exists && sys_stat(dst, &dst_follow) == 0 && dst_follow.st_dev == st.st_dev &&
	    dst_follow.st_ino == st.st_ino && !cu_mode_is_link(st.st_mode)) {
		cu_msg(o->prog, "'%s' and '%s' are the same file", src, dst);
		return false;
	}
	if (dst_exists && o->no_clobber && (top || !cu_mode_is_dir(st.st_mode)))
		return true;
	bool ok;
	if (cu_mode_is_dir(st.st_mode)) {
		if (dst_exists && !cu_mode_is_dir(dst_st.st_mode)) {
			cu_msg(o->prog, "cannot overwrite non-directory '%s' with directory '%s'", dst, src);
			return false;
		}
		ok = cu_copy_dir(run, &st, src, dst, dst_exists);
	} else if (dst_exists && cu_mode_is_dir(dst_st.st_mode)) {
		cu_msg(o->prog, "cannot overwrite directory '%s' with non-directory", dst);
		return false;
	} else if (cu_mode_is_link(st.st_mode)) {
		ok = cu_copy_link(o, src, dst, dst_exists);
	} else if ((st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFIFO && o->recursive) {
		if (dst_exists)
			(void)sys_unlink(dst);
		r = sys_mknod(dst, AEGIS_S_IFIFO | (st.st_mode & COPY_PERM_BITS), 0);
		ok = r < 0 ? cu_copy_fail(o, r, "cannot create fifo", dst) : true;
	} else {
		ok = cu_copy_data(o, &st, src, dst, dst_exists);
	}
	if (ok && o->verbose && !cu_mode_is_dir(st.st_mode))
		cu_out_printf(o->out, "'%s' -> '%s'\n", src, dst);
	if (ok && o->preserve)
		ok = cu_copy_keep(o, &st, dst);
	return ok;
}

bool cu_copy(const cu_copy_opts_t *o, const char *src, const char *dst)
{
	cu_copy_run_t run = {o, 0};
	long old = sys_umask(0);

	run.umask = (uint32_t)old;
	(void)sys_umask((uint32_t)old);
	return cu_copy_walk(&run, src, dst, true);
}
