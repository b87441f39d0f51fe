/*
 * Page tables as a data structure: map, unmap, resolve, create and destroy.
 *
 * A root is the physical address of a PML4; every table is a PMM page reached
 * through the direct map, so this file never needs the tables to be mapped
 * anywhere else and runs unchanged in the sim.  Levels are numbered from the
 * leaf: 0 = PT, 1 = PD, 2 = PDPT, 3 = PML4.
 *
 * Invariants kept here (spec/memory.md MEM-010..MEM-016):
 *  - a PT or PD exists only while something is mapped below it (a failed map
 *    frees what it allocated, an unmap frees what became empty); PDPTs stay,
 *    so PML4 entries never change once made and may be shared by roots;
 *  - an intermediate entry has the user bit exactly when a user mapping lies
 *    below it, and is never no-execute (leaves carry the permissions);
 *  - every change to the active root is reported with platform_kmap_sync().
 *    On x86_64 that is one INVLPG, which also drops every paging-structure
 *    cache entry, so tables emptied by an unmap are freed after the sync.
 *    Splitting a 2 MiB page changes no translation and needs no sync.
 */
#include <aegis/errno.h>

#include "core/log.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/vmm_internal.h"
#include "platform.h"

#define VMM_ENTRIES 512u
#define VMM_INDEX_MASK (VMM_ENTRIES - 1u)
#define VMM_INDEX_BITS 9u
#define VMM_PAGE_SHIFT 12u
#define VMM_CANONICAL_SHIFT 47u            /* bits 63..47 must be all equal */
#define VMM_CANONICAL_HIGH 0x1FFFFull      /* their value in the upper half */
#define VMM_TABLE_FLAGS (PTE_PRESENT | PTE_WRITE)
#define VMM_LEAF_ATTRS (PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_WRITE_THROUGH | PTE_CACHE_DISABLE | PTE_NO_EXEC)

enum {
	VMM_LEVEL_PT = 0,
	VMM_LEVEL_PD = 1,
	VMM_LEVEL_PDPT = 2,
	VMM_LEVEL_PML4 = 3,
	VMM_LEVELS = 4,
};

/* The entry used at each level on the way to one address. */
typedef struct {
	uint64_t *entry[VMM_LEVELS];
} vmm_path_t;

static vmm_root_t vmm_kernel_root_pa;
static vmm_root_t vmm_active_root;

void vmm_state_reset(void)
{
	vmm_kernel_root_pa = 0;
	vmm_active_root = 0;
}

void vmm_set_kernel_root(vmm_root_t root)
{
	vmm_kernel_root_pa = root;
}

vmm_root_t vmm_kernel_root(void)
{
	return vmm_kernel_root_pa;
}

void vmm_activate(vmm_root_t root)
{
	vmm_active_root = root;
	platform_activate_root(root);
}

void *vmm_phys_to_virt(uint64_t pa)
{
	return (void *)(platform_layout()->direct_map_base + (uintptr_t)pa);
}

static uint64_t *vmm_table(uint64_t entry)
{
	return vmm_phys_to_virt(entry & PTE_ADDR_MASK);
}

static unsigned vmm_index(uintptr_t va, unsigned level)
{
	return (unsigned)(va >> (VMM_PAGE_SHIFT + VMM_INDEX_BITS * level)) & VMM_INDEX_MASK;
}

static uint64_t vmm_level_size(unsigned level)
{
	return 1ull << (VMM_PAGE_SHIFT + VMM_INDEX_BITS * level);
}

static bool vmm_is_canonical(uintptr_t va)
{
	uint64_t top = (uint64_t)va >> VMM_CANONICAL_SHIFT;
	return top == 0 || top == VMM_CANONICAL_HIGH;
}

static bool vmm_root_valid(vmm_root_t root)
{
	return root != 0 && root % VMM_PAGE_SIZE == 0 && root < VMM_PHYS_LIMIT;
}

/*
 * Report a change to the platform when the CPU may be using it: a change in
 * the active root, or in the kernel root, whose top-level entries every
 * user root shares (a KVA page mapped while a process's root is active).
 */
static void vmm_sync(vmm_root_t root, uintptr_t va, uint64_t pa, bool present)
{
	if (root == vmm_active_root || root == vmm_kernel_root_pa)
		platform_kmap_sync(va, pa, present);
}

/* Follow va down to stop_level or to the first entry that is absent or large; returns that level. */
static unsigned vmm_walk(vmm_root_t root, uintptr_t va, unsigned stop_level, vmm_path_t *path)
{
	uint64_t *table = vmm_phys_to_virt(root);
	for (unsigned level = VMM_LEVEL_PML4;; level--) {
		uint64_t *entry = &table[vmm_index(va, level)];
		path->entry[level] = entry;
		if (level == stop_level || !(*entry & PTE_PRESENT) || (*entry & PTE_LARGE))
			return level;
		table = vmm_table(*entry);
	}
}

static uint64_t vmm_leaf_entry(uint64_t pa, unsigned flags)
{
	uint64_t e = pa | PTE_PRESENT;
	if (flags & VMM_WRITE)
		e |= PTE_WRITE;
	if (flags & VMM_USER)
		e |= PTE_USER;
	if (flags & VMM_NOCACHE)
		e |= PTE_CACHE_DISABLE | PTE_WRITE_THROUGH;
	if (!(flags & VMM_EXEC))
		e |= PTE_NO_EXEC;
	return e;
}

static unsigned vmm_entry_flags(uint64_t e)
{
	unsigned flags = 0;
	if (e & PTE_WRITE)
		flags |= VMM_WRITE;
	if (e & PTE_USER)
		flags |= VMM_USER;
	if (e & PTE_CACHE_DISABLE)
		flags |= VMM_NOCACHE;
	if (!(e & PTE_NO_EXEC))
		flags |= VMM_EXEC;
	return flags;
}

static int vmm_check_map(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags, uint64_t size)
{
	if (!vmm_root_valid(root) || (flags & ~VMM_FLAGS_ALL))
		return -EINVAL;
	if (va % size || pa % size || !vmm_is_canonical(va) || pa >= VMM_PHYS_LIMIT)
		return -EINVAL;
	return 0;
}

/* Enter one leaf at leaf_level (PT: 4 KiB, PD: 2 MiB), creating tables above it. */
static int vmm_map_at(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags, unsigned leaf_level)
{
	uint64_t *created_entry[VMM_LEVELS];
	unsigned created = 0;
	int err = 0;
	uint64_t *table = vmm_phys_to_virt(root);
	for (unsigned level = VMM_LEVEL_PML4; level > leaf_level; level--) {
		uint64_t *entry = &table[vmm_index(va, level)];
		if (!(*entry & PTE_PRESENT)) {
			uint64_t page = pmm_alloc_page();
			if (page == PMM_NO_PAGE) {
				err = -ENOMEM;
				goto undo;
			}
			*entry = page | VMM_TABLE_FLAGS;
			created_entry[created++] = entry;
		} else if (*entry & PTE_LARGE) {
			err = -EEXIST;
			goto undo;
		}
		table = vmm_table(*entry);
	}
	uint64_t *leaf = &table[vmm_index(va, leaf_level)];
	if (*leaf & PTE_PRESENT) {
		err = -EEXIST;
		goto undo;
	}
	*leaf = vmm_leaf_entry(pa, flags) | (leaf_level == VMM_LEVEL_PD ? PTE_LARGE : 0);
	if (flags & VMM_USER) {
		vmm_path_t path;
		vmm_walk(root, va, leaf_level, &path);
		for (unsigned level = leaf_level + 1; level < VMM_LEVELS; level++)
			*path.entry[level] |= PTE_USER;
	}
	for (uint64_t off = 0; off < vmm_level_size(leaf_level); off += VMM_PAGE_SIZE)
		vmm_sync(root, va + off, pa + off, true);
	return 0;
undo:
	/* Tables made by this call are still empty: take them back, newest first. */
	while (created) {
		uint64_t *entry = created_entry[--created];
		uint64_t page = *entry & PTE_ADDR_MASK;
		*entry = 0;
		pmm_free_page(page);
	}
	return err;
}

int vmm_map_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags)
{
	int err = vmm_check_map(root, va, pa, flags, VMM_PAGE_SIZE);
	return err ? err : vmm_map_at(root, va, pa, flags, VMM_LEVEL_PT);
}

int vmm_map_large_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags)
{
	int err = vmm_check_map(root, va, pa, flags, VMM_LARGE_PAGE_SIZE);
	return err ? err : vmm_map_at(root, va, pa, flags, VMM_LEVEL_PD);
}

int vmm_resolve(vmm_root_t root, uintptr_t va, uint64_t *pa_out, unsigned *flags_out)
{
	if (!vmm_root_valid(root) || !vmm_is_canonical(va))
		return -ENOENT;
	vmm_path_t path;
	unsigned level = vmm_walk(root, va, VMM_LEVEL_PT, &path);
	uint64_t e = *path.entry[level];
	uint64_t pa;
	if (!(e & PTE_PRESENT))
		return -ENOENT;
	if (level == VMM_LEVEL_PT)
		pa = (e & PTE_ADDR_MASK) | (va & (VMM_PAGE_SIZE - 1));
	else if (level == VMM_LEVEL_PD)
		pa = (e & PTE_LARGE_ADDR_MASK) | (va & (VMM_LARGE_PAGE_SIZE - 1));
	else
		return -ENOENT; /* 1 GiB pages are never made */
	if (pa_out)
		*pa_out = pa;
	if (flags_out)
		*flags_out = vmm_entry_flags(e);
	return 0;
}

/* Replace the 2 MiB leaf *pd_entry by a page table with the same frames and permissions. */
static int vmm_split_large(uint64_t *pd_entry)
{
	uint64_t table_pa = pmm_alloc_page();
	if (table_pa == PMM_NO_PAGE)
		return -ENOMEM;
	uint64_t e = *pd_entry;
	uint64_t base = e & PTE_LARGE_ADDR_MASK;
	uint64_t attrs = e & VMM_LEAF_ATTRS;
	uint64_t *table = vmm_phys_to_virt(table_pa);
	for (unsigned i = 0; i < VMM_ENTRIES; i++)
		table[i] = (base + (uint64_t)i * VMM_PAGE_SIZE) | attrs;
	*pd_entry = table_pa | VMM_TABLE_FLAGS | (e & PTE_USER);
	return 0;
}

/* The table an entry pointer lies in. */
static uint64_t *vmm_table_of(uint64_t *entry)
{
	return (uint64_t *)((uintptr_t)entry & ~(uintptr_t)(VMM_PAGE_SIZE - 1));
}

/* After an unmap: free the PT and PD that became empty, recompute user bits above. */
static void vmm_tidy_path(const vmm_path_t *path)
{
	for (unsigned level = VMM_LEVEL_PT; level < VMM_LEVEL_PML4; level++) {
		const uint64_t *table = vmm_table_of(path->entry[level]);
		bool empty = true, user = false;
		for (unsigned i = 0; i < VMM_ENTRIES; i++) {
			empty = empty && !(table[i] & PTE_PRESENT);
			user = user || ((table[i] & PTE_PRESENT) && (table[i] & PTE_USER));
		}
		uint64_t *parent = path->entry[level + 1];
		if (empty && level < VMM_LEVEL_PDPT) {
			uint64_t page = *parent & PTE_ADDR_MASK;
			*parent = 0;
			pmm_free_page(page);
		} else if (user) {
			*parent |= PTE_USER;
		} else {
			*parent &= ~PTE_USER;
		}
	}
}

int vmm_unmap_page(vmm_root_t root, uintptr_t va, uint64_t *pa_out)
{
	if (!vmm_root_valid(root) || va % VMM_PAGE_SIZE || !vmm_is_canonical(va))
		return -EINVAL;
	vmm_path_t path;
	unsigned level = vmm_walk(root, va, VMM_LEVEL_PT, &path);
	uint64_t e = *path.entry[level];
	if (!(e & PTE_PRESENT) || level > VMM_LEVEL_PD)
		return -ENOENT;
	if (level == VMM_LEVEL_PD) {
		int err = vmm_split_large(path.entry[level]);
		if (err)
			return err;
		vmm_walk(root, va, VMM_LEVEL_PT, &path);
		e = *path.entry[VMM_LEVEL_PT];
	}
	*path.entry[VMM_LEVEL_PT] = 0;
	vmm_sync(root, va, 0, false);
	if (pa_out)
		*pa_out = e & PTE_ADDR_MASK;
	vmm_tidy_path(&path);
	return 0;
}

int vmm_prepare_range(vmm_root_t root, uintptr_t va, uint64_t size)
{
	uint64_t span = vmm_level_size(VMM_LEVEL_PML4);
	if (!vmm_root_valid(root) || size == 0 || size - 1 > UINTPTR_MAX - va)
		return -EINVAL;
	uintptr_t last = va + (uintptr_t)(size - 1);
	/* Both ends canonical and in the same half: the range does not cross the hole. */
	if (!vmm_is_canonical(va) || !vmm_is_canonical(last) || (va >> VMM_CANONICAL_SHIFT) != (last >> VMM_CANONICAL_SHIFT))
		return -EINVAL;
	uint64_t *pml4 = vmm_phys_to_virt(root);
	for (uintptr_t slot = va - va % span;; slot += span) {
		uint64_t *entry = &pml4[vmm_index(slot, VMM_LEVEL_PML4)];
		if (!(*entry & PTE_PRESENT)) {
			uint64_t page = pmm_alloc_page();
			if (page == PMM_NO_PAGE)
				return -ENOMEM;
			*entry = page | VMM_TABLE_FLAGS;
		}
		if (last - slot < span)
			return 0;
	}
}

int vmm_root_create(vmm_root_t *out)
{
	uint64_t page = pmm_alloc_page();
	if (page == PMM_NO_PAGE)
		return -ENOMEM;
	*out = page;
	return 0;
}

/* Free the table at pa and, below level, every table it points to. */
static void vmm_free_table(uint64_t pa, unsigned level)
{
	if (level > VMM_LEVEL_PT) {
		const uint64_t *table = vmm_phys_to_virt(pa);
		for (unsigned i = 0; i < VMM_ENTRIES; i++)
			if ((table[i] & PTE_PRESENT) && !(table[i] & PTE_LARGE))
				vmm_free_table(table[i] & PTE_ADDR_MASK, level - 1);
	}
	pmm_free_page(pa);
}

void vmm_root_destroy(vmm_root_t root)
{
	if (!vmm_root_valid(root) || root == vmm_active_root || root == vmm_kernel_root_pa) {
		boot_mark("VMM", MARK_WARN, "destroy of root 0x%lx refused: %s", (unsigned long)root,
		          vmm_root_valid(root) ? "it is in use" : "not a root");
		return;
	}
	vmm_free_table(root, VMM_LEVEL_PML4);
}

int vmm_update_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags)
{
	if (!vmm_root_valid(root) || (flags & ~VMM_FLAGS_ALL) || va % VMM_PAGE_SIZE || !vmm_is_canonical(va) ||
	    pa % VMM_PAGE_SIZE || pa >= VMM_PHYS_LIMIT)
		return -EINVAL;
	vmm_path_t path;
	unsigned level = vmm_walk(root, va, VMM_LEVEL_PT, &path);
	uint64_t old = *path.entry[level];
	if (level != VMM_LEVEL_PT || !(old & PTE_PRESENT))
		return -ENOENT;
	*path.entry[VMM_LEVEL_PT] = vmm_leaf_entry(pa, flags);
	vmm_sync(root, va, pa, true);
	/* Keep "user bit above exactly the user mappings" when the leaf's user bit changed. */
	if ((old ^ *path.entry[VMM_LEVEL_PT]) & PTE_USER)
		vmm_tidy_path(&path);
	return 0;
}

/* The address of entry index at level of a table whose first address is base (sign-extended at the top). */
static uintptr_t vmm_entry_address(uintptr_t base, unsigned level, unsigned index)
{
	uint64_t va = (uint64_t)base + (uint64_t)index * vmm_level_size(level);
	if (level == VMM_LEVEL_PML4 && (va >> VMM_CANONICAL_SHIFT))
		va |= ~((1ull << VMM_CANONICAL_SHIFT) - 1);
	return (uintptr_t)va;
}

/* Depth-first search of one table for the first present leaf in [start, end). */
static bool vmm_find_in(const uint64_t *table, unsigned level, uintptr_t base, uintptr_t start, uintptr_t end,
                        uintptr_t *va_out)
{
	unsigned first = start > base ? vmm_index(start, level) : 0;
	for (unsigned i = first; i < VMM_ENTRIES; i++) {
		uintptr_t va = vmm_entry_address(base, level, i);
		if (va >= end)
			return false;
		uint64_t e = table[i];
		if (!(e & PTE_PRESENT))
			continue;
		uintptr_t from = va > start ? va : start;
		if (level == VMM_LEVEL_PT || (e & PTE_LARGE)) {
			*va_out = from;
			return true;
		}
		if (vmm_find_in(vmm_table(e), level - 1, va, from, end, va_out))
			return true;
	}
	return false;
}

int vmm_find_mapped(vmm_root_t root, uintptr_t start, uintptr_t end, uintptr_t *va_out)
{
	if (!vmm_root_valid(root) || !va_out || start % VMM_PAGE_SIZE || end <= start || !vmm_is_canonical(start) ||
	    !vmm_is_canonical(end - 1) || (start >> VMM_CANONICAL_SHIFT) != ((end - 1) >> VMM_CANONICAL_SHIFT))
		return -EINVAL;
	return vmm_find_in(vmm_phys_to_virt(root), VMM_LEVEL_PML4, 0, start, end, va_out) ? 0 : -ENOENT;
}

bool vmm_root_is_active(vmm_root_t root)
{
	return root != 0 && root == vmm_active_root;
}
