/*
 * Copying between the kernel and the running process's memory
 * (spec/processes.md: bad pointers give -EFAULT, never a kernel fault).
 *
 * Every pointer a program passes is checked here: the range must lie in the
 * user half without wrapping, then the platform copies it (x86_64: an
 * SMAP-aware copy with a fault fixup; sim: process_vm_readv/writev).
 */
#ifndef AEGIS_KERNEL_PROC_USERCOPY_H
#define AEGIS_KERNEL_PROC_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

#include "proc/process.h"

/* One past the highest user address (the lower canonical half). */
#define USER_ADDR_LIMIT 0x0000800000000000ull

/* Does [addr, addr + len) lie in the user half? (len 0: any addr below the limit) */
int user_range_ok(uint64_t addr, size_t len);

/* 0 or -EFAULT. */
int copy_from_user(process_t *p, void *dst, uint64_t src, size_t len);
int copy_to_user(process_t *p, uint64_t dst, const void *src, size_t len);

/*
 * Copy a NUL-terminated string of at most max - 1 bytes into dst[max].
 * Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL came within
 * max - 1 bytes.  Never reads past the page that holds the terminator.
 */
int64_t copy_string_from_user(process_t *p, char *dst, size_t max, uint64_t src);

#endif
