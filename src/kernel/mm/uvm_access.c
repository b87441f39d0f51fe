/*
 * Kernel access to user memory: uvm_read and uvm_write (spec/user-memory.md
 * UVM-060), the software user copy and exec's way to fill segments.
 *
 * Three passes: check that every byte lies in a VMA that allows the access
 * (or that force is set), so a refused copy has no side effect at all; fault
 * every page in (for a write: a private frame); then copy page by page
 * through the direct map.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/uvm_internal.h"
#include "mm/vmm.h"
#include "proc/elf.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)

static int uvm_access_check(uvm_t *uvm, uint64_t addr, uint64_t end, bool write, bool force)
{
	unsigned access = write ? UVM_ACCESS_WRITE : UVM_ACCESS_READ;
	uint64_t va = addr;
	while (va < end) {
		const uvm_vma_t *vma = uvm_vma_for_access(uvm, va, false);
		if (!vma || (!force && !uvm_access_allowed(vma->prot, access)))
			return -EFAULT;
		va = vma->end;
	}
	return 0;
}

static int uvm_access_populate(uvm_t *uvm, uint64_t addr, uint64_t end, bool write, bool force)
{
	for (uint64_t va = addr & ~UVM_PAGE_MASK; va < end; va += UVM_PAGE_SIZE) {
		uvm_vma_t *vma = uvm_vma_for_access(uvm, va < addr ? addr : va, true);
		if (!vma)
			return -EFAULT;
		int err = uvm_page_populate(uvm, vma, va, write, force);
		if (err)
			return err;
	}
	return 0;
}

/* Copy len bytes between user addr and buf (to_user: buf -> user). */
static int uvm_copy(uvm_t *uvm, uint64_t addr, void *buf, size_t len, bool to_user, bool force)
{
	if (!uvm || (!buf && len))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (addr < ELF_USER_MIN || addr >= ELF_USER_LIMIT || len > ELF_USER_LIMIT - addr)
		return -EFAULT;
	uint64_t end = addr + len;
	int err = uvm_access_check(uvm, addr, end, to_user, force);
	if (!err)
		err = uvm_access_populate(uvm, addr, end, to_user, force);
	if (err)
		return err;
	uint8_t *bytes = buf;
	for (uint64_t va = addr; va < end;) {
		uint64_t chunk = UVM_PAGE_SIZE - (va & UVM_PAGE_MASK);
		if (chunk > end - va)
			chunk = end - va;
		uint64_t pa = 0;
		if (vmm_resolve(uvm->root, va, &pa, NULL) != 0)
			return -EFAULT; /* cannot happen: every page was just populated */
		uint8_t *user = vmm_phys_to_virt(pa);
		if (to_user)
			kmemcpy(user, bytes, chunk);
		else
			kmemcpy(bytes, user, chunk);
		bytes += chunk;
		va += chunk;
	}
	return 0;
}

int uvm_write(uvm_t *uvm, uint64_t addr, const void *src, size_t len, bool force)
{
	return uvm_copy(uvm, addr, (void *)(uintptr_t)src, len, true, force);
}

int uvm_read(uvm_t *uvm, uint64_t addr, void *dst, size_t len, bool force)
{
	return uvm_copy(uvm, addr, dst, len, false, force);
}
