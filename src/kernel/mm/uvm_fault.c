/*
 * Page faults of user address spaces (spec/user-memory.md UVM-030..UVM-035,
 * UVM-040): demand zero, private file fill, copy-on-write break and stack
 * growth.  uvm_page_populate is also how uvm_read/uvm_write bring pages in.
 *
 * A page is copy-on-write exactly when its VMA is writable, its entry is
 * read-only and its frame has more than one owner (pageref); a read-only
 * entry with one owner in a writable VMA is simply made writable.  Every
 * path checks before it changes anything, so a refused fault leaves no trace
 * and an out-of-memory one frees what it took.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/pageref.h"
#include "mm/pmm.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"
#include "proc/elf.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)

bool uvm_access_allowed(unsigned prot, unsigned access)
{
	if (!(prot & UVM_PROT_ALL))
		return false;
	if ((access & UVM_ACCESS_WRITE) && !(prot & UVM_PROT_WRITE))
		return false;
	if ((access & UVM_ACCESS_EXEC) && !(prot & UVM_PROT_EXEC))
		return false;
	return true;
}

/* The mapping just below addr, or NULL. */
static const uvm_vma_t *uvm_vma_below(const uvm_t *uvm, uint64_t addr)
{
	const uvm_vma_t *below = NULL;
	for (const uvm_vma_t *v = uvm->vmas; v && v->end <= addr; v = v->next)
		below = v;
	return below;
}

uvm_vma_t *uvm_vma_for_access(uvm_t *uvm, uint64_t addr, bool grow)
{
	uvm_vma_t *vma = uvm_vma_find(uvm, addr);
	if (vma || !uvm->has_stack)
		return vma;
	uint64_t page = addr & ~UVM_PAGE_MASK;
	uvm_vma_t *stack = uvm_vma_first_after(uvm, addr);
	if (!stack || stack->kind != UVM_KIND_STACK || page < uvm->stack_limit)
		return NULL; /* no stack above, or the guard page and below */
	const uvm_vma_t *below = uvm_vma_below(uvm, addr);
	if (below && below->end > page - UVM_PAGE_SIZE)
		return NULL; /* another mapping in the way: keep a free page between */
	if (grow)
		stack->start = page;
	return stack;
}

/* A new frame for va of vma: zero, or filled from the file. */
static int uvm_frame_fill(const uvm_vma_t *vma, uint64_t va, uint64_t *pa_out)
{
	uint64_t pa = pmm_alloc_page();
	if (pa == PMM_NO_PAGE)
		return -ENOMEM;
	if (vma->has_file) {
		uint8_t *bytes = vmm_phys_to_virt(pa);
		int got = vma->file.read(vma->file.ctx, vma->offset + (va - vma->start), bytes, UVM_PAGE_SIZE);
		if (got < 0) {
			pmm_free_page(pa);
			return -EIO;
		}
		if ((uint64_t)got < UVM_PAGE_SIZE)
			kmemset(bytes + got, 0, UVM_PAGE_SIZE - (uint64_t)got); /* past the end of the file */
	}
	*pa_out = pa;
	return 0;
}

/* Give va a private copy of its shared frame old. */
static int uvm_page_copy(uvm_t *uvm, const uvm_vma_t *vma, uint64_t va, uint64_t old)
{
	uint64_t pa = uvm_frame_dup(old);
	if (pa == PMM_NO_PAGE)
		return -ENOMEM;
	if (vmm_update_page(uvm->root, va, pa, uvm_page_flags(vma->prot, true)) != 0) {
		pmm_free_page(pa);
		return -EFAULT;
	}
	uvm_frame_put(old);
	return 0;
}

int uvm_page_populate(uvm_t *uvm, uvm_vma_t *vma, uint64_t va, bool write, bool force)
{
	(void)force; /* protection was checked by the caller; the tables follow the VMA either way */
	uint64_t pa = 0;
	unsigned flags = 0;
	if (vmm_resolve(uvm->root, va, &pa, &flags) != 0) {
		int err = uvm_frame_fill(vma, va, &pa);
		if (err)
			return err;
		if (vmm_map_page(uvm->root, va, pa, uvm_page_flags(vma->prot, true)) != 0) {
			pmm_free_page(pa);
			return -ENOMEM;
		}
		uvm->resident_pages++;
		return 0;
	}
	pa &= ~UVM_PAGE_MASK;
	if (!write)
		return 0;
	if (pageref_owners(pa) > 1)
		return uvm_page_copy(uvm, vma, va, pa);
	unsigned want = uvm_page_flags(vma->prot, true);
	if (flags != want && vmm_update_page(uvm->root, va, pa, want) != 0)
		return -EFAULT;
	return 0;
}

int uvm_fault(uvm_t *uvm, uint64_t addr, unsigned access)
{
	if (!uvm || (access & ~UVM_ACCESS_ALL) || addr < ELF_USER_MIN || addr >= ELF_USER_LIMIT)
		return -EFAULT;
	const uvm_vma_t *peek = uvm_vma_for_access(uvm, addr, false);
	if (!peek || !uvm_access_allowed(peek->prot, access))
		return -EFAULT;
	uint64_t old_start = peek->start;
	uvm_vma_t *vma = uvm_vma_for_access(uvm, addr, true);
	int err = uvm_page_populate(uvm, vma, addr & ~UVM_PAGE_MASK, (access & UVM_ACCESS_WRITE) != 0, false);
	if (err && vma->start != old_start)
		vma->start = old_start; /* undo the growth: nothing was mapped there */
	return err;
}
