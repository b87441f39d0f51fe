/*
 * Names of the namespace (spec/filesystems.md FS-001..): a tree of dentries,
 * each a name in its parent directory bound to a vnode.
 *
 * The tree is a cache of what the file systems hold: a lookup that misses
 * asks the directory's file system and adds the child.  A dentry's refs
 * counts its users (open files, working directories, walkers) plus its
 * cached children; one with no refs sits on an LRU list and is dropped,
 * oldest first, when the cache holds more than DENTRY_CACHE_MAX of them (at
 * once for volatile file systems such as /proc).  Names that are removed or
 * renamed are moved or unhashed here by the VFS, so a dentry's path is
 * always the file's current path (getcwd, /proc/<pid>/fd).  A mount hangs
 * the root dentry of another file system over a dentry (mount.h).
 */
#ifndef AEGIS_FS_DENTRY_H
#define AEGIS_FS_DENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"

#define DENTRY_CACHE_MAX 4096u /* unused dentries kept for later lookups */

struct vfs_mount;

typedef struct dentry {
	struct dentry *parent;   /* holds a reference; NULL for a file system's root */
	vnode_t *node;           /* holds a reference */
	uint32_t refs;
	bool unhashed;           /* removed from its directory (unlinked, or replaced by rename) */
	struct dentry *children; /* cached children */
	struct dentry *sibling;
	struct dentry *lru_prev, *lru_next; /* on the unused list while refs == 0 */
	struct vfs_mount *mounted;   /* a file system mounted over this dentry */
	struct vfs_mount *root_of;   /* this dentry is the root of that mount */
	size_t name_len;
	char *name; /* not NUL-terminated; its own allocation, so rename can change it */
} dentry_t;

/* A root dentry for node (taking the caller's reference on node): one reference, or NULL. */
dentry_t *dentry_new_root(vnode_t *node);
/*
 * Lookups borrow: the cached child name of dir, or NULL; no reference is
 * taken.  Borrowed dentries stay valid until the next dentry_trim, which
 * only the VFS calls, between walks.
 */
dentry_t *dentry_find_child(dentry_t *dir, const char *name, size_t len);
/* Cache node (taking the caller's reference) as child name of dir: borrowed, or NULL (node put). */
dentry_t *dentry_add_child(dentry_t *dir, const char *name, size_t len, vnode_t *node);

void dentry_hold(dentry_t *d);
/* Drop a reference (NULL ignored); an unused dentry goes on the LRU list or, when removed, is freed. */
void dentry_put(dentry_t *d);

/* The name was removed from its directory: later lookups miss it; open files keep it. */
void dentry_unhash(dentry_t *d);
/* The name moved to new_name in new_dir (the file system already moved it): 0, or -ENOMEM (then unhashed). */
int dentry_move(dentry_t *d, dentry_t *new_dir, const char *new_name, size_t new_len);

/*
 * d's absolute path from the namespace root into buf (NUL-terminated): its
 * length, or -ENAMETOOLONG when cap is too small.  A removed name ends in
 * " (deleted)" as on Linux.
 */
long dentry_path(const dentry_t *d, char *buf, size_t cap);

/* Drop unused dentries beyond the cache bound and every unused volatile one. */
void dentry_trim(void);
/* Drop every unused dentry (tests, leak checks). */
void dentry_trim_all(void);
/* Dentries in memory, and unused ones among them. */
size_t dentry_count(void);
size_t dentry_unused_count(void);

#endif
