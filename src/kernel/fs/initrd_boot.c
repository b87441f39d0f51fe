/*
 * The boot initrd: find the initrd module, parse it in place through the
 * direct map, print the [INITRD] marker and keep the index for lookups
 * (spec/initrd.md INITRD-030, INITRD-031).  A bad archive is reported and
 * the boot goes on without an initrd.
 */
#include <aegis/errno.h>

#include "core/log.h"
#include "fs/initrd.h"
#include "fs/initrd_modules.h"
#include "mm/vmm.h"

static initrd_t *boot_initrd;

const initrd_t *initrd_get(void)
{
	return boot_initrd;
}

int initrd_lookup(const char *path, initrd_entry_t *out)
{
	if (boot_initrd == NULL)
		return -ENOENT;
	return initrd_find(boot_initrd, path, out);
}

void initrd_mount_from_boot(const bootinfo_t *info)
{
	/* Called once per boot.  A second call forgets an earlier index without
	 * freeing it: in tests that index may belong to a machine already gone. */
	boot_initrd = NULL;
	long index = initrd_module_pick(info, BOOT_MODULE_INITRD);
	if (index < 0) {
		boot_mark("INITRD", MARK_SKIP, "no initrd module");
		return;
	}
	const boot_module_t *mod = &info->modules[index];
	if (mod->end < mod->start) {
		boot_mark("INITRD", MARK_FAIL, "boot module %ld ends before it starts", index);
		return;
	}
	char reason[INITRD_REASON_MAX];
	const void *base = vmm_phys_to_virt(mod->start);
	initrd_t *rd;
	if (initrd_parse(base, (size_t)(mod->end - mod->start), &rd, reason, sizeof(reason)) != 0) {
		boot_mark("INITRD", MARK_FAIL, "%s", reason);
		return;
	}
	boot_initrd = rd;
	long extra = initrd_module_next_named(info, BOOT_MODULE_INITRD, (size_t)index);
	if (extra >= 0)
		boot_mark("INITRD", MARK_WARN, "%lu files registered, boot module %ld ignored (only one initrd)",
		          (unsigned long)initrd_count(rd), extra);
	else
		boot_mark("INITRD", MARK_OK, "%lu files registered", (unsigned long)initrd_count(rd));
}
