/*
 * Which boot module is which (spec/initrd.md INITRD-030): the root file
 * system image and the initrd are told apart by the last word of a module's
 * command-line string ("rootfs", "initrd"), and unnamed modules by content
 * (a cpio newc archive starts with "070701").  rootfs.c and initrd_boot.c
 * both choose their module here.
 */
#ifndef AEGIS_KERNEL_FS_INITRD_MODULES_H
#define AEGIS_KERNEL_FS_INITRD_MODULES_H

#include <stdbool.h>

#include "boot/bootinfo.h"

typedef enum {
	BOOT_MODULE_UNNAMED,
	BOOT_MODULE_ROOTFS,
	BOOT_MODULE_INITRD,
} boot_module_role_t;

/* The role a module's string names (its last space-separated word). */
boot_module_role_t initrd_module_role(const char *name);

/* True when the module's bytes begin with the cpio newc magic. */
bool initrd_module_is_cpio(const boot_module_t *mod);

/*
 * The module that plays role (ROOTFS or INITRD): the first one named so,
 * else the first unnamed one whose content fits (not cpio / cpio).
 * Its index, or -1.
 */
long initrd_module_pick(const bootinfo_t *info, boot_module_role_t role);

/* The first module after index `after` named for role, or -1 (for the extra-initrd warning). */
long initrd_module_next_named(const bootinfo_t *info, boot_module_role_t role, size_t after);

#endif
