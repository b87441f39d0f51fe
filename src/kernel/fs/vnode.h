/*
 * Inodes of the namespace (spec/filesystems.md FS-001..): what open, stat,
 * read, write and the namespace calls act on, whatever file system is
 * behind.  Names live in dentries (dentry.h); a vnode is the file itself.
 *
 * A vnode belongs to one file-system instance (vnode_sb_t) and is found by
 * (instance, inode number) in a hash, so two hard links share one vnode and
 * one copy of the file's state.  Vnodes are reference counted: every dentry
 * naming one, and every caller that borrows one past a call, holds a
 * reference; the last vnode_put hands the node to its file system's
 * release op (which frees an unlinked file's storage) and frees it.
 */
#ifndef AEGIS_FS_VNODE_H
#define AEGIS_FS_VNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/linux_abi.h>

/* st_dev of the kernel's own file systems; block-backed ones get numbers from VNODE_DEV_DYNAMIC up. */
#define VNODE_DEV_INITRD 1u
#define VNODE_DEV_EXT2 2u
#define VNODE_DEV_DEVFS 3u
#define VNODE_DEV_PROC 4u
#define VNODE_DEV_RAMFS 5u
#define VNODE_DEV_DYNAMIC 16u

#define VNODE_MODE_TYPE 0170000u
#define VNODE_MODE_PERM 07777u

struct vnode;
struct file;
struct process;

/* One directory entry as getdents64 reports it. */
typedef struct {
	const char *name;
	size_t name_len;
	uint64_t ino;
	uint8_t type; /* AEGIS_DT_* */
} vnode_dirent_t;

/* Return non-zero to stop the listing (that value is returned). */
typedef int (*vnode_dirent_fn)(void *ctx, const vnode_dirent_t *entry);

/* What a new node is: type and permission bits, owner, and a symlink's target. */
typedef struct {
	uint32_t mode; /* AEGIS_S_IFREG, _IFDIR or _IFLNK with permission bits */
	uint32_t uid, gid;
	const char *target; /* symlinks: the target (target_len bytes, no NUL) */
	size_t target_len;
} vnode_create_t;

/*
 * A file system's operations.  Every op is optional; a missing one answers
 * as the comment says.  Ops that take a directory take it referenced by the
 * caller; ops that give a node back give one new reference.
 */
typedef struct vnode_ops {
	/* Child name of directory dir: 0 and *out (a reference), or -ENOENT, -ENOMEM, -EIO. NULL: -ENOENT. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
	/* Up to len bytes at offset: bytes read (0 at the end) or -errno.  NULL: -EINVAL. */
	int64_t (*read)(struct vnode *node, uint64_t offset, void *buf, size_t len);
	/* Write len bytes at offset, growing the file: bytes written (short when full) or -errno. NULL: -EROFS. */
	int64_t (*write)(struct vnode *node, uint64_t offset, const void *buf, size_t len);
	/* Every entry of directory dir except "." and "..". NULL: none. */
	int (*list)(struct vnode *dir, vnode_dirent_fn fn, void *ctx);
	/* A symlink's target into buf: its length (may exceed cap: too long) or -errno. */
	long (*readlink)(struct vnode *node, char *buf, size_t cap);
	/* Open a device node: a new file or NULL (-ENOMEM); NULL op: not a device. */
	struct file *(*open_device)(struct vnode *node, struct process *p, uint32_t flags, int *err);
	/* Make name in dir as what says: 0 and *out, -EEXIST, -ENOSPC, -EROFS, -EIO. NULL: -EROFS. */
	int (*create)(struct vnode *dir, const char *name, size_t len, const vnode_create_t *what, struct vnode **out);
	/* A new name in dir for the non-directory node: 0 or -errno. NULL: -EROFS (-EXDEV across instances). */
	int (*link)(struct vnode *dir, const char *name, size_t len, struct vnode *node);
	/* Remove name (a directory: rmdir, empty only); victim is the node it names. NULL: -EROFS. */
	int (*remove)(struct vnode *dir, const char *name, size_t len, struct vnode *victim, bool is_dir);
	/* Move name in dir to new_name in new_dir of the same instance, replacing. NULL: -EROFS. */
	int (*rename)(struct vnode *dir, const char *name, size_t len, struct vnode *new_dir, const char *new_name,
		      size_t new_len);
	/* Set a regular file's size. NULL: -EROFS. */
	int (*truncate)(struct vnode *node, uint64_t size);
	/* Store the node's mode, uid, gid and times after the VFS changed them. NULL: -EROFS. */
	int (*setattr)(struct vnode *node);
	/* Write the file's (or the whole instance's) pending changes. NULL: nothing pending, 0. */
	int (*sync)(struct vnode *node);
	/* The whole file in kernel memory for the machine's life (the initrd's files), or NULL: read it. */
	const void *(*map)(struct vnode *node);
	/* The directory holding this directory's changeable names (a union's lower one); NULL op: itself. */
	struct vnode *(*backing)(struct vnode *dir);
	/* The last reference is gone: free node->data (and an unlinked file's storage). */
	void (*release)(struct vnode *node);
} vnode_ops_t;

/* A file-system instance: what its vnodes share. */
typedef struct vnode_sb {
	const char *fstype;   /* "ext2", "ramfs", "initrd", "devfs", "proc" */
	uint32_t dev;         /* st_dev of its nodes */
	bool read_only;
	bool volatile_names;  /* names change by themselves (/proc): unused dentries are not kept */
	void *fs;             /* the instance's own state */
	int64_t magic;        /* statfs's f_type (Linux's value for the kind) */
	int (*sync_all)(struct vnode_sb *sb); /* sync: write everything pending, NULL: nothing */
	/* statfs's block and file counts (f_type and f_namelen are filled before); NULL: all zero. */
	void (*statfs)(struct vnode_sb *sb, aegis_statfs_t *out);
} vnode_sb_t;

/* statfs's f_type of each kind (Linux's magic numbers). */
#define VNODE_MAGIC_EXT2 0xEF53
#define VNODE_MAGIC_RAMFS 0x858458F6
#define VNODE_MAGIC_PROC 0x9FA0
#define VNODE_MAGIC_DEVFS 0x01021994
#define VNODE_MAGIC_DEVPTS 0x1CD1

typedef struct vnode {
	const vnode_ops_t *ops;
	vnode_sb_t *sb;
	uint32_t refs;
	uint32_t mode; /* AEGIS_S_IF* type and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;
	uint64_t ino;
	uint64_t size;
	uint64_t atime, mtime, ctime; /* seconds */
	uint64_t rdev;
	void *data; /* the file system's handle */
	void *fifo; /* a FIFO's pipe while any end is open (ipc/pipe_file.c), else NULL */
	void *sock; /* a socket node's bound socket (net/unix_sock.c) while it exists, else NULL */
	bool hashed; /* in the (sb, ino) hash */
	struct vnode *hash_next;
} vnode_t;

static inline bool vnode_is_dir(const vnode_t *n)
{
	return (n->mode & VNODE_MODE_TYPE) == 0040000u;
}

static inline bool vnode_is_symlink(const vnode_t *n)
{
	return (n->mode & VNODE_MODE_TYPE) == 0120000u;
}

static inline bool vnode_is_fifo(const vnode_t *n)
{
	return (n->mode & VNODE_MODE_TYPE) == 0010000u;
}

static inline bool vnode_is_regular(const vnode_t *n)
{
	return (n->mode & VNODE_MODE_TYPE) == 0100000u;
}

/* ---- the vnode table (vnode_cache.c) ---- */

/* The node (sb, ino) with a new reference, or NULL when it is not in memory. */
vnode_t *vnode_find(vnode_sb_t *sb, uint64_t ino);
/*
 * A new node with one reference: zeroed but for sb, ino, ops, nlink 1; in
 * the hash when hashed (the caller has checked vnode_find first).  NULL
 * when memory is short.
 */
vnode_t *vnode_alloc(vnode_sb_t *sb, uint64_t ino, const vnode_ops_t *ops, bool hashed);
void vnode_hold(vnode_t *node);
/* Drop a reference; the last one releases the node. NULL is ignored. */
void vnode_put(vnode_t *node);
/* Nodes in memory (for /proc and the leak tests). */
size_t vnode_count(void);

/* Fill a Linux struct stat from a node. */
void vnode_stat(const vnode_t *node, aegis_stat_t *st);

/* The d_type of a mode. */
uint8_t vnode_dirent_type(uint32_t mode);

/* The current wall-clock second, for times (0 before the clock runs). */
uint64_t vnode_now(void);

#endif
