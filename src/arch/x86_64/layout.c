/*
 * The x86_64 address-space layout handed to the kernel (platform_layout).
 *
 *   0xFFFF800000000000  direct map of physical memory (4 GiB at entry)
 *   0xFFFFC00000000000  kernel virtual allocator window, 1 GiB
 *   0xFFFFFFFF80000000  physical 0; the image itself starts at +1 MiB
 * The image bounds come from linker.ld.
 */
#include "arch.h"
#include "platform.h"

extern char __kernel_phys_start[];
extern char __kernel_phys_end[];

const platform_layout_t *platform_layout(void)
{
	static platform_layout_t layout;
	if (layout.name == NULL) {
		/* The linker symbols are absolute physical addresses, not objects. */
		uint64_t start = (uint64_t)(uintptr_t)__kernel_phys_start;
		layout.kernel_phys_start = start;
		layout.kernel_phys_end = (uint64_t)(uintptr_t)__kernel_phys_end;
		layout.kernel_virt_base = (uintptr_t)(ARCH_KERNEL_VMA + start);
		layout.direct_map_base = (uintptr_t)ARCH_DIRECT_MAP_BASE;
		layout.direct_map_size = ARCH_BOOT_DIRECT_MAP_SIZE;
		layout.kva_base = (uintptr_t)ARCH_KVA_BASE;
		layout.kva_size = ARCH_KVA_SIZE;
		layout.user_paged = true;
		layout.name = "x86_64";
	}
	return &layout;
}
