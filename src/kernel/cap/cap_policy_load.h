/*
 * Loading the capability policies at boot (spec/security-policy.md
 * POL-040..043): once, right after the root file system is mounted, every
 * regular file of /etc/aegis/caps.d is read in name order and registered.
 * Policies are never reloaded; a change needs a reboot.  Reads go through the
 * ext2 core until the VFS exists.
 */
#ifndef AEGIS_KERNEL_CAP_POLICY_LOAD_H
#define AEGIS_KERNEL_CAP_POLICY_LOAD_H

#include "cap/cap_policy.h"
#include "fs/ext2/ext2.h"

/* At most this many directory entries are considered; more are reported. */
#define CAP_POLICY_DIR_ENTRIES_MAX 128u

/* Load from fs (NULL: no root file system); prints the [CAP_POLICY] lines. */
void cap_policy_load_boot(ext2_fs_t *fs);

/* The policies loaded at boot (empty before cap_policy_load_boot). */
const cap_policy_db_t *cap_policy_boot_db(void);

#endif
