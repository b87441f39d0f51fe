/*
 * The boot-time namespace (see vfs_boot.h).
 */
#include "fs/vfs_boot.h"

#include <aegis/errno.h>

#include "core/log.h"
#include "fs/devfs.h"
#include "fs/ext2_vfs.h"
#include "fs/mount.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "fs/rootfs.h"
#include "fs/vfs_union.h"

#define VFS_ROOT_UID 0u
#define VFS_ROOT_GID 0u

typedef struct {
	const char *path;
	vnode_t *(*make)(void);
} vfs_boot_mount_t;

static vnode_t *vfs_make_tmp(void)
{
	return ramfs_new(VFS_TMP_LIMIT, VFS_TMP_PERM, VFS_ROOT_UID, VFS_ROOT_GID);
}

static vnode_t *vfs_make_run(void)
{
	return ramfs_new(VFS_RUN_LIMIT, VFS_RUN_PERM, VFS_ROOT_UID, VFS_ROOT_GID);
}

static const vfs_boot_mount_t vfs_boot_mounts[] = {
	{ "/dev", devfs_new_root },
	{ "/proc", procfs_new_root },
	{ "/tmp", vfs_make_tmp },
	{ "/run", vfs_make_run },
};
#define VFS_BOOT_MOUNTS (sizeof(vfs_boot_mounts) / sizeof(vfs_boot_mounts[0]))

void vfs_boot(void)
{
	ext2_fs_t *fs = rootfs_get();
	vnode_t *lower = fs ? ext2_vfs_root(fs, VNODE_DEV_EXT2) : NULL;
	vnode_t *root = vfs_union_root(lower);
	int r = root ? vfs_mount_root(root) : -ENOMEM;
	if (r != 0) {
		boot_mark("VFS", MARK_FAIL, "cannot mount the root (error %d)", r);
		return;
	}
	unsigned mounted = 1;
	for (size_t i = 0; i < VFS_BOOT_MOUNTS; i++) {
		vnode_t *n = vfs_boot_mounts[i].make();
		r = n ? vfs_mount_at(vfs_boot_mounts[i].path, n) : -ENOMEM;
		if (r != 0) {
			boot_mark("VFS", MARK_WARN, "cannot mount %s (error %d)", vfs_boot_mounts[i].path, r);
			continue;
		}
		mounted++;
	}
	boot_mark("VFS", MARK_OK, "root is %s, %u file systems mounted", fs ? "the initrd over ext2" : "the initrd",
		  mounted);
}

void vfs_reset(void)
{
	vfs_mount_reset();
}
