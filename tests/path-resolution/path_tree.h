/*
 * A small in-memory tree behind the path_ops_t callbacks, shared by the
 * path-resolution tests and the fuzz/path harness: directories, files,
 * symlink chains and loops, a mount on /mnt, and /noexec without search
 * permission.  Nodes are entries of one static array.
 */
#ifndef AEGIS_TEST_PATH_TREE_H
#define AEGIS_TEST_PATH_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <aegis/errno.h>

#include "fs/path.h"

enum { T_DIR, T_FILE, T_LINK };
#define T_MAX 64

typedef struct tnode {
    const char *name;
    int parent;
    int type;
    const char *target;
    int mounted;    /* index of root mounted here, or -1 */
    int mountpoint; /* for a mounted root: where, or -1 */
    bool noexec;
} tnode_t;

static tnode_t tree[T_MAX];
static int tree_n;

static int t_add(int parent, const char *name, int type, const char *target)
{
    tree[tree_n] = (tnode_t){name, parent, type, target, -1, -1, false};
    return tree_n++;
}

static int t_index(void *node)
{
    return (int)((tnode_t *)node - tree);
}

static int t_lookup(void *ctx, void *dir, const char *name, size_t len, void **out)
{
    (void)ctx;
    int d = t_index(dir);
    if (tree[d].type != T_DIR) {
        return -ENOTDIR;
    }
    if (len == 2 && memcmp(name, "..", 2) == 0) {
        *out = &tree[tree[d].parent < 0 ? d : tree[d].parent];
        return 0;
    }
    for (int i = 0; i < tree_n; i++) {
        if (tree[i].parent == d && strlen(tree[i].name) == len && memcmp(tree[i].name, name, len) == 0) {
            *out = &tree[i];
            return 0;
        }
    }
    return -ENOENT;
}

static bool t_is_dir(void *ctx, void *node)
{
    (void)ctx;
    return tree[t_index(node)].type == T_DIR;
}

static bool t_is_symlink(void *ctx, void *node)
{
    (void)ctx;
    return tree[t_index(node)].type == T_LINK;
}

static long t_readlink(void *ctx, void *node, char *buf, size_t cap)
{
    (void)ctx;
    const char *t = tree[t_index(node)].target;
    size_t n = strlen(t);
    memcpy(buf, t, n < cap ? n : cap);
    return (long)n;
}

static int t_may_search(void *ctx, void *dir)
{
    (void)ctx;
    return tree[t_index(dir)].noexec ? -EACCES : 0;
}

static void *t_covered(void *ctx, void *node)
{
    (void)ctx;
    int m = tree[t_index(node)].mounted;
    return m < 0 ? NULL : &tree[m];
}

static void *t_mountpoint(void *ctx, void *node)
{
    (void)ctx;
    int m = tree[t_index(node)].mountpoint;
    return m < 0 ? NULL : &tree[m];
}

static const path_ops_t ops = {NULL, t_lookup, t_is_dir, t_is_symlink, t_readlink,
                               t_may_search, t_covered, t_mountpoint};

static int n_root, n_a, n_b, n_bf, n_f, n_mnt, n_mroot, n_mx, n_noexec, n_jail, n_lrel;
static void tree_build(void)
{
    tree_n = 0;
    n_root = t_add(-1, "", T_DIR, NULL);
    n_a = t_add(n_root, "a", T_DIR, NULL);
    n_b = t_add(n_a, "b", T_DIR, NULL);
    n_bf = t_add(n_b, "f", T_FILE, NULL);
    n_f = t_add(n_root, "f", T_FILE, NULL);
    n_lrel = t_add(n_root, "lrel", T_LINK, "a/b");
    t_add(n_a, "lup", T_LINK, "../f");
    t_add(n_a, "labs", T_LINK, "/a/b/f");
    t_add(n_root, "loop1", T_LINK, "loop2");
    t_add(n_root, "loop2", T_LINK, "loop1");
    t_add(n_root, "empty", T_LINK, "");
    t_add(n_root, "lf", T_LINK, "f");
    t_add(n_root, "llong", T_LINK, "a/b/../b/../b");
    /* chain: c0 -> c1 -> ... -> c8 -> f: c1 needs 8 links, c0 needs 9 */
    static const char *const chain_names[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"};
    static const char *const chain_targets[] = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "f"};
    for (size_t i = 0; i < sizeof(chain_names) / sizeof(chain_names[0]); i++) {
        t_add(n_root, chain_names[i], T_LINK, chain_targets[i]);
    }
    n_mnt = t_add(n_root, "mnt", T_DIR, NULL);
    n_mroot = t_add(-1, "", T_DIR, NULL);
    tree[n_mnt].mounted = n_mroot;
    tree[n_mroot].mountpoint = n_mnt;
    n_mx = t_add(n_mroot, "x", T_DIR, NULL);
    n_noexec = t_add(n_root, "noexec", T_DIR, NULL);
    tree[n_noexec].noexec = true;
    t_add(n_noexec, "g", T_FILE, NULL);
    n_jail = n_a;
}

#endif
