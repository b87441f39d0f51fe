/*
 * Choosing the root image and the initrd among the boot modules
 * (spec/initrd.md INITRD-030; see initrd_modules.h).
 */
#include "fs/initrd_modules.h"

#include "core/kstring.h"
#include "mm/vmm.h"

#define CPIO_MAGIC "070701"
#define CPIO_MAGIC_LEN 6u

static bool word_is(const char *word, size_t len, const char *want)
{
	return len == kstrlen(want) && kmemcmp(word, want, len) == 0;
}

boot_module_role_t initrd_module_role(const char *name)
{
	if (name == NULL)
		return BOOT_MODULE_UNNAMED;
	size_t end = kstrlen(name);
	while (end > 0 && name[end - 1] == ' ')
		end--;
	size_t start = end;
	while (start > 0 && name[start - 1] != ' ')
		start--;
	if (word_is(name + start, end - start, "rootfs"))
		return BOOT_MODULE_ROOTFS;
	if (word_is(name + start, end - start, "initrd"))
		return BOOT_MODULE_INITRD;
	return BOOT_MODULE_UNNAMED;
}

bool initrd_module_is_cpio(const boot_module_t *mod)
{
	if (mod->end < mod->start || mod->end - mod->start < CPIO_MAGIC_LEN)
		return false;
	const void *bytes = vmm_phys_to_virt(mod->start);
	return bytes != NULL && kmemcmp(bytes, CPIO_MAGIC, CPIO_MAGIC_LEN) == 0;
}

long initrd_module_next_named(const bootinfo_t *info, boot_module_role_t role, size_t after)
{
	for (size_t i = after + 1u; i < info->module_count; i++)
		if (initrd_module_role(info->modules[i].name) == role)
			return (long)i;
	return -1;
}

long initrd_module_pick(const bootinfo_t *info, boot_module_role_t role)
{
	for (size_t i = 0; i < info->module_count; i++)
		if (initrd_module_role(info->modules[i].name) == role)
			return (long)i;
	bool want_cpio = role == BOOT_MODULE_INITRD;
	for (size_t i = 0; i < info->module_count; i++) {
		const boot_module_t *mod = &info->modules[i];
		if (initrd_module_role(mod->name) == BOOT_MODULE_UNNAMED && initrd_module_is_cpio(mod) == want_cpio)
			return (long)i;
	}
	return -1;
}
