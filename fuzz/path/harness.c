/*
 * AFL++ harness for the path walker (src/kernel/fs/path.c).
 *
 * Input: the first byte picks the flags (low four bits) and the start
 * directory; the rest is the path, copied into a NUL-terminated buffer (an
 * embedded NUL just ends the path early).  The tree is the fixed one of
 * tests/path-resolution/path_tree.h (links, loops, a mount, a directory
 * without search permission).  Invariants: success yields a node of the
 * tree (parent mode: a directory and a name of 1..255 bytes without '/',
 * not "." or ".."), failure leaves no node and no name, never more than
 * PATH_SYMLINK_MAX links followed.
 *
 * Supports spec/path-resolution.md PATH-015, and through it PATH-006,
 * PATH-009, PATH-013 and PATH-014.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "path-resolution/path_tree.h"

#define FUZZ_PATH_FLAG_MASK 0xfu
#define FUZZ_PATH_START_SHIFT 4
#define FUZZ_PATH_BUF (PATH_PATH_MAX + 64u)

static void fuzz_path_fail(const char *why)
{
    fprintf(stderr, "fuzz/path: %s\n", why);
    abort();
}

static bool fuzz_path_in_tree(const void *node)
{
    return node != NULL && (const tnode_t *)node >= tree && (const tnode_t *)node < tree + tree_n;
}

int fuzz_one(const uint8_t *data, size_t size)
{
    static char path[FUZZ_PATH_BUF];
    static path_result_t res;
    if (size == 0) {
        return 0;
    }
    tree_build();
    unsigned flags = data[0] & FUZZ_PATH_FLAG_MASK;
    int start = (int)((unsigned)(data[0] >> FUZZ_PATH_START_SHIFT) % (unsigned)tree_n);
    size_t n = size - 1 < FUZZ_PATH_BUF - 1 ? size - 1 : FUZZ_PATH_BUF - 1;
    memcpy(path, data + 1, n);
    path[n] = '\0';

    int rc = path_walk(&ops, &tree[start], &tree[0], path, flags, &res);
    if (res.links > PATH_SYMLINK_MAX) {
        fuzz_path_fail("more links followed than allowed");
    }
    if (rc < 0) {
        if (res.node || res.name || res.name_len) {
            fuzz_path_fail("failure left a result behind");
        }
        return 0;
    }
    if (rc != 0 || !fuzz_path_in_tree(res.node)) {
        fuzz_path_fail("success without a node of the tree");
    }
    if (flags & PATH_PARENT) {
        if (tree[t_index(res.node)].type != T_DIR) {
            fuzz_path_fail("parent is not a directory");
        }
        if (!res.name || res.name_len == 0 || res.name_len > PATH_NAME_MAX ||
            strlen(res.name) != res.name_len || memchr(res.name, '/', res.name_len) ||
            strcmp(res.name, ".") == 0 || strcmp(res.name, "..") == 0) {
            fuzz_path_fail("bad last name in parent mode");
        }
    }
    return 0;
}
