/*
 * What the parts of procfs share (procfs.c: /proc itself; procfs_pid_dir.c:
 * /proc/<pid>): the instance, inode numbering and node making.
 */
#ifndef AEGIS_FS_PROCFS_INTERNAL_H
#define AEGIS_FS_PROCFS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"
#include "proc/process.h"

#define PROCFS_DIR_PERM 0555u
#define PROCFS_LINK_PERM 0777u
#define PROCFS_FILE_PERM 0444u
#define PROCFS_GUARDED_PERM 0400u

/* Inode numbers: /proc's own nodes are small; a process's are pid * PROCFS_INO_PER_PID + slot. */
#define PROCFS_INO_ROOT 1u
#define PROCFS_INO_SELF 2u
#define PROCFS_INO_FILES 16u
#define PROCFS_INO_PER_PID 65536u
#define PROCFS_SLOT_DIR 0u
#define PROCFS_SLOT_FILES 1u  /* the text files, in table order */
#define PROCFS_SLOT_EXE 32u
#define PROCFS_SLOT_CWD 33u
#define PROCFS_SLOT_FD_DIR 34u
#define PROCFS_SLOT_FD 256u   /* descriptor n is PROCFS_SLOT_FD + n */

/* A node of procfs with mode and inode ino and data (owned: freed at release when owned): 0 or -ENOMEM. */
int procfs_make(const vnode_ops_t *ops, uint32_t mode, uint64_t ino, void *data, vnode_t **out);

/* The release op of nodes whose data procfs allocated. */
void procfs_release_data(vnode_t *node);

bool procfs_name_is(const char *name, size_t len, const char *want);

/* The decimal number a name spells (no sign, no leading zero), or -1. */
long procfs_name_number(const char *name, size_t len);

/* /proc/<pid>: its directory node (a reference), or -ENOENT for no such process. */
int procfs_pid_dir_lookup(int pid, vnode_t **out);

/* The process a per-process node is about, or NULL when it has gone. */
process_t *procfs_node_process(const vnode_t *node);

#endif
