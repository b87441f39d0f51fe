/*
 * Path resolution for the VFS (spec/path-resolution.md, PATH-*).
 *
 * The walker knows nothing about inodes: a file system (or the VFS on its
 * behalf) supplies a table of callbacks over opaque node pointers, and
 * path_walk() turns a path string into a node, or, in parent mode, into the
 * parent directory and the last name.  Nodes are borrowed: the walker takes
 * and drops no references (the VFS pins what it hands in).
 *
 * Design: no recursion.  The unread rest of the path lives in one work
 * buffer inside path_result_t; following a symbolic link replaces the
 * component with the link's target in front of the rest (splicing), so the
 * state is one cursor and one counter however deep the links nest.
 */
#ifndef AEGIS_FS_PATH_H
#define AEGIS_FS_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PATH_NAME_MAX 255u  /* longest component, bytes */
#define PATH_PATH_MAX 4096u /* a path (with its NUL) must be shorter than this */
#define PATH_SYMLINK_MAX 8u /* links followed in one walk; the 9th fails */

/* flags for path_walk() */
#define PATH_NOFOLLOW 0x1u   /* do not follow a symlink in the last component */
#define PATH_EMPTY_PATH 0x2u /* "" means the start node itself */
#define PATH_PARENT 0x4u     /* stop before the last component */
#define PATH_CREATE 0x8u     /* with PATH_PARENT: the caller will create the name */

/* every callback is required except covered and mountpoint (NULL: no mounts) */
typedef struct path_ops {
    void *ctx; /* passed back to every callback */
    /* child `name` (len bytes, not NUL-terminated) of directory `dir`;
     * 0 and *out, or -ENOENT / -ENOTDIR / -EACCES / another negative errno */
    int (*lookup)(void *ctx, void *dir, const char *name, size_t len, void **out);
    bool (*is_dir)(void *ctx, void *node);
    bool (*is_symlink)(void *ctx, void *node);
    /* target of a link into buf (no NUL needed); its length or a negative errno;
     * a length above cap means the target is too long */
    long (*readlink)(void *ctx, void *node, char *buf, size_t cap);
    /* 0 if the caller may search (execute) directory dir, else -EACCES */
    int (*may_search)(void *ctx, void *dir);
    /* root of the file system mounted on node, or NULL */
    void *(*covered)(void *ctx, void *node);
    /* if node is the root of a mounted file system: its mount point, else NULL */
    void *(*mountpoint)(void *ctx, void *node);
} path_ops_t;

typedef struct path_result {
    void *node;       /* the resolved node (parent mode: the parent directory) */
    const char *name; /* parent mode: the last name (points into name_buf) */
    size_t name_len;
    bool must_dir;    /* parent mode: the path ended in '/' */
    unsigned links;   /* symlinks followed */
    char name_buf[PATH_NAME_MAX + 1];
    char work[PATH_PATH_MAX];    /* the unread rest of the path */
    char target[PATH_PATH_MAX];  /* scratch for a link target */
} path_result_t; /* about 8.5 KiB: kernel callers allocate it, not on the stack */

/*
 * Resolve `path` from `start` (relative paths) and `root` (absolute paths,
 * and the ceiling of ".."). 0 and *res filled, or a negative errno with
 * res->node NULL.
 */
int path_walk(const path_ops_t *ops, void *start, void *root, const char *path,
              unsigned flags, path_result_t *res);

#endif
