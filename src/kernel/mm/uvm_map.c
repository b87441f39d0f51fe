/*
 * mmap, munmap and mprotect of user address spaces (spec/user-memory.md
 * UVM-010..UVM-015), with Linux semantics for private mappings.
 *
 * Each operation first checks its arguments and allocates every record it
 * may need (a range removal splits at most one VMA in two, a protection
 * change at most two), and only then changes anything, so an error never
 * leaves a half-done change.  Page-table updates of present user pages
 * allocate nothing (vmm_unmap_page of a 4 KiB page, vmm_update_page).
 */
#include <aegis/errno.h>

#include "mm/kheap.h"
#include "mm/pageref.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"
#include "proc/elf.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)
#define UVM_NO_OBSTACLE UINT64_MAX

/* len rounded up to pages, or 0 when it is 0 or larger than user space. */
static uint64_t uvm_round_len(uint64_t len)
{
	if (len == 0 || len > ELF_USER_LIMIT)
		return 0;
	return (len + UVM_PAGE_MASK) & ~UVM_PAGE_MASK;
}

/* The reservation a grows-down stack keeps for itself: guard page to top. */
static bool uvm_hits_stack_reserve(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	return uvm->has_stack && start < uvm->stack_top && uvm->stack_limit - UVM_PAGE_SIZE < end;
}

/* The lowest start of anything [start, end) may not overlap, or UVM_NO_OBSTACLE. */
static uint64_t uvm_lowest_obstacle(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	uint64_t lowest = UVM_NO_OBSTACLE;
	const uvm_vma_t *v = uvm_vma_first_after(uvm, start);
	if (v && v->start < end)
		lowest = v->start;
	for (uint64_t slot = start >> UVM_PML4_SLOT_SHIFT; slot <= (end - 1) >> UVM_PML4_SLOT_SHIFT; slot++) {
		if ((uvm->reserved_slots[slot / 64u] >> (slot % 64u)) & 1u) {
			uint64_t at = slot << UVM_PML4_SLOT_SHIFT;
			if (at < lowest)
				lowest = at;
			break;
		}
	}
	if (uvm_hits_stack_reserve(uvm, start, end) && uvm->stack_limit - UVM_PAGE_SIZE < lowest)
		lowest = uvm->stack_limit - UVM_PAGE_SIZE;
	return lowest;
}

static bool uvm_range_free(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	return uvm_range_valid(uvm, start, end) && uvm_lowest_obstacle(uvm, start, end) == UVM_NO_OBSTACLE;
}

/* A free range of size bytes: the hint when it fits, else the highest below UVM_MMAP_BASE; 0 when none. */
static uint64_t uvm_find_free(const uvm_t *uvm, uint64_t hint, uint64_t size)
{
	uint64_t h = hint & ~UVM_PAGE_MASK;
	if (h && h <= UINT64_MAX - size && uvm_range_free(uvm, h, h + size))
		return h;
	uint64_t end = UVM_MMAP_BASE;
	while (end >= ELF_USER_MIN + size) {
		uint64_t start = end - size;
		uint64_t lowest = uvm_lowest_obstacle(uvm, start, end);
		if (lowest == UVM_NO_OBSTACLE)
			return start;
		end = lowest;
	}
	return 0;
}

static int uvm_map_check(const uvm_t *uvm, uint64_t len, unsigned prot, unsigned flags, const uvm_file_t *file,
                         uint64_t offset, uint64_t *addr_out)
{
	if (!uvm || !addr_out || uvm_round_len(len) == 0)
		return -EINVAL;
	if ((prot & ~UVM_PROT_ALL) || (flags & ~UVM_MAP_FLAGS_KNOWN) || (flags & UVM_MAP_SHARED) ||
	    !(flags & UVM_MAP_PRIVATE))
		return -EINVAL;
	bool anon = (flags & UVM_MAP_ANONYMOUS) != 0;
	if (anon ? file != NULL : (file == NULL || file->read == NULL))
		return -EINVAL;
	if (offset % UVM_PAGE_SIZE || (!anon && offset > UINT64_MAX - uvm_round_len(len)))
		return -EINVAL;
	return 0;
}

int uvm_map(uvm_t *uvm, uint64_t hint, uint64_t len, unsigned prot, unsigned flags, const uvm_file_t *file,
            uint64_t offset, uint64_t *addr_out)
{
	int err = uvm_map_check(uvm, len, prot, flags, file, offset, addr_out);
	if (err)
		return err;
	uint64_t size = uvm_round_len(len);
	uint64_t addr;
	bool fixed = (flags & (UVM_MAP_FIXED | UVM_MAP_FIXED_NOREPLACE)) != 0;
	if (fixed) {
		if (hint % UVM_PAGE_SIZE || hint > UINT64_MAX - size || !uvm_range_valid(uvm, hint, hint + size))
			return -EINVAL;
		if ((flags & UVM_MAP_FIXED_NOREPLACE) && uvm_vma_overlaps(uvm, hint, hint + size))
			return -EEXIST;
		addr = hint;
	} else {
		addr = uvm_find_free(uvm, hint, size);
		if (addr == 0)
			return -ENOMEM;
	}
	bool split = fixed && uvm_remove_needs_spare(uvm, addr, addr + size);
	if (!uvm_vma_count_ok(uvm, 1u + split))
		return -ENOMEM;
	uvm_vma_t *vma = uvm_vma_alloc();
	uvm_vma_t *spare = vma && split ? uvm_vma_alloc() : NULL;
	if (!vma || (split && !spare)) {
		kfree(vma);
		kfree(spare);
		return -ENOMEM;
	}
	if (fixed)
		uvm_remove_range(uvm, addr, addr + size, spare);
	vma->start = addr;
	vma->end = addr + size;
	vma->prot = prot;
	vma->kind = file ? UVM_KIND_FILE : UVM_KIND_ANON;
	if (file) {
		vma->has_file = true;
		vma->file = *file;
		vma->offset = offset;
		if (file->retain)
			file->retain(file->ctx);
	}
	uvm_vma_link(uvm, vma);
	uvm_vma_merge_range(uvm, addr, addr + size);
	*addr_out = addr;
	return 0;
}

int uvm_unmap(uvm_t *uvm, uint64_t addr, uint64_t len)
{
	uint64_t size = uvm_round_len(len);
	if (!uvm || addr % UVM_PAGE_SIZE || size == 0 || addr > ELF_USER_LIMIT - size)
		return -EINVAL;
	uvm_vma_t *spare = NULL;
	if (uvm_remove_needs_spare(uvm, addr, addr + size)) {
		spare = uvm_vma_count_ok(uvm, 1) ? uvm_vma_alloc() : NULL;
		if (!spare)
			return -ENOMEM;
	}
	uvm_remove_range(uvm, addr, addr + size, spare);
	return 0;
}

/* Is every page of [start, end) inside some VMA? */
static bool uvm_fully_mapped(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	uint64_t covered = start;
	for (const uvm_vma_t *v = uvm_vma_first_after(uvm, start); v && v->start < end; v = v->next) {
		if (v->start > covered)
			return false;
		covered = v->end;
	}
	return covered >= end;
}

/* Bring the entries of the present pages of vma in line with its protection. */
static void uvm_reprotect_pages(uvm_t *uvm, const uvm_vma_t *vma)
{
	uintptr_t va = vma->start;
	while (va < vma->end && vmm_find_mapped(uvm->root, va, vma->end, &va) == 0) {
		uint64_t pa = 0;
		if (vmm_resolve(uvm->root, va, &pa, NULL) == 0) {
			pa &= ~UVM_PAGE_MASK;
			vmm_update_page(uvm->root, va, pa, uvm_page_flags(vma->prot, pageref_owners(pa) == 1));
		}
		va += UVM_PAGE_SIZE;
	}
}

int uvm_protect(uvm_t *uvm, uint64_t addr, uint64_t len, unsigned prot)
{
	if (!uvm || addr % UVM_PAGE_SIZE || (prot & ~UVM_PROT_ALL))
		return -EINVAL;
	if (len == 0)
		return 0;
	uint64_t size = uvm_round_len(len);
	if (size == 0 || addr > ELF_USER_LIMIT - size || !uvm_fully_mapped(uvm, addr, addr + size))
		return -ENOMEM;
	uint64_t end = addr + size;
	uvm_vma_t *first = uvm_vma_find(uvm, addr);
	uvm_vma_t *last = uvm_vma_find(uvm, end - 1);
	bool split_low = first->start < addr, split_high = last->end > end;
	uvm_vma_t *spare_low = split_low ? uvm_vma_alloc() : NULL;
	uvm_vma_t *spare_high = split_high ? uvm_vma_alloc() : NULL;
	if ((split_low && !spare_low) || (split_high && !spare_high) ||
	    !uvm_vma_count_ok(uvm, (unsigned)split_low + (unsigned)split_high)) {
		kfree(spare_low);
		kfree(spare_high);
		return -ENOMEM;
	}
	if (split_low)
		uvm_vma_split(uvm, first, addr, spare_low);
	if (split_high)
		uvm_vma_split(uvm, uvm_vma_find(uvm, end - 1), end, spare_high);
	for (uvm_vma_t *v = uvm_vma_find(uvm, addr); v && v->start < end; v = v->next) {
		v->prot = prot;
		uvm_reprotect_pages(uvm, v);
	}
	uvm_vma_merge_range(uvm, addr, end);
	return 0;
}
