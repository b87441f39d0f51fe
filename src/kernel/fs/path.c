/*
 * Path resolution over an abstract node interface (see path.h).
 *
 * The rest of the path sits in res->work between `pos` and `end`.  Each
 * step cuts one component, decides whether it is the last one (only
 * slashes follow), and moves `cur`.  A symlink is followed by reading its
 * target into res->target and moving it in front of the rest, so the
 * separator (and a trailing slash) of the rest is kept.  Mount crossing:
 * after every step down, a covered node is replaced by the root mounted on
 * it; ".." first climbs from a mounted root to its mount point.
 */
#include "fs/path.h"

#include <aegis/errno.h>

#include "core/kstring.h"

/* bound on stacked mounts, so broken callbacks cannot make us spin */
#define PATH_MOUNT_DEPTH_MAX 64u

static bool path_is_slash(char c)
{
    return c == '/';
}

static void *path_follow_mounts(const path_ops_t *ops, void *node)
{
    for (unsigned i = 0; i < PATH_MOUNT_DEPTH_MAX && ops->covered; i++) {
        void *top = ops->covered(ops->ctx, node);
        if (!top) {
            break;
        }
        node = top;
    }
    return node;
}

/* ".." of cur, never above root */
static int path_step_up(const path_ops_t *ops, void *root, void **cur)
{
    void *node = *cur;
    for (unsigned i = 0; i < PATH_MOUNT_DEPTH_MAX && node != root && ops->mountpoint; i++) {
        void *below = ops->mountpoint(ops->ctx, node);
        if (!below) {
            break;
        }
        node = below;
    }
    if (node == root) {
        *cur = root;
        return 0;
    }
    void *up = NULL;
    int rc = ops->lookup(ops->ctx, node, "..", 2, &up);
    if (rc < 0) {
        return rc;
    }
    *cur = path_follow_mounts(ops, up);
    return 0;
}

/* replace the component just cut with the target of link; cur becomes the
 * directory the target starts from */
static int path_splice_link(const path_ops_t *ops, void *link, void *root, void **cur,
                            path_result_t *res, size_t *pos, size_t *end)
{
    if (res->links >= PATH_SYMLINK_MAX) {
        return -ELOOP;
    }
    res->links++;
    long got = ops->readlink(ops->ctx, link, res->target, sizeof(res->target));
    if (got < 0) {
        return (int)got;
    }
    size_t tlen = (size_t)got;
    if (tlen == 0) {
        return -ENOENT;
    }
    size_t rest = *end - *pos;
    if (tlen >= sizeof(res->target) || tlen + rest >= sizeof(res->work)) {
        return -ENAMETOOLONG;
    }
    kmemmove(res->work + tlen, res->work + *pos, rest);
    kmemcpy(res->work, res->target, tlen);
    *pos = 0;
    *end = tlen + rest;
    if (path_is_slash(res->work[0])) {
        *cur = root;
    }
    return 0;
}

static int path_parent_result(void *cur, const char *comp, size_t len, bool dot,
                              bool must_dir, unsigned flags, path_result_t *res)
{
    if (dot) {
        return (flags & PATH_CREATE) ? -EEXIST : -EINVAL;
    }
    kmemcpy(res->name_buf, comp, len);
    res->name_buf[len] = '\0';
    res->name = res->name_buf;
    res->name_len = len;
    res->must_dir = must_dir;
    res->node = cur;
    return 0;
}

static int path_walk_inner(const path_ops_t *ops, void *start, void *root, const char *path,
                           unsigned flags, path_result_t *res)
{
    size_t plen = kstrnlen(path, PATH_PATH_MAX);
    if (plen >= PATH_PATH_MAX) {
        return -ENAMETOOLONG;
    }
    if (plen == 0) {
        if (!(flags & PATH_EMPTY_PATH)) {
            return -ENOENT;
        }
        if (flags & PATH_PARENT) {
            return -ENOENT;
        }
        res->node = start;
        return 0;
    }
    kmemcpy(res->work, path, plen);
    size_t pos = 0;
    size_t end = plen;
    void *cur = path_is_slash(path[0]) ? root : path_follow_mounts(ops, start);

    for (;;) {
        while (pos < end && path_is_slash(res->work[pos])) {
            pos++;
        }
        if (pos == end) {
            /* nothing but slashes left: the path names cur itself ("/", "a/..") */
            if (flags & PATH_PARENT) {
                return (flags & PATH_CREATE) ? -EEXIST : -EINVAL;
            }
            res->node = cur;
            return 0;
        }
        size_t cstart = pos;
        while (pos < end && !path_is_slash(res->work[pos])) {
            pos++;
        }
        size_t clen = pos - cstart;
        size_t after = pos;
        while (after < end && path_is_slash(res->work[after])) {
            after++;
        }
        bool last = after == end;
        bool trailing = last && pos < end;
        const char *comp = res->work + cstart;
        bool is_dot = clen == 1 && comp[0] == '.';
        bool is_dotdot = clen == 2 && comp[0] == '.' && comp[1] == '.';

        if (clen > PATH_NAME_MAX) {
            return -ENAMETOOLONG;
        }
        if (!ops->is_dir(ops->ctx, cur)) {
            return -ENOTDIR;
        }
        int rc = ops->may_search(ops->ctx, cur);
        if (rc < 0) {
            return rc;
        }
        if (last && (flags & PATH_PARENT)) {
            return path_parent_result(cur, comp, clen, is_dot || is_dotdot, trailing, flags, res);
        }
        if (is_dot) {
            continue;
        }
        if (is_dotdot) {
            rc = path_step_up(ops, root, &cur);
            if (rc < 0) {
                return rc;
            }
            continue;
        }
        void *next = NULL;
        rc = ops->lookup(ops->ctx, cur, comp, clen, &next);
        if (rc < 0) {
            return rc;
        }
        next = path_follow_mounts(ops, next);
        bool follow = !last || trailing || !(flags & PATH_NOFOLLOW);
        if (follow && ops->is_symlink(ops->ctx, next)) {
            rc = path_splice_link(ops, next, root, &cur, res, &pos, &end);
            if (rc < 0) {
                return rc;
            }
            continue;
        }
        if (last) {
            if (trailing && !ops->is_dir(ops->ctx, next)) {
                return -ENOTDIR;
            }
            res->node = next;
            return 0;
        }
        cur = next;
    }
}

int path_walk(const path_ops_t *ops, void *start, void *root, const char *path,
              unsigned flags, path_result_t *res)
{
    res->node = NULL;
    res->name = NULL;
    res->name_len = 0;
    res->must_dir = false;
    res->links = 0;
    if (!path) {
        return -EFAULT;
    }
    int rc = path_walk_inner(ops, start, root, path, flags, res);
    if (rc < 0) {
        res->node = NULL;
        res->name = NULL;
        res->name_len = 0;
    }
    return rc;
}
