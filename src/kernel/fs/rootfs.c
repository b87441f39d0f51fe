/*
 * Mounting the root file system from its boot module (see rootfs.h): the
 * module named "rootfs", or else the first unnamed one that is not a cpio
 * archive (spec/initrd.md INITRD-030).
 *
 * The module's bytes stay where the boot loader put them (the PMM reserves
 * every module) and are reached through the direct map; the RAM disk is
 * writable, so changes last until the machine stops.
 */
#include "fs/rootfs.h"

#include "core/cmdline.h"
#include "core/log.h"
#include "fs/disk.h"
#include "fs/blockdev.h"
#include "fs/initrd_modules.h"
#include "mm/vmm.h"

#define ROOTFS_DEVICE "ramdisk0"
#define ROOTFS_REASON_MAX 160
#define KIB 1024u

static blockdev_t root_device;
static ext2_fs_t *root_fs;

ext2_fs_t *rootfs_get(void)
{
	return root_fs;
}

/* root=disk0: the first platform disk holds the root's ext2, so changes reach its image file. */
static void rootfs_mount_disk(void)
{
	blockdev_t *dev = disk_get(0);
	if (!dev) {
		boot_mark("EXT2", MARK_FAIL, "root=disk0 but there is no disk");
		return;
	}
	char reason[ROOTFS_REASON_MAX];
	reason[0] = '\0';
	if (ext2_mount(dev, &root_fs, reason, sizeof(reason)) != 0) {
		root_fs = NULL;
		boot_mark("EXT2", MARK_FAIL, "%s: %s", dev->name, reason[0] ? reason : "not an ext2 file system");
	}
}

void rootfs_mount_from_boot(const bootinfo_t *info)
{
	root_fs = NULL;
	if (cmdline_get()->root_disk) {
		rootfs_mount_disk();
		return;
	}
	if (info->module_count == 0) {
		boot_mark("RAMDISK", MARK_WARN, "no boot module, running without a root file system");
		return;
	}
	long index = initrd_module_pick(info, BOOT_MODULE_ROOTFS);
	if (index < 0) {
		boot_mark("RAMDISK", MARK_WARN, "no root file system module, running without a root file system");
		return;
	}
	const boot_module_t *mod = &info->modules[index];
	uint64_t bytes = mod->end > mod->start ? mod->end - mod->start : 0;
	if (ramdisk_init(&root_device, ROOTFS_DEVICE, vmm_phys_to_virt(mod->start), bytes, false) != 0) {
		boot_mark("RAMDISK", MARK_FAIL, "boot module %ld of %lu bytes is too small for a disk", index,
		          (unsigned long)bytes);
		return;
	}
	boot_mark("RAMDISK", MARK_OK, "%s, %lu KiB from boot module %ld", ROOTFS_DEVICE, (unsigned long)(bytes / KIB),
	          index);
	char reason[ROOTFS_REASON_MAX];
	reason[0] = '\0';
	if (ext2_mount(&root_device, &root_fs, reason, sizeof(reason)) != 0) {
		root_fs = NULL;
		boot_mark("EXT2", MARK_FAIL, "%s: %s", ROOTFS_DEVICE, reason[0] ? reason : "not an ext2 file system");
	}
}
