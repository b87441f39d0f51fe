/*
 * The kernel's own address space, built once at boot.
 *
 * Two things are mapped and nothing else: the kernel image at its link
 * address (writable and executable: the image is not yet split by section)
 * and every physical address from 0 to the end of the highest memory-map
 * region at the direct-map base (holes included, so the legacy first MiB and
 * ACPI tables stay reachable; nothing at or above PMM_MAX_PHYS).  There is no identity
 * map.  The direct map uses 2 MiB pages wherever both addresses allow it.
 *
 * Tables come from the PMM, which until activation hands out only pages the
 * boot-time direct map reaches; after activation the PMM may use everything
 * the new direct map reaches (pmm_extend_reach).
 */
#include <aegis/errno.h>

#include "core/log.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/vmm_internal.h"
#include "platform.h"

#define VMM_MIB (1ull << 20)

static const char *vmm_error_text(int err)
{
	switch (err) {
	case -ENOMEM:
		return "out of physical memory";
	case -EEXIST:
		return "address already mapped (overlapping layout)";
	default:
		return "invalid address in the layout";
	}
}

static int vmm_map_kernel_image(vmm_root_t root, const platform_layout_t *layout)
{
	if (layout->kernel_phys_end < layout->kernel_phys_start)
		return -EINVAL;
	uint64_t size = layout->kernel_phys_end - layout->kernel_phys_start;
	for (uint64_t off = 0; off < size; off += VMM_PAGE_SIZE) {
		int err = vmm_map_page(root, layout->kernel_virt_base + off, layout->kernel_phys_start + off,
		                       VMM_WRITE | VMM_EXEC);
		if (err)
			return err;
	}
	return 0;
}

/*
 * End of the highest region of any type, page aligned.  Regions that start at
 * or above PMM_MAX_PHYS are left out (QEMU reports a reserved range at
 * 1012 GiB that would otherwise stretch the map over 64 GiB of nothing); one
 * that crosses the limit is cut there.
 */
static uint64_t vmm_direct_map_end(const bootinfo_t *info)
{
	uint64_t end = 0;
	size_t count = info->region_count < BOOTINFO_MAX_REGIONS ? info->region_count : BOOTINFO_MAX_REGIONS;
	for (size_t i = 0; i < count; i++) {
		const mem_region_t *r = &info->regions[i];
		if (r->length == 0 || r->base >= PMM_MAX_PHYS)
			continue;
		uint64_t top = r->length > PMM_MAX_PHYS - r->base ? PMM_MAX_PHYS : r->base + r->length;
		if (top > end)
			end = top;
	}
	return (end + VMM_PAGE_SIZE - 1) / VMM_PAGE_SIZE * VMM_PAGE_SIZE;
}

static int vmm_map_direct(vmm_root_t root, uintptr_t base, uint64_t end)
{
	uint64_t pa = 0;
	while (pa < end) {
		uintptr_t va = base + (uintptr_t)pa;
		int err;
		if (pa % VMM_LARGE_PAGE_SIZE == 0 && va % VMM_LARGE_PAGE_SIZE == 0 && end - pa >= VMM_LARGE_PAGE_SIZE) {
			err = vmm_map_large_page(root, va, pa, VMM_WRITE);
			pa += VMM_LARGE_PAGE_SIZE;
		} else {
			err = vmm_map_page(root, va, pa, VMM_WRITE);
			pa += VMM_PAGE_SIZE;
		}
		if (err)
			return err;
	}
	return 0;
}

static int vmm_init_fail(vmm_root_t root, const char *what, int err)
{
	boot_mark("VMM", MARK_FAIL, "%s: %s", what, vmm_error_text(err));
	vmm_root_destroy(root);
	return err;
}

int vmm_init(const bootinfo_t *info)
{
	vmm_state_reset();
	const platform_layout_t *layout = platform_layout();
	if (!info) {
		boot_mark("VMM", MARK_FAIL, "no memory map");
		return -EINVAL;
	}
	vmm_root_t root;
	if (vmm_root_create(&root) != 0) {
		boot_mark("VMM", MARK_FAIL, "no page for the kernel root: %s", vmm_error_text(-ENOMEM));
		return -ENOMEM;
	}
	int err = vmm_map_kernel_image(root, layout);
	if (err)
		return vmm_init_fail(root, "mapping the kernel image", err);
	/* The marker names the higher-half base (where physical 0 would be), as the original did. */
	boot_mark("VMM", MARK_OK, "kernel mapped to 0x%lX",
	          (unsigned long)(layout->kernel_virt_base - (uintptr_t)layout->kernel_phys_start));

	uint64_t end = vmm_direct_map_end(info);
	err = vmm_map_direct(root, layout->direct_map_base, end);
	if (err)
		return vmm_init_fail(root, "building the direct map", err);

	vmm_set_kernel_root(root);
	vmm_activate(root);
	pmm_extend_reach(end);
	boot_mark("VMM", MARK_OK, "direct map of %luMB at 0x%lX", (unsigned long)(end / VMM_MIB),
	          (unsigned long)layout->direct_map_base);
	return 0;
}
