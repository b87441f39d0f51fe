/*
 * User address spaces: creation, destruction, the kernel's top-level slots
 * and the read-only queries (see uvm.h, spec/user-memory.md UVM-001, UVM-002,
 * UVM-016).
 *
 * A new root copies every present PML4 entry of the kernel root, so the
 * kernel stays mapped in every process; those entries point at tables the
 * kernel root owns, so uvm_destroy clears them before freeing the rest.
 * Slot 0 is the exception: when the kernel root has it but no kernel window of
 * the platform layout lies there, it is a boot identity map; it is neither
 * copied nor reserved, and user mappings may use it.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"
#include "platform.h"
#include "proc/elf.h"

#define UVM_PML4_PRESENT 0x1ull
#define UVM_IDENTITY_SLOT 0u

static void uvm_slot_set(uint64_t *bits, unsigned slot)
{
	bits[slot / 64u] |= 1ull << (slot % 64u);
}

static bool uvm_slot_has(const uint64_t *bits, unsigned slot)
{
	return (bits[slot / 64u] >> (slot % 64u)) & 1u;
}

static unsigned uvm_slot_of(uint64_t va)
{
	return (unsigned)(va >> UVM_PML4_SLOT_SHIFT) % UVM_PML4_SLOTS;
}

/* Mark the lower-half slots a kernel window [base, base + size) touches. */
static void uvm_reserve_window(uint64_t *bits, uint64_t base, uint64_t size)
{
	if (size == 0 || base >= ELF_USER_LIMIT)
		return;
	uint64_t last = size - 1 > ELF_USER_LIMIT - 1 - base ? ELF_USER_LIMIT - 1 : base + size - 1;
	for (uint64_t slot = base >> UVM_PML4_SLOT_SHIFT; slot <= (last >> UVM_PML4_SLOT_SHIFT); slot++)
		uvm_slot_set(bits, (unsigned)slot);
}

static void uvm_reserve_layout(uint64_t *bits)
{
	const platform_layout_t *layout = platform_layout();
	uint64_t direct = layout->direct_map_size > PMM_MAX_PHYS ? layout->direct_map_size : PMM_MAX_PHYS;
	uvm_reserve_window(bits, layout->direct_map_base, direct);
	uvm_reserve_window(bits, layout->kva_base, layout->kva_size);
	uint64_t image = layout->kernel_phys_end > layout->kernel_phys_start
	                     ? layout->kernel_phys_end - layout->kernel_phys_start
	                     : 0;
	uvm_reserve_window(bits, layout->kernel_virt_base, image);
}

int uvm_create(uvm_t **out)
{
	if (!out)
		return -EINVAL;
	*out = NULL;
	vmm_root_t kernel = vmm_kernel_root();
	if (kernel == 0)
		return -EINVAL;
	uvm_t *uvm = kcalloc(1, sizeof(*uvm));
	if (!uvm)
		return -ENOMEM;
	if (vmm_root_create(&uvm->root) != 0) {
		kfree(uvm);
		return -ENOMEM;
	}
	uvm_reserve_layout(uvm->reserved_slots);
	const uint64_t *from = vmm_phys_to_virt(kernel);
	uint64_t *to = vmm_phys_to_virt(uvm->root);
	for (unsigned slot = 0; slot < UVM_PML4_SLOTS; slot++) {
		if (!(from[slot] & UVM_PML4_PRESENT))
			continue;
		if (slot == UVM_IDENTITY_SLOT && !uvm_slot_has(uvm->reserved_slots, slot))
			continue; /* the boot identity map: never part of a process */
		to[slot] = from[slot];
		uvm_slot_set(uvm->copied_slots, slot);
		uvm_slot_set(uvm->reserved_slots, slot);
	}
	*out = uvm;
	return 0;
}

void uvm_destroy(uvm_t *uvm)
{
	if (!uvm)
		return;
	while (uvm->vmas) {
		uvm_vma_t *vma = uvm->vmas;
		uvm_release_range(uvm, vma->start, vma->end);
		uvm_vma_unlink(uvm, vma);
	}
	/* Never free the tables the CPU is using: fall back to the kernel's own root. */
	if (vmm_root_is_active(uvm->root))
		vmm_activate(vmm_kernel_root());
	/* The copied entries belong to the kernel root: forget them before freeing our tables. */
	uint64_t *pml4 = vmm_phys_to_virt(uvm->root);
	for (unsigned slot = 0; slot < UVM_PML4_SLOTS; slot++)
		if (uvm_slot_has(uvm->copied_slots, slot))
			pml4[slot] = 0;
	vmm_root_destroy(uvm->root);
	kfree(uvm);
}

vmm_root_t uvm_root(const uvm_t *uvm)
{
	return uvm ? uvm->root : 0;
}

bool uvm_range_valid(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	if (start < ELF_USER_MIN || end > ELF_USER_LIMIT || start >= end)
		return false;
	for (unsigned slot = uvm_slot_of(start); slot <= uvm_slot_of(end - 1); slot++)
		if (uvm_slot_has(uvm->reserved_slots, slot))
			return false;
	return true;
}

unsigned uvm_page_flags(unsigned prot, bool exclusive)
{
	unsigned flags = 0;
	if (prot & UVM_PROT_ALL)
		flags |= VMM_USER; /* PROT_NONE pages stay present but out of the user's reach */
	if ((prot & UVM_PROT_WRITE) && exclusive)
		flags |= VMM_WRITE;
	if (prot & UVM_PROT_EXEC)
		flags |= VMM_EXEC;
	return flags;
}

int uvm_vma_query(const uvm_t *uvm, uint64_t addr, uvm_vma_info_t *out)
{
	if (!uvm || !out)
		return -EINVAL;
	const uvm_vma_t *vma = uvm_vma_first_after(uvm, addr);
	if (!vma)
		return -ENOENT;
	*out = (uvm_vma_info_t){vma->start, vma->end, vma->prot, vma->kind, vma->offset};
	return 0;
}

void uvm_stats(const uvm_t *uvm, uvm_stats_t *out)
{
	if (!out)
		return;
	kmemset(out, 0, sizeof(*out));
	if (!uvm)
		return;
	out->resident_pages = uvm->resident_pages;
	out->vma_count = uvm->vma_count;
	for (const uvm_vma_t *v = uvm->vmas; v; v = v->next)
		out->mapped_bytes += v->end - v->start;
}

uint64_t uvm_brk_current(const uvm_t *uvm)
{
	return uvm ? uvm->brk : 0;
}
