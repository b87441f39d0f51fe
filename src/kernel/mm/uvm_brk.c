/*
 * The program break and the stack region of a user address space
 * (spec/user-memory.md UVM-020, UVM-040).
 *
 * The heap is one or more UVM_KIND_HEAP VMAs from the page-rounded break
 * base up to the page-rounded break; brk moves the top.  The stack is a
 * UVM_KIND_STACK VMA that uvm_fault grows down to stack_limit; the page
 * below the limit is a guard that nothing else is placed in.
 */
#include <aegis/errno.h>

#include "mm/kheap.h"
#include "mm/uvm_internal.h"
#include "proc/elf.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)

static uint64_t uvm_page_up(uint64_t v)
{
	return (v + UVM_PAGE_MASK) & ~UVM_PAGE_MASK;
}

int uvm_set_brk_base(uvm_t *uvm, uint64_t base)
{
	if (!uvm || base < ELF_USER_MIN || base >= ELF_USER_LIMIT - UVM_PAGE_SIZE)
		return -EINVAL;
	uvm->brk_base = base;
	uvm->brk = base;
	return 0;
}

static int uvm_brk_shrink(uvm_t *uvm, uint64_t new_end, uint64_t old_end)
{
	uvm_vma_t *spare = NULL;
	if (uvm_remove_needs_spare(uvm, new_end, old_end)) {
		spare = uvm_vma_count_ok(uvm, 1) ? uvm_vma_alloc() : NULL;
		if (!spare)
			return -ENOMEM;
	}
	uvm_remove_range(uvm, new_end, old_end, spare);
	return 0;
}

static int uvm_brk_grow(uvm_t *uvm, uint64_t old_end, uint64_t new_end)
{
	/* Like Linux, keep one free page above the heap. */
	if (new_end > ELF_USER_LIMIT - UVM_PAGE_SIZE || !uvm_range_valid(uvm, old_end, new_end + UVM_PAGE_SIZE) ||
	    uvm_vma_overlaps(uvm, old_end, new_end + UVM_PAGE_SIZE))
		return -ENOMEM;
	if (uvm->has_stack && old_end < uvm->stack_top && uvm->stack_limit - UVM_PAGE_SIZE < new_end + UVM_PAGE_SIZE)
		return -ENOMEM;
	uvm_vma_t *below = old_end > ELF_USER_MIN ? uvm_vma_find(uvm, old_end - 1) : NULL;
	if (below && below->kind == UVM_KIND_HEAP && below->end == old_end) {
		below->end = new_end;
		return 0;
	}
	if (!uvm_vma_count_ok(uvm, 1))
		return -ENOMEM;
	uvm_vma_t *heap = uvm_vma_alloc();
	if (!heap)
		return -ENOMEM;
	heap->start = old_end;
	heap->end = new_end;
	heap->prot = UVM_PROT_READ | UVM_PROT_WRITE;
	heap->kind = UVM_KIND_HEAP;
	uvm_vma_link(uvm, heap);
	return 0;
}

int uvm_brk(uvm_t *uvm, uint64_t requested, uint64_t *result)
{
	if (!uvm || !result)
		return -EINVAL;
	*result = uvm->brk;
	if (requested == 0)
		return 0;
	if (uvm->brk_base == 0 || requested < uvm->brk_base || requested > ELF_USER_LIMIT - UVM_PAGE_SIZE)
		return -ENOMEM;
	uint64_t old_end = uvm_page_up(uvm->brk), new_end = uvm_page_up(requested);
	int err = 0;
	if (new_end < old_end)
		err = uvm_brk_shrink(uvm, new_end, old_end);
	else if (new_end > old_end)
		err = uvm_brk_grow(uvm, old_end, new_end);
	if (err)
		return err;
	uvm->brk = requested;
	*result = requested;
	return 0;
}

int uvm_stack_setup(uvm_t *uvm, uint64_t top, uint64_t initial_size, uint64_t max_size)
{
	if (!uvm || top % UVM_PAGE_SIZE || initial_size % UVM_PAGE_SIZE || max_size % UVM_PAGE_SIZE ||
	    initial_size == 0 || initial_size > max_size || max_size > top || top - max_size < ELF_USER_MIN + UVM_PAGE_SIZE)
		return -EINVAL;
	uint64_t guard = top - max_size - UVM_PAGE_SIZE;
	if (!uvm_range_valid(uvm, guard, top))
		return -EINVAL;
	if (uvm->has_stack || uvm_vma_overlaps(uvm, guard, top))
		return -EEXIST;
	if (!uvm_vma_count_ok(uvm, 1))
		return -ENOMEM;
	uvm_vma_t *stack = uvm_vma_alloc();
	if (!stack)
		return -ENOMEM;
	stack->start = top - initial_size;
	stack->end = top;
	stack->prot = UVM_PROT_READ | UVM_PROT_WRITE;
	stack->kind = UVM_KIND_STACK;
	uvm_vma_link(uvm, stack);
	uvm->has_stack = true;
	uvm->stack_limit = top - max_size;
	uvm->stack_top = top;
	return 0;
}
