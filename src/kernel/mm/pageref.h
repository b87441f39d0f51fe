/*
 * Owner counts of physical frames, for copy-on-write user memory.
 *
 * A frame mapped by user address spaces has one or more owners; the count
 * says whether a write fault may reuse the frame (one owner) and when the
 * frame goes back to the PMM (the last owner lets go).  Untracked frames
 * have exactly one owner, so ordinary pages cost nothing: only sharing
 * (uvm_fork) touches the table.
 *
 * Rules:
 *  - the table holds one uint16_t of "extra owners" per frame below
 *    pmm_reachable_end() at the time it is made (by pageref_init, or lazily
 *    by the first pageref_share); it lives in KVA pages and is never freed;
 *  - the bound is PAGEREF_MAX_OWNERS: pageref_share refuses beyond it, and
 *    the caller copies the frame instead, so counts never wrap;
 *  - pageref_unshare on an untracked (single-owner) frame says "last owner";
 *  - pageref_reset forgets the table without freeing it: only for a freshly
 *    built machine (the tests build one per case).
 * spec/user-memory.md UVM-070.
 */
#ifndef AEGIS_KERNEL_PAGEREF_H
#define AEGIS_KERNEL_PAGEREF_H

#include <stdbool.h>
#include <stdint.h>

#define PAGEREF_MAX_OWNERS 65536u /* 1 + the largest uint16_t */

/* Make the table now (idempotent): 0 or -ENOMEM. */
int pageref_init(void);

/* Forget the table (a new machine was built). */
void pageref_reset(void);

/* One more owner of frame pa: 0, -EINVAL (unaligned or not covered), -ENOMEM (no table or at the bound). */
int pageref_share(uint64_t pa);

/* One owner fewer; true when that was the last one (the caller frees the frame). */
bool pageref_unshare(uint64_t pa);

/* How many owners pa has (1 when untracked). */
uint32_t pageref_owners(uint64_t pa);

#endif
