/*
 * Paths from user memory for the file calls: copied into the kernel, then
 * resolved from the working directory or a dirfd (an absolute path ignores
 * dirfd, as on Linux).
 */
#ifndef AEGIS_KERNEL_SYSCALL_USER_PATH_H
#define AEGIS_KERNEL_SYSCALL_USER_PATH_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/vfs.h"

/* A kernel copy of a user path (kfree it): 0, -EFAULT, -ENAMETOOLONG or -ENOMEM. */
int user_path_copy(process_t *p, uint64_t upath, char **out);

/* dirfd + user path to a dentry (VFS_* flags): 0 and *out held (dentry_put it), or -errno. */
int user_path_resolve(process_t *p, int dirfd, uint64_t upath, unsigned flags, dentry_t **out);

/* dirfd + user path to the directory holding its last name (held), and the name (PATH_NAME_MAX + 1 bytes). */
int user_path_parent(process_t *p, int dirfd, uint64_t upath, bool create, dentry_t **dir, char *name);

#endif
