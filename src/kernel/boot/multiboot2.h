/*
 * Multiboot2 information parser: untrusted bytes in, bootinfo_t out.
 *
 * Strict: any structural error (sizes that overflow or run past the end,
 * misaligned tags, a missing end tag, a memory-map entry size too small,
 * strings without terminator, more regions or modules than bootinfo_t holds)
 * rejects the whole structure with a one-line reason.  Fuzzed by fuzz/multiboot2.
 */
#ifndef AEGIS_KERNEL_MULTIBOOT2_H
#define AEGIS_KERNEL_MULTIBOOT2_H

#include <stddef.h>
#include <stdint.h>

#include "boot/bootinfo.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289u
/* Largest info structure accepted; GRUB's is a few KiB. */
#define MB2_INFO_MAX (64u * 1024u)

/*
 * Parse the info structure at info, of which at most avail bytes may be read
 * (the kernel passes MB2_INFO_MAX; tests and the fuzzer pass the buffer size).
 * On success returns 0 and fills *out (info_phys is left for the caller).
 * On failure returns -EINVAL, leaves *out all zero and writes a one-line
 * reason of at most errlen-1 bytes ("tag at offset 40 has size 4, smaller
 * than its 8-byte header"); err may be NULL.  Rules: spec/multiboot2.md.
 */
int mb2_parse(const void *info, size_t avail, bootinfo_t *out, char *err, size_t errlen);

#endif
