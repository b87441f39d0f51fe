/*
 * The boot-time namespace (see vfs_boot.h).
 */
#include "fs/vfs_boot.h"

#include <aegis/errno.h>

#include "core/cmdline.h"
#include "core/log.h"
#include "fs/devfs.h"
#include "fs/disk.h"
#include "fs/ext2_vfs.h"
#include "fs/mount.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "fs/rootfs.h"
#include "fs/vfs_union.h"

#define VFS_ROOT_UID 0u
#define VFS_ROOT_GID 0u
#define VFS_DISK_MOUNT "/mnt"
#define VFS_REASON_MAX 160

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

/* The first platform disk, when there is one and it holds ext2, on /mnt: 1 when mounted. */
static unsigned vfs_mount_disk(void)
{
	blockdev_t *dev = disk_get(0);
	if (!dev || cmdline_get()->root_disk)
		return 0; /* root=disk0: the disk is the root already */
	ext2_fs_t *fs = NULL;
	char reason[VFS_REASON_MAX];
	reason[0] = '\0';
	if (ext2_mount(dev, &fs, reason, sizeof(reason)) != 0) {
		boot_mark("VFS", MARK_WARN, "%s not mounted on %s: %s", dev->name, VFS_DISK_MOUNT, reason);
		return 0;
	}
	vnode_t *root = ext2_vfs_root(fs, VNODE_DEV_DYNAMIC);
	int r = root ? vfs_mount_at(VFS_DISK_MOUNT, root) : -ENOMEM;
	if (r != 0) {
		boot_mark("VFS", MARK_WARN, "cannot mount %s on %s (error %d)", dev->name, VFS_DISK_MOUNT, r);
		return 0;
	}
	return 1;
}

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
	mounted += vfs_mount_disk();
	boot_mark("VFS", MARK_OK, "root is %s, %u file systems mounted", fs ? "the initrd over ext2" : "the initrd",
		  mounted);
}

void vfs_reset(void)
{
	vfs_mount_reset();
}
