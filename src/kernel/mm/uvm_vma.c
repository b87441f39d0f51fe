/*
 * The VMA list of a user address space: a singly linked list sorted by start
 * address, ranges never overlapping.  Also the release of frames in a range
 * and the removal of a range (split at its ends), shared by unmap, MAP_FIXED,
 * brk and destroy (spec/user-memory.md UVM-014).
 *
 * Every record holds one reference to its file (retained when the record is
 * made by map, fork or split; released when it is freed).
 */
#include "core/kstring.h"
#include "mm/kheap.h"
#include "mm/pageref.h"
#include "mm/pmm.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"

uvm_vma_t *uvm_vma_alloc(void)
{
	return kcalloc(1, sizeof(uvm_vma_t));
}

void uvm_vma_free(uvm_vma_t *vma)
{
	if (!vma)
		return;
	if (vma->has_file && vma->file.release)
		vma->file.release(vma->file.ctx);
	kfree(vma);
}

static void uvm_vma_copy_fields(uvm_vma_t *to, const uvm_vma_t *from)
{
	to->start = from->start;
	to->end = from->end;
	to->prot = from->prot;
	to->kind = from->kind;
	to->has_file = from->has_file;
	to->file = from->file;
	to->offset = from->offset;
	to->next = NULL;
	if (to->has_file && to->file.retain)
		to->file.retain(to->file.ctx);
}

uvm_vma_t *uvm_vma_clone(const uvm_vma_t *vma)
{
	uvm_vma_t *copy = uvm_vma_alloc();
	if (copy)
		uvm_vma_copy_fields(copy, vma);
	return copy;
}

uvm_vma_t *uvm_vma_first_after(const uvm_t *uvm, uint64_t addr)
{
	for (uvm_vma_t *v = uvm->vmas; v; v = v->next)
		if (v->end > addr)
			return v;
	return NULL;
}

uvm_vma_t *uvm_vma_find(const uvm_t *uvm, uint64_t addr)
{
	uvm_vma_t *v = uvm_vma_first_after(uvm, addr);
	return v && v->start <= addr ? v : NULL;
}

bool uvm_vma_overlaps(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	const uvm_vma_t *v = uvm_vma_first_after(uvm, start);
	return v && v->start < end;
}

void uvm_vma_link(uvm_t *uvm, uvm_vma_t *vma)
{
	uvm_vma_t **at = &uvm->vmas;
	while (*at && (*at)->start < vma->start)
		at = &(*at)->next;
	vma->next = *at;
	*at = vma;
	uvm->vma_count++;
}

void uvm_vma_unlink(uvm_t *uvm, uvm_vma_t *vma)
{
	for (uvm_vma_t **at = &uvm->vmas; *at; at = &(*at)->next) {
		if (*at == vma) {
			*at = vma->next;
			uvm->vma_count--;
			uvm_vma_free(vma);
			return;
		}
	}
}

void uvm_vma_split(uvm_t *uvm, uvm_vma_t *vma, uint64_t addr, uvm_vma_t *spare)
{
	uvm_vma_copy_fields(spare, vma);
	spare->start = addr;
	if (spare->has_file)
		spare->offset = vma->offset + (addr - vma->start);
	vma->end = addr;
	spare->next = vma->next;
	vma->next = spare;
	uvm->vma_count++;
}

void uvm_frame_put(uint64_t pa)
{
	if (pageref_unshare(pa))
		pmm_free_page(pa);
}

uint64_t uvm_frame_dup(uint64_t pa)
{
	uint64_t copy = pmm_alloc_page();
	if (copy != PMM_NO_PAGE)
		kmemcpy(vmm_phys_to_virt(copy), vmm_phys_to_virt(pa), UVM_PAGE_SIZE);
	return copy;
}

void uvm_release_range(uvm_t *uvm, uint64_t start, uint64_t end)
{
	uintptr_t va = start;
	while (va < end && vmm_find_mapped(uvm->root, va, end, &va) == 0) {
		uint64_t pa = 0;
		if (vmm_unmap_page(uvm->root, va, &pa) == 0) {
			uvm_frame_put(pa);
			uvm->resident_pages--;
		}
		va += UVM_PAGE_SIZE;
	}
}

bool uvm_remove_needs_spare(const uvm_t *uvm, uint64_t start, uint64_t end)
{
	const uvm_vma_t *v = uvm_vma_first_after(uvm, start);
	return v && v->start < start && v->end > end;
}

void uvm_remove_range(uvm_t *uvm, uint64_t start, uint64_t end, uvm_vma_t *spare)
{
	uvm_vma_t *v = uvm_vma_first_after(uvm, start);
	while (v && v->start < end) {
		uvm_vma_t *next = v->next;
		uint64_t lo = v->start > start ? v->start : start;
		uint64_t hi = v->end < end ? v->end : end;
		uvm_release_range(uvm, lo, hi);
		if (lo == v->start && hi == v->end) {
			uvm_vma_unlink(uvm, v);
		} else if (lo == v->start) {
			if (v->has_file)
				v->offset += hi - v->start;
			v->start = hi;
		} else if (hi == v->end) {
			v->end = lo;
		} else {
			uvm_vma_split(uvm, v, hi, spare); /* the caller made sure spare exists */
			spare = NULL;
			v->end = lo;
			next = v->next->next;
		}
		v = next;
	}
	if (spare)
		kfree(spare);
}

/* Could b (starting where a ends) be folded into a without changing any page's meaning? */
static bool uvm_vma_mergeable(const uvm_vma_t *a, const uvm_vma_t *b)
{
	if (a->end != b->start || a->prot != b->prot || a->kind != b->kind || a->has_file != b->has_file)
		return false;
	if (!a->has_file)
		return true;
	return a->file.read == b->file.read && a->file.retain == b->file.retain && a->file.release == b->file.release &&
	       a->file.ctx == b->file.ctx && b->offset == a->offset + (a->end - a->start);
}

void uvm_vma_merge_range(uvm_t *uvm, uint64_t start, uint64_t end)
{
	uvm_vma_t *v = uvm_vma_first_after(uvm, start > 0 ? start - 1 : 0);
	while (v && v->next && v->start <= end) {
		if (uvm_vma_mergeable(v, v->next)) {
			uvm_vma_t *b = v->next;
			v->end = b->end;
			uvm_vma_unlink(uvm, b); /* drops b's file reference; v keeps its own */
		} else {
			v = v->next;
		}
	}
}

bool uvm_vma_count_ok(const uvm_t *uvm, unsigned extra)
{
	return uvm->vma_count + extra <= UVM_MAX_VMAS;
}
