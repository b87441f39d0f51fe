/*
 * User address spaces: one per process (spec/user-memory.md, UVM-001...).
 *
 * A uvm_t is a page-table root plus a sorted list of non-overlapping virtual
 * memory areas (VMAs).  Nothing is mapped when a VMA is made: uvm_fault fills
 * pages on first touch (zero for anonymous, heap and stack; file bytes for a
 * private file mapping), breaks copy-on-write after uvm_fork and grows the
 * stack.  The same code runs in QEMU and in the sim.
 *
 * Rules for callers:
 *  - user addresses are [ELF_USER_MIN, ELF_USER_LIMIT) (proc/elf.h) minus
 *    every top-level (PML4, 512 GiB) slot the kernel uses; uvm_create copies
 *    the kernel's slots into the new root, so a process root maps the kernel
 *    too.  Slot 0 of the kernel root is not copied when it is only a boot
 *    identity map.  The kernel must create every top-level entry it will
 *    ever use (vmm_prepare_range) before the first uvm_create.
 *  - uvm_destroy of the active root first activates the kernel root (which
 *    maps the kernel too), so it is safe on the exit path; a scheduler will
 *    normally have switched away already.
 *  - the page-fault path calls uvm_fault(uvm, cr2, access): 0 means retry the
 *    instruction, -EFAULT means SIGSEGV, -EIO means SIGBUS, -ENOMEM means
 *    out of memory (kill).  It never panics on any input.  From an x86_64
 *    error code: bit 1 (W) -> UVM_ACCESS_WRITE, bit 4 (I/D) ->
 *    UVM_ACCESS_EXEC, otherwise UVM_ACCESS_READ; bit 0 (P) ->
 *    UVM_ACCESS_PRESENT.  Kernel-mode faults on user addresses should not
 *    happen: kernel code reaches user memory through uvm_read/uvm_write.
 *  - syscalls: mmap -> uvm_map, munmap -> uvm_unmap, mprotect ->
 *    uvm_protect, brk -> uvm_brk, fork -> uvm_fork; exec builds a fresh
 *    uvm_t, maps segments with uvm_map(UVM_MAP_FIXED), writes them with
 *    uvm_write(force = true), sets the break base and the stack.
 *  - uvm_read/uvm_write are the software user copy: they never touch memory
 *    outside VMAs and copy through the direct map.
 *  - frames shared by fork carry an owner count (mm/pageref.h); a frame goes
 *    back to the PMM when its last owner unmaps it.
 *  - not thread safe: the caller serialises operations on one uvm_t (and on
 *    a fork family, which shares owner counts).
 */
#ifndef AEGIS_KERNEL_UVM_H
#define AEGIS_KERNEL_UVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/vmm.h"

/* Protection (the Linux PROT_* values, equal to ELF_PROT_*). */
#define UVM_PROT_NONE 0x0u
#define UVM_PROT_READ 0x1u
#define UVM_PROT_WRITE 0x2u
#define UVM_PROT_EXEC 0x4u
#define UVM_PROT_ALL (UVM_PROT_READ | UVM_PROT_WRITE | UVM_PROT_EXEC)

/* uvm_map flags (the Linux MAP_* values); UVM_MAP_PRIVATE is required, shared mappings are not supported. */
#define UVM_MAP_SHARED 0x01u
#define UVM_MAP_PRIVATE 0x02u
#define UVM_MAP_FIXED 0x10u
#define UVM_MAP_ANONYMOUS 0x20u
#define UVM_MAP_FIXED_NOREPLACE 0x100000u
#define UVM_MAP_FLAGS_KNOWN (UVM_MAP_SHARED | UVM_MAP_PRIVATE | UVM_MAP_FIXED | UVM_MAP_ANONYMOUS | UVM_MAP_FIXED_NOREPLACE)

/* uvm_fault access bits: what the CPU tried, and whether the page was present (a protection fault). */
#define UVM_ACCESS_READ 0x1u
#define UVM_ACCESS_WRITE 0x2u
#define UVM_ACCESS_EXEC 0x4u
#define UVM_ACCESS_PRESENT 0x8u
#define UVM_ACCESS_ALL (UVM_ACCESS_READ | UVM_ACCESS_WRITE | UVM_ACCESS_EXEC | UVM_ACCESS_PRESENT)

/* What a VMA holds. */
typedef enum {
	UVM_KIND_ANON = 0, /* private anonymous (mmap) */
	UVM_KIND_FILE,     /* private file mapping: filled from the file, writes stay private */
	UVM_KIND_STACK,    /* the grows-down stack (uvm_stack_setup) */
	UVM_KIND_HEAP,     /* the brk heap */
} uvm_kind_t;

#define UVM_PAGE_SIZE 4096ull
/* Top of the range searched for mappings without a usable hint (below the usual stack). */
#define UVM_MMAP_BASE 0x00007F0000000000ull
/* At most this many VMAs per address space (Linux's default max_map_count). */
#define UVM_MAX_VMAS 65530u

/*
 * A file behind a private mapping, without a VFS: read(ctx, off, buf, len)
 * returns the bytes read (fewer than len at end of file; the rest of the page
 * reads as zero) or a negative error.  retain/release (may be NULL) count the
 * references uvm holds: one per VMA record (taken at map, fork and split,
 * dropped at unmap and destroy).  uvm copies the struct.
 */
typedef struct {
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);
	void (*retain)(void *ctx);
	void (*release)(void *ctx);
	void *ctx;
} uvm_file_t;

typedef struct uvm uvm_t;

/* One VMA as uvm_vma_query reports it. */
typedef struct {
	uint64_t start; /* page aligned */
	uint64_t end;   /* exclusive, page aligned */
	unsigned prot;  /* UVM_PROT_* */
	uvm_kind_t kind;
	uint64_t offset; /* file offset of start (UVM_KIND_FILE) */
} uvm_vma_info_t;

typedef struct {
	uint64_t resident_pages; /* present pages in this root (shared ones included) */
	uint64_t mapped_bytes;   /* sum of VMA sizes */
	uint64_t vma_count;
} uvm_stats_t;

/* A new, empty address space sharing the kernel's top-level entries: 0, -ENOMEM, -EINVAL (no kernel root). */
int uvm_create(uvm_t **out);

/* Free everything (see rules; activates the kernel root if uvm's is active); NULL is ignored. */
void uvm_destroy(uvm_t *uvm);

vmm_root_t uvm_root(const uvm_t *uvm);

/*
 * mmap: see the flag constants.  len is rounded up to whole pages.  With
 * UVM_MAP_FIXED the range at hint replaces what is there; with
 * UVM_MAP_FIXED_NOREPLACE an overlap gives -EEXIST; otherwise hint is used
 * when free, else the highest free range below UVM_MMAP_BASE.  0 with the
 * address in *addr_out, -EINVAL, -ENOMEM or -EEXIST; nothing changes on error.
 */
int uvm_map(uvm_t *uvm, uint64_t hint, uint64_t len, unsigned prot, unsigned flags, const uvm_file_t *file,
            uint64_t offset, uint64_t *addr_out);

/* munmap: 0 or -EINVAL (unaligned addr, len 0, outside user space); holes are fine. */
int uvm_unmap(uvm_t *uvm, uint64_t addr, uint64_t len);

/* mprotect: 0, -EINVAL, -ENOMEM (part of the range unmapped, or no memory for the split records). */
int uvm_protect(uvm_t *uvm, uint64_t addr, uint64_t len, unsigned prot);

/* Where the break starts (exec: the end of the highest segment); resets the break there. 0 or -EINVAL. */
int uvm_set_brk_base(uvm_t *uvm, uint64_t base);

/* brk: *result is the break after the call; 0 when it moved (or requested was 0), else -ENOMEM. */
int uvm_brk(uvm_t *uvm, uint64_t requested, uint64_t *result);

/*
 * The stack: a read/write VMA [top - initial_size, top) that grows down on
 * faults to top - max_size; the page below that is a guard.  Sizes are page
 * multiples, 0 < initial_size <= max_size.  0, -EINVAL, -EEXIST (something
 * mapped in the reserved range, or a stack exists), -ENOMEM.
 */
int uvm_stack_setup(uvm_t *uvm, uint64_t top, uint64_t initial_size, uint64_t max_size);

/* Resolve a fault at addr (UVM_ACCESS_* bits): 0, -EFAULT, -EIO (file read failed), -ENOMEM. */
int uvm_fault(uvm_t *uvm, uint64_t addr, unsigned access);

/* A copy-on-write copy of parent in *child: 0 or -ENOMEM (nothing leaked, parent contents unchanged). */
int uvm_fork(uvm_t *parent, uvm_t **child);

/*
 * Copy between the kernel and user memory, faulting pages in.  force ignores
 * the protection (exec writing text; a forced write to a shared frame copies
 * it first).  0, -EFAULT (some byte is outside a VMA or not allowed: nothing
 * copied, nothing faulted), -EIO, -ENOMEM (pages faulted in so far stay).
 */
int uvm_write(uvm_t *uvm, uint64_t addr, const void *src, size_t len, bool force);
int uvm_read(uvm_t *uvm, uint64_t addr, void *dst, size_t len, bool force);

/* The VMA containing addr, else the lowest one above it: 0 or -ENOENT. */
int uvm_vma_query(const uvm_t *uvm, uint64_t addr, uvm_vma_info_t *out);

void uvm_stats(const uvm_t *uvm, uvm_stats_t *out);

/* The current break and its base. */
uint64_t uvm_brk_current(const uvm_t *uvm);

#endif
