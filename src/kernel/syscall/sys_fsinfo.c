/*
 * statfs, fstatfs and utimensat (spec/filesystems.md FS-028, FS-029):
 * what a file system holds, and a file's access and modification times.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "core/kstring.h"
#include "fs/vfs.h"
#include "proc/cred.h"
#include "proc/proc_cap.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"
#include "syscall/handlers.h"
#include "syscall/user_path.h"

#define FSINFO_NAME_MAX 255
#define FSINFO_BLOCK 4096
#define FSINFO_NS_PER_SEC 1000000000ll

/* The file system that stores node (a union directory's writable layer when it has one). */
static vnode_sb_t *fsinfo_sb(vnode_t *node)
{
	vnode_t *b = node->ops->backing && vnode_is_dir(node) ? node->ops->backing(node) : NULL;
	return b ? b->sb : node->sb;
}

static int64_t fsinfo_put_statfs(process_t *p, vnode_t *node, uint64_t ubuf)
{
	aegis_statfs_t st;
	kmemset(&st, 0, sizeof(st));
	vnode_sb_t *sb = fsinfo_sb(node);
	st.f_bsize = st.f_frsize = FSINFO_BLOCK;
	st.f_namelen = FSINFO_NAME_MAX;
	if (sb) {
		st.f_type = sb->magic;
		st.f_fsid[0] = (int32_t)sb->dev;
		if (sb->statfs)
			sb->statfs(sb, &st);
	}
	return copy_to_user(p, ubuf, &st, sizeof(st)) != 0 ? -EFAULT : 0;
}

SYSCALL_HANDLER(statfs)
{
	dentry_t *d;
	int r = user_path_resolve(p, AEGIS_AT_FDCWD, args->a[0], 0, &d);
	if (r != 0)
		return r;
	int64_t out = fsinfo_put_statfs(p, d->node, args->a[1]);
	dentry_put(d);
	return out;
}

SYSCALL_HANDLER(fstatfs)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->node)
		return -EINVAL;
	return fsinfo_put_statfs(p, f->node, args->a[1]);
}

/* One timespec of utimensat: seconds to store, or *omit. 0 or -EINVAL. */
static int fsinfo_time(const aegis_timespec_t *ts, uint64_t now, uint64_t *out, bool *omit, bool *is_now)
{
	*omit = ts->tv_nsec == AEGIS_UTIME_OMIT;
	*is_now = ts->tv_nsec == AEGIS_UTIME_NOW;
	if (*omit || *is_now) {
		*out = now;
		return 0;
	}
	if (ts->tv_nsec < 0 || ts->tv_nsec >= FSINFO_NS_PER_SEC || ts->tv_sec < 0)
		return -EINVAL;
	*out = (uint64_t)ts->tv_sec;
	return 0;
}

/* Set node's times from times (NULL: both now) for p. */
static int fsinfo_set_times(process_t *p, vnode_t *node, const aegis_timespec_t *times)
{
	uint64_t now = vnode_now(), at = now, mt = now;
	bool at_omit = false, mt_omit = false, at_now = true, mt_now = true;
	if (times) {
		int r = fsinfo_time(&times[0], now, &at, &at_omit, &at_now);
		if (r == 0)
			r = fsinfo_time(&times[1], now, &mt, &mt_omit, &mt_now);
		if (r != 0)
			return r;
	}
	if (at_omit && mt_omit)
		return 0;
	if ((node->sb && node->sb->read_only) || !node->ops->setattr)
		return -EROFS;
	bool owner = !p || p->cred.euid == node->uid;
	/* Explicit times: the owner only.  "Now": the owner or anyone who may write the file. */
	if (!owner && !((at_now || at_omit) && (mt_now || mt_omit)))
		return -EPERM;
	if (!owner && vfs_may_access(p, node, CRED_ACCESS_W) != 0)
		return -EACCES;
	if (!at_omit)
		node->atime = at;
	if (!mt_omit)
		node->mtime = mt;
	node->ctime = now;
	return node->ops->setattr(node);
}

SYSCALL_HANDLER(utimensat)
{
	int dirfd = (int)args->a[0];
	uint32_t flags = (uint32_t)args->a[3];
	if (flags & ~(uint32_t)AEGIS_AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	int gate = proc_cap_require(p, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE); /* CAP-110 */
	if (gate != 0)
		return gate;
	aegis_timespec_t times[2];
	if (args->a[2] && copy_from_user(p, times, args->a[2], sizeof(times)) != 0)
		return -EFAULT;
	const aegis_timespec_t *tp = args->a[2] ? times : NULL;
	if (!args->a[1]) {
		/* futimens: the descriptor itself. */
		file_t *f = fdtable_get(&p->fds, dirfd);
		if (!f)
			return -EBADF;
		return f->node ? fsinfo_set_times(p, f->node, tp) : -EINVAL;
	}
	dentry_t *d;
	int r = user_path_resolve(p, dirfd, args->a[1], (flags & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &d);
	if (r != 0)
		return r;
	r = fsinfo_set_times(p, d->node, tp);
	dentry_put(d);
	return r;
}
