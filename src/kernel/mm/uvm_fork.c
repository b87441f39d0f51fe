/*
 * Copy-on-write fork of a user address space (spec/user-memory.md UVM-050,
 * UVM-051).
 *
 * The child gets a copy of every VMA record (files retained) and maps every
 * frame the parent has, read-only; the parent's writable entries become
 * read-only too and the frame gains an owner (pageref).  The first write on
 * either side then faults and copies (or reuses the frame once it has a
 * single owner).  When a frame's count is at its bound the child gets a
 * private copy instead.  On failure the partial child is destroyed, which
 * gives back exactly the owners it took; the parent keeps its contents (some
 * of its entries may stay read-only, which the next write fault repairs).
 */
#include <aegis/errno.h>

#include "mm/pageref.h"
#include "mm/pmm.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)

/* The child's own copy of frame pa at va. */
static int uvm_fork_copy(uvm_t *child, const uvm_vma_t *vma, uint64_t va, uint64_t pa)
{
	uint64_t copy = uvm_frame_dup(pa);
	if (copy == PMM_NO_PAGE)
		return -ENOMEM;
	if (vmm_map_page(child->root, va, copy, uvm_page_flags(vma->prot, true)) != 0) {
		pmm_free_page(copy);
		return -ENOMEM;
	}
	child->resident_pages++;
	return 0;
}

static int uvm_fork_page(uvm_t *parent, uvm_t *child, const uvm_vma_t *vma, uint64_t va)
{
	uint64_t pa = 0;
	unsigned flags = 0;
	if (vmm_resolve(parent->root, va, &pa, &flags) != 0)
		return 0;
	pa &= ~UVM_PAGE_MASK;
	if (pageref_share(pa) != 0)
		return uvm_fork_copy(child, vma, va, pa);
	if (vmm_map_page(child->root, va, pa, uvm_page_flags(vma->prot, false)) != 0) {
		pageref_unshare(pa);
		return -ENOMEM;
	}
	child->resident_pages++;
	if (flags & VMM_WRITE)
		vmm_update_page(parent->root, va, pa, flags & ~VMM_WRITE);
	return 0;
}

int uvm_fork(uvm_t *parent, uvm_t **child_out)
{
	if (!parent || !child_out)
		return -EINVAL;
	*child_out = NULL;
	if (pageref_init() != 0)
		return -ENOMEM;
	uvm_t *child = NULL;
	int err = uvm_create(&child);
	if (err)
		return err;
	child->brk_base = parent->brk_base;
	child->brk = parent->brk;
	child->has_stack = parent->has_stack;
	child->stack_limit = parent->stack_limit;
	child->stack_top = parent->stack_top;
	uvm_vma_t **tail = &child->vmas;
	for (const uvm_vma_t *v = parent->vmas; v; v = v->next) {
		uvm_vma_t *copy = uvm_vma_clone(v);
		if (!copy)
			goto fail;
		*tail = copy;
		tail = &copy->next;
		child->vma_count++;
		uintptr_t va = v->start;
		while (va < v->end && vmm_find_mapped(parent->root, va, v->end, &va) == 0) {
			if (uvm_fork_page(parent, child, v, va) != 0)
				goto fail;
			va += UVM_PAGE_SIZE;
		}
	}
	*child_out = child;
	return 0;
fail:
	uvm_destroy(child);
	return -ENOMEM;
}
