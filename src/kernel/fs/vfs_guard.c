/*
 * The capability gates on particular files (see vfs_guard.h).
 */
#include "fs/vfs_guard.h"

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "core/kstring.h"
#include "fs/vfs.h"
#include "proc/proc_cap.h"

#define VFS_GUARD_SHADOW_DIR "/etc"
#define VFS_GUARD_SHADOW_NAME "shadow"
#define VFS_GUARD_PATH_MAX 8u /* enough to tell "/etc" from anything else */

static int vfs_guard_auth(process_t *p)
{
	return proc_cap_require(p, CAP_KIND_AUTH, CAP_RIGHTS_READ);
}

int vfs_guard_create(process_t *p, struct dentry *dir, const char *name)
{
	if (!p || kstrcmp(name, VFS_GUARD_SHADOW_NAME) != 0)
		return 0;
	char path[VFS_GUARD_PATH_MAX];
	if (dentry_path(dir, path, sizeof(path)) < 0 || kstrcmp(path, VFS_GUARD_SHADOW_DIR) != 0)
		return 0;
	return vfs_guard_auth(p);
}

int vfs_guard_open(process_t *p, vnode_t *node)
{
	if (!p || !vnode_is_regular(node))
		return 0;
	dentry_t *shadow = NULL;
	if (vfs_resolve(NULL, NULL, VFS_GUARD_SHADOW, 0, &shadow) != 0)
		return 0; /* no /etc/shadow: nothing to guard */
	bool guarded = shadow->node == node;
	dentry_put(shadow);
	return guarded ? vfs_guard_auth(p) : 0;
}
