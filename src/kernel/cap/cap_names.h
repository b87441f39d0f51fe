/*
 * Names of capability kinds and a short form of rights, for the policy
 * parser, `caps` output and log lines (CAP-001, CAP-002).
 */
#ifndef AEGIS_KERNEL_CAP_NAMES_H
#define AEGIS_KERNEL_CAP_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* Bytes a rights string needs at most: "rwx" or "?" forms plus the terminator. */
#define CAP_RIGHTS_TEXT_MAX 4u

/* "VFS_OPEN" ... "POWER" for kinds 1..16, NULL otherwise. */
const char *cap_kind_name(uint32_t kind);

/* The kind named exactly by text[0..len) (case-sensitive), or 0. */
uint32_t cap_kind_from_name(const char *text, size_t len);

/* "r", "rw", "rwx", "-" for none, "?" for unknown bits: 0, or -EINVAL if it does not fit. */
int cap_rights_format(uint32_t rights, char *buf, size_t size);

#endif
