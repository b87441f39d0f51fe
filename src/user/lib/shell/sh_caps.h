/*
 * The `caps` builtin's text (spec/shell.md SH-060): one line per capability
 * kind held, its name and its rights as "rwx" with '-' for a missing right
 * ("POWER rwx", "VFS_READ r--"), in kind order.
 */
#ifndef AEGIS_SH_CAPS_H
#define AEGIS_SH_CAPS_H

#include <stddef.h>

#include <aegis/cap.h>

/* The name of kind ("CAP_GRANT"), or NULL for a kind Aegis does not define. */
const char *sh_cap_kind_name(uint32_t kind);

/*
 * Write the lines for slots[0..n) into out (cap bytes, NUL-terminated).
 * Empty slots and slots without rights are skipped; an unknown kind shows as
 * "KIND<n>".  Returns the length, or -E2BIG when out is too small.
 */
long sh_caps_format(const cap_slot_t *slots, size_t n, char *out, size_t cap);

#endif
