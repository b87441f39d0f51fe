/*
 * Between the uvm*.c files: the address-space record, the VMA record and the
 * helpers they share (VMA list, frames, page flags).  Not for other callers.
 */
#ifndef AEGIS_KERNEL_UVM_INTERNAL_H
#define AEGIS_KERNEL_UVM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/uvm.h"

#define UVM_PML4_SLOT_SHIFT 39u
#define UVM_PML4_SLOTS 512u
#define UVM_LOWER_SLOTS 256u /* slots of the lower canonical half */
#define UVM_SLOT_WORDS (UVM_PML4_SLOTS / 64u)

typedef struct uvm_vma {
	struct uvm_vma *next; /* sorted by start */
	uint64_t start, end;  /* page aligned, start < end */
	unsigned prot;
	uvm_kind_t kind;
	bool has_file;
	uvm_file_t file;
	uint64_t offset; /* file offset of start */
} uvm_vma_t;

struct uvm {
	vmm_root_t root;
	uvm_vma_t *vmas;
	uint64_t vma_count;
	uint64_t resident_pages;
	uint64_t copied_slots[UVM_SLOT_WORDS];   /* PML4 entries copied from the kernel root */
	uint64_t reserved_slots[UVM_SLOT_WORDS]; /* slots user mappings never use */
	uint64_t brk_base, brk;
	bool has_stack;
	uint64_t stack_limit; /* lowest address the stack may grow to; the guard page is below */
	uint64_t stack_top;
};

/* ---- uvm.c ---------------------------------------------------------------- */

/* Is [start, end) inside user space and clear of every kernel slot? */
bool uvm_range_valid(const uvm_t *uvm, uint64_t start, uint64_t end);

/* Page-table flags for a page of vma; writable only when it may be written in place. */
unsigned uvm_page_flags(unsigned prot, bool exclusive);

/* ---- uvm_vma.c ------------------------------------------------------------ */

uvm_vma_t *uvm_vma_alloc(void);
/* Free a record, releasing its file reference. */
void uvm_vma_free(uvm_vma_t *vma);
/* A copy of vma's fields in a new record (file retained), or NULL. */
uvm_vma_t *uvm_vma_clone(const uvm_vma_t *vma);

/* The VMA containing addr, or NULL. */
uvm_vma_t *uvm_vma_find(const uvm_t *uvm, uint64_t addr);
/* The first VMA ending above addr (containing it or after it), or NULL. */
uvm_vma_t *uvm_vma_first_after(const uvm_t *uvm, uint64_t addr);
/* Does any VMA overlap [start, end)? */
bool uvm_vma_overlaps(const uvm_t *uvm, uint64_t start, uint64_t end);
/* Link a record into the sorted list (its range must be free). */
void uvm_vma_link(uvm_t *uvm, uvm_vma_t *vma);
/* Unlink and free a record. */
void uvm_vma_unlink(uvm_t *uvm, uvm_vma_t *vma);
/* Split vma at addr (strictly inside) using spare for the upper part (file retained). */
void uvm_vma_split(uvm_t *uvm, uvm_vma_t *vma, uint64_t addr, uvm_vma_t *spare);

/* May the list grow by extra records without passing UVM_MAX_VMAS? */
bool uvm_vma_count_ok(const uvm_t *uvm, unsigned extra);
/* Fold neighbouring VMAs that touch [start, end] and differ in nothing (prot, kind, file and offset). */
void uvm_vma_merge_range(uvm_t *uvm, uint64_t start, uint64_t end);
/* Unmap and release every present page in [start, end). */
void uvm_release_range(uvm_t *uvm, uint64_t start, uint64_t end);
/* A new frame with the contents of pa, or PMM_NO_PAGE. */
uint64_t uvm_frame_dup(uint64_t pa);
/* Drop one owner of frame pa; frees it when that was the last. */
void uvm_frame_put(uint64_t pa);
/*
 * Remove [start, end) from the VMA list and its pages; spare (may be NULL
 * when no VMA is split in two) is consumed or freed.  Never fails.
 */
void uvm_remove_range(uvm_t *uvm, uint64_t start, uint64_t end, uvm_vma_t *spare);
/* Does removing [start, end) split one VMA in two (needing a spare record)? */
bool uvm_remove_needs_spare(const uvm_t *uvm, uint64_t start, uint64_t end);

/* ---- uvm_fault.c ---------------------------------------------------------- */

/* The VMA for addr, growing the stack when addr is in its growth range; NULL when none. */
uvm_vma_t *uvm_vma_for_access(uvm_t *uvm, uint64_t addr, bool grow);
/* Make the page at va (page aligned, in vma) present; write: also private and writable in the tables unless force. */
int uvm_page_populate(uvm_t *uvm, uvm_vma_t *vma, uint64_t va, bool write, bool force);
/* Would an access with these UVM_ACCESS_* bits be allowed by prot? */
bool uvm_access_allowed(unsigned prot, unsigned access);

#endif
