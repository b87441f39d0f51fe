/*
 * The C side of the x86_64 start: turn what the loader left into a
 * platform_boot_t and enter the portable kernel.
 *
 * boot.asm calls arch_start() in the higher half with a fresh stack and a
 * zeroed .bss.  It loads the IDT first, so that any CPU exception from here
 * on ends in a panic report rather than a triple fault.  Multiboot2 (GRUB): the info structure is used in place
 * through the direct map.  PVH (qemu -kernel): pvh.c builds an equivalent
 * Multiboot2 structure in a buffer inside the kernel image, which the PMM
 * keeps reserved with the image.  Anything else is passed on as it came, and
 * the kernel reports the unknown magic (BOOT-012).
 */
#include "arch.h"
#include "boot/multiboot2.h"
#include "platform.h"
#include "pvh.h"

/* Room for a PVH conversion: headers, a 4 KiB command line, 256 regions, modules. */
#define PVH_MB2_BUFFER_SIZE (16u * 1024u)

static uint8_t pvh_mb2_buffer[PVH_MB2_BUFFER_SIZE] __attribute__((aligned(8)));
static platform_boot_t boot_params;

/* pvh.c's view of physical memory: the 4 GiB boot.asm mapped at the direct map base. */
static const void *entry_boot_phys_map(void *ctx, uint64_t pa, uint64_t len)
{
	(void)ctx;
	if (pa >= ARCH_BOOT_DIRECT_MAP_SIZE || len > ARCH_BOOT_DIRECT_MAP_SIZE - pa)
		return NULL;
	return arch_phys_to_virt(pa);
}

void arch_start(uint32_t magic, uint32_t info_phys)
{
	idt_install();
	boot_params.mb2_magic = magic;
	boot_params.mb2_info = NULL;
	boot_params.mb2_info_phys = 0;

	if (magic == MB2_BOOTLOADER_MAGIC && info_phys != 0) {
		boot_params.mb2_info = arch_phys_to_virt(info_phys);
		boot_params.mb2_info_phys = info_phys;
	} else if (magic == ARCH_BOOT_PVH_MAGIC) {
		if (pvh_to_multiboot2(info_phys, entry_boot_phys_map, NULL, pvh_mb2_buffer, sizeof(pvh_mb2_buffer)) != 0) {
			boot_params.mb2_magic = MB2_BOOTLOADER_MAGIC;
			boot_params.mb2_info = pvh_mb2_buffer;
			boot_params.mb2_info_phys = arch_image_virt_to_phys(pvh_mb2_buffer);
		}
	}
	kernel_main(&boot_params);
}
