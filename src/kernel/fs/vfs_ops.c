/*
 * Namespace changes and attribute changes (see vfs_ops.h): permission
 * checks, mount and kind checks, then the file system's op, then the
 * dentry cache.
 */
#include "fs/vfs_ops.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/vfs.h"
#include "proc/cred.h"
#include "proc/proc_cap.h"

#define VFS_MODE_STICKY 01000u
#define VFS_MODE_SETID (CRED_MODE_SET_UID | CRED_MODE_SET_GID)
#define VFS_NAME_MAX 255u

static bool vfs_name_ok(const char *name, size_t len)
{
	return len > 0 && len <= VFS_NAME_MAX && !(len == 1 && name[0] == '.') &&
	       !(len == 2 && name[0] == '.' && name[1] == '.');
}

static bool vfs_read_only(const vnode_t *n)
{
	return n->sb && n->sb->read_only;
}

/* The directory whose file system stores dir's changeable names, or NULL (read-only). */
static vnode_t *vfs_backing(vnode_t *dir)
{
	vnode_t *b = dir->ops->backing ? dir->ops->backing(dir) : dir;
	return b && !vfs_read_only(b) ? b : NULL;
}

/* Whether p may change the namespace in dir: writable file system, then write and search permission. */
static int vfs_may_change(process_t *p, vnode_t *dir)
{
	if (!vfs_backing(dir))
		return -EROFS;
	return vfs_may_access(p, dir, CRED_ACCESS_W | CRED_ACCESS_X);
}

/* The sticky-directory rule: only the file's or the directory's owner removes or renames in it. */
static int vfs_sticky_ok(process_t *p, vnode_t *dir, vnode_t *victim)
{
	if (!p || !(dir->mode & VFS_MODE_STICKY))
		return 0;
	return p->cred.euid == victim->uid || p->cred.euid == dir->uid ? 0 : -EPERM;
}

/* A directory that was removed (a working directory may still be one): nothing new goes in it. */
static bool vfs_dir_removed(const dentry_t *dir)
{
	return dir->unhashed || dir->node->nlink == 0;
}

/* An existing child (borrowed), or -ENOENT. */
static int vfs_child(dentry_t *dir, const char *name, dentry_t **out)
{
	return vfs_lookup_child(dir, name, kstrlen(name), out);
}

/* A new name in dir: free, not too long, and p may change dir. 0 or -errno. */
static int vfs_new_name_ok(process_t *p, dentry_t *dir, const char *name, size_t len)
{
	if (!vnode_is_dir(dir->node))
		return -ENOTDIR;
	if (vfs_dir_removed(dir))
		return -ENOENT;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	dentry_t *existing;
	int r = vfs_child(dir, name, &existing);
	if (r == 0)
		return -EEXIST;
	if (r != -ENOENT)
		return r;
	return vfs_may_change(p, dir->node);
}

int vfs_create(process_t *p, dentry_t *dir, const char *name, const vnode_create_t *what, dentry_t **out)
{
	size_t len = kstrlen(name);
	int r = vfs_new_name_ok(p, dir, name, len);
	if (r != 0)
		return r;
	vnode_t *back = vfs_backing(dir->node);
	if (!back->ops->create)
		return -EROFS;
	vnode_create_t made = *what;
	if (p) {
		/* The caller's effective IDs; a set-group-ID directory gives its group (and its bit to subdirectories). */
		bool setgid_dir = (dir->node->mode & CRED_MODE_SET_GID) != 0;
		made.uid = p->cred.euid;
		made.gid = setgid_dir ? dir->node->gid : p->cred.egid;
		if (setgid_dir && (made.mode & VNODE_MODE_TYPE) == AEGIS_S_IFDIR)
			made.mode |= CRED_MODE_SET_GID;
	}
	vnode_t *n = NULL;
	r = back->ops->create(back, name, len, &made, &n);
	if (r != 0)
		return r;
	dentry_t *d = dentry_add_child(dir, name, len, n);
	if (!d)
		return -ENOMEM;
	dentry_hold(d);
	*out = d;
	return 0;
}

int vfs_link(process_t *p, dentry_t *old, dentry_t *dir, const char *name)
{
	size_t len = kstrlen(name);
	if (vnode_is_dir(old->node))
		return -EPERM;
	int r = vfs_new_name_ok(p, dir, name, len);
	if (r != 0)
		return r;
	vnode_t *back = vfs_backing(dir->node);
	if (old->node->sb != back->sb)
		return -EXDEV;
	if (!back->ops->link)
		return -EPERM;
	r = back->ops->link(back, name, len, old->node);
	if (r != 0)
		return r;
	vnode_hold(old->node);
	return dentry_add_child(dir, name, len, old->node) ? 0 : -ENOMEM;
}

int vfs_remove(process_t *p, dentry_t *dir, const char *name, bool is_dir)
{
	size_t len = kstrlen(name);
	if (len == 1 && name[0] == '.')
		return is_dir ? -EINVAL : -EISDIR;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return is_dir ? -ENOTEMPTY : -EISDIR;
	dentry_t *victim;
	int r = vfs_child(dir, name, &victim);
	if (r != 0)
		return r;
	vnode_t *n = victim->node;
	if (is_dir && !vnode_is_dir(n))
		return -ENOTDIR;
	if (!is_dir && vnode_is_dir(n))
		return -EISDIR;
	if (victim->mounted || victim->root_of)
		return -EBUSY;
	r = vfs_may_change(p, dir->node);
	if (r == 0)
		r = vfs_sticky_ok(p, dir->node, n);
	if (r != 0)
		return r;
	vnode_t *back = vfs_backing(dir->node);
	if (vfs_read_only(n) || n->sb != back->sb || !back->ops->remove)
		return -EROFS;
	dentry_hold(victim);
	r = back->ops->remove(back, name, len, n, is_dir);
	if (r == 0)
		dentry_unhash(victim);
	dentry_put(victim);
	return r;
}

/* Whether d is anc or below it (a directory may not move into itself). */
static bool vfs_is_below(const dentry_t *d, const dentry_t *anc)
{
	for (; d; d = d->parent)
		if (d == anc)
			return true;
	return false;
}

/* rename's checks on the source and an existing target (victim, may be NULL). */
static int vfs_rename_check(process_t *p, dentry_t *old_dir, dentry_t *src, dentry_t *new_dir, dentry_t *victim)
{
	if (src->mounted || src->root_of || (victim && (victim->mounted || victim->root_of)))
		return -EBUSY;
	vnode_t *from = vfs_backing(old_dir->node), *to = vfs_backing(new_dir->node);
	if (!from || !to || vfs_read_only(src->node) || (victim && vfs_read_only(victim->node)))
		return -EROFS;
	if (src->node->sb != to->sb || from->sb != to->sb || (victim && victim->node->sb != to->sb))
		return -EXDEV;
	if (vnode_is_dir(src->node) && vfs_is_below(new_dir, src))
		return -EINVAL;
	if (victim) {
		if (vnode_is_dir(src->node) && !vnode_is_dir(victim->node))
			return -ENOTDIR;
		if (!vnode_is_dir(src->node) && vnode_is_dir(victim->node))
			return -EISDIR;
	}
	int r = vfs_may_change(p, old_dir->node);
	if (r == 0)
		r = vfs_may_change(p, new_dir->node);
	if (r == 0)
		r = vfs_sticky_ok(p, old_dir->node, src->node);
	if (r == 0 && victim)
		r = vfs_sticky_ok(p, new_dir->node, victim->node);
	/* Moving a directory rewrites its "..": it must be writable too. */
	if (r == 0 && vnode_is_dir(src->node) && old_dir != new_dir)
		r = vfs_may_access(p, src->node, CRED_ACCESS_W);
	return r;
}

int vfs_rename(process_t *p, dentry_t *old_dir, const char *old_name, dentry_t *new_dir, const char *new_name,
	       bool noreplace)
{
	size_t old_len = kstrlen(old_name), new_len = kstrlen(new_name);
	if (!vfs_name_ok(old_name, old_len) || !vfs_name_ok(new_name, new_len))
		return new_len > VFS_NAME_MAX ? -ENAMETOOLONG : -EBUSY;
	if (vfs_dir_removed(new_dir))
		return -ENOENT;
	dentry_t *src, *victim = NULL;
	int r = vfs_child(old_dir, old_name, &src);
	if (r != 0)
		return r;
	r = vfs_child(new_dir, new_name, &victim);
	if (r == -ENOENT)
		victim = NULL;
	else if (r != 0)
		return r;
	if (victim && victim->node == src->node)
		return 0; /* the same file: nothing to do, as POSIX says */
	if (victim && noreplace)
		return -EEXIST;
	r = vfs_rename_check(p, old_dir, src, new_dir, victim);
	if (r != 0)
		return r;
	vnode_t *from = vfs_backing(old_dir->node), *to = vfs_backing(new_dir->node);
	if (!from->ops->rename)
		return -EROFS;
	dentry_hold(src);
	if (victim)
		dentry_hold(victim);
	r = from->ops->rename(from, old_name, old_len, to, new_name, new_len);
	if (r == 0) {
		if (victim)
			dentry_unhash(victim);
		dentry_move(src, new_dir, new_name, new_len);
	}
	dentry_put(victim);
	dentry_put(src);
	return r;
}

int vfs_truncate_node(process_t *p, vnode_t *node, uint64_t size, bool check)
{
	if (vnode_is_dir(node))
		return -EISDIR;
	if (!vnode_is_regular(node))
		return -EINVAL;
	if (vfs_read_only(node) || !node->ops->truncate)
		return -EROFS;
	if (check && vfs_may_access(p, node, CRED_ACCESS_W) != 0)
		return -EACCES;
	int r = node->ops->truncate(node, size);
	if (r == 0)
		node->mtime = node->ctime = vnode_now();
	return r;
}

static int vfs_setattr(vnode_t *node)
{
	node->ctime = vnode_now();
	return node->ops->setattr ? node->ops->setattr(node) : 0;
}

static bool vfs_attr_writable(const vnode_t *node)
{
	return !vfs_read_only(node) && node->ops->setattr;
}

int vfs_chmod(process_t *p, vnode_t *node, uint32_t mode)
{
	if (!vfs_attr_writable(node))
		return -EROFS;
	if (p && p->cred.euid != node->uid)
		return -EPERM;
	uint32_t perm = mode & VNODE_MODE_PERM;
	/* A set-group-ID bit for a group the caller is not in is dropped, as Linux does. */
	if (p && !vnode_is_dir(node) && !cred_in_group(&p->cred, node->gid))
		perm &= ~(uint32_t)CRED_MODE_SET_GID;
	node->mode = (node->mode & VNODE_MODE_TYPE) | perm;
	return vfs_setattr(node);
}

/* Giving a file away, or to a group one is not in, takes SETUID(W) (spec/capability-model.md). */
static bool vfs_may_chown_freely(process_t *p)
{
	return proc_cap_holds(p, CAP_KIND_SETUID, CAP_RIGHTS_WRITE);
}

int vfs_chown(process_t *p, vnode_t *node, uint32_t uid, uint32_t gid)
{
	if (!vfs_attr_writable(node))
		return -EROFS;
	bool free = vfs_may_chown_freely(p);
	bool uid_change = uid != CRED_ID_UNCHANGED && uid != node->uid;
	bool gid_change = gid != CRED_ID_UNCHANGED && gid != node->gid;
	/* Each refusal here is one SETUID(W) would lift: -ENOCAP, like the identity calls (CAP-110). */
	if (!free) {
		if (uid_change)
			return -ENOCAP;
		if (gid_change && (p->cred.euid != node->uid || !cred_in_group(&p->cred, gid)))
			return -ENOCAP;
		if (!gid_change && uid != CRED_ID_UNCHANGED && p->cred.euid != node->uid)
			return -ENOCAP;
	}
	if (uid != CRED_ID_UNCHANGED)
		node->uid = uid;
	if (gid != CRED_ID_UNCHANGED)
		node->gid = gid;
	if ((uid_change || gid_change) && !vnode_is_dir(node))
		node->mode &= ~(uint32_t)VFS_MODE_SETID;
	return vfs_setattr(node);
}

int vfs_fsync(vnode_t *node)
{
	return node->ops->sync ? node->ops->sync(node) : 0;
}
