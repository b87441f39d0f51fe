/*
 * PATH-016: randomized comparison with the host's Linux kernel.  The tree
 * of path_tree.h (without its mount and its permission rule, which the
 * host cannot mirror unprivileged) is built in a temporary directory; random
 * paths are resolved by path_walk() and by openat2(RESOLVE_IN_ROOT) with
 * that directory as root and start.  Both must succeed on the same inode or
 * fail with the same errno.  Linux allows 40 links, Aegis 8: a sample where
 * Aegis says -ELOOP is not compared (counted and printed).  Seed from
 * AEGIS_TEST_SEED.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "path-resolution/path_tree.h"

#define CMP_SEED_DEFAULT 20261122u
#define CMP_SAMPLES 20000
#define CMP_MAX_COMPONENTS 8
#define CMP_HOST_PATH 512

static const char *const cmp_words[] = {"a", "b", "f", "lrel", "lup", "labs", "loop1", "lf",
                                        "c1", "c4", "mnt", "x", "nope", ".", "..", "", "llong",
                                        "empty", "noexec", "g"};

static path_result_t res;
static ino_t host_ino[T_MAX];
static bool host_made[T_MAX];

static void host_path_of(int i, char *buf, size_t cap)
{
    if (tree[i].parent < 0) {
        snprintf(buf, cap, ".");
        return;
    }
    char up[CMP_HOST_PATH];
    host_path_of(tree[i].parent, up, sizeof(up));
    snprintf(buf, cap, "%s/%s", up, tree[i].name);
}

/* true when node i hangs below node 0 (not under a mounted root) */
static bool host_mirrored(int i)
{
    while (i > 0) {
        i = tree[i].parent;
    }
    return i == 0;
}

static void host_tree_build(int dirfd)
{
    for (int i = 0; i < tree_n; i++) {
        host_made[i] = false;
        if (!host_mirrored(i)) {
            continue; /* under a mounted root: not mirrored */
        }
        char p[CMP_HOST_PATH];
        host_path_of(i, p, sizeof(p));
        if (i != 0) {
            int rc;
            if (tree[i].type == T_DIR) {
                rc = mkdirat(dirfd, p, 0755);
            } else if (tree[i].type == T_FILE) {
                rc = openat(dirfd, p, O_CREAT | O_WRONLY | O_EXCL, 0644);
                if (rc >= 0) {
                    close(rc);
                }
            } else {
                rc = symlinkat(tree[i].target, dirfd, p);
            }
            if (rc < 0 && tree[i].type == T_LINK && tree[i].target[0] == '\0') {
                continue; /* Linux refuses empty targets: leave it out on both sides */
            }
            assert_true(rc >= 0);
        }
        struct stat st;
        assert_int_equal(fstatat(dirfd, p, &st, AT_SYMLINK_NOFOLLOW), 0);
        host_ino[i] = st.st_ino;
        host_made[i] = true;
    }
}

static int host_resolve(int dirfd, const char *path, bool nofollow, ino_t *ino)
{
    struct open_how how;
    memset(&how, 0, sizeof(how));
    how.flags = O_PATH | (nofollow ? O_NOFOLLOW : 0);
    how.resolve = RESOLVE_IN_ROOT;
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
    if (fd < 0) {
        return -errno;
    }
    struct stat st;
    int rc = fstat((int)fd, &st);
    close((int)fd);
    if (rc < 0) {
        return -errno;
    }
    *ino = st.st_ino;
    return 0;
}

/* PATH-016 */
static void test_path_016_matches_linux(void **state)
{
    (void)state;
    const char *env = getenv("AEGIS_TEST_SEED");
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 0) : CMP_SEED_DEFAULT;
    printf("# AEGIS_TEST_SEED=%u\n", seed);
    srand(seed);

    tree_build();
    tree[n_mnt].mounted = -1;
    tree[n_noexec].noexec = false;
    for (int i = 0; i < tree_n; i++) { /* drop the empty link on our side too */
        if (tree[i].type == T_LINK && tree[i].target[0] == '\0') {
            tree[i].parent = -2;
        }
    }
    char tmpl[] = "/tmp/aegis-path-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    int dirfd = open(tmpl, O_DIRECTORY | O_RDONLY);
    assert_true(dirfd >= 0);
    host_tree_build(dirfd);

    struct open_how probe = {.flags = O_PATH, .resolve = RESOLVE_IN_ROOT};
    long pfd = syscall(SYS_openat2, dirfd, ".", &probe, sizeof(probe));
    if (pfd < 0) {
        close(dirfd);
        char cmd[CMP_HOST_PATH];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
        assert_int_equal(system(cmd), 0);
        skip(); /* the host kernel has no openat2 (Linux < 5.6) */
    }
    close((int)pfd);

    unsigned compared = 0, skipped_loop = 0, mismatches = 0;
    size_t nwords = sizeof(cmp_words) / sizeof(cmp_words[0]);
    for (int s = 0; s < CMP_SAMPLES; s++) {
        char path[CMP_HOST_PATH];
        size_t len = 0;
        if (rand() % 3 == 0) {
            path[len++] = '/';
        }
        int ncomp = 1 + rand() % CMP_MAX_COMPONENTS;
        for (int c = 0; c < ncomp; c++) {
            const char *w = cmp_words[(size_t)rand() % nwords];
            len += (size_t)snprintf(path + len, sizeof(path) - len, "%s%s", c ? "/" : "", w);
        }
        if (rand() % 4 == 0) {
            path[len++] = '/';
        }
        path[len] = '\0';
        bool nofollow = rand() % 2;

        int ours = path_walk(&ops, &tree[0], &tree[0], path, nofollow ? PATH_NOFOLLOW : 0, &res);
        if (ours == -ELOOP) {
            skipped_loop++;
            continue;
        }
        ino_t ino = 0;
        int theirs = host_resolve(dirfd, path, nofollow, &ino);
        compared++;
        bool same = ours == theirs && (ours < 0 || host_ino[t_index(res.node)] == ino);
        if (!same) {
            mismatches++;
            printf("# mismatch: '%s' nofollow=%d aegis=%d linux=%d\n", path, nofollow, ours, theirs);
        }
    }
    printf("# compared %u paths, %u skipped (Aegis -ELOOP), %u mismatches\n", compared,
           skipped_loop, mismatches);
    close(dirfd);
    char cmd[CMP_HOST_PATH];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(mismatches, 0);
    assert_true(compared > CMP_SAMPLES / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_016_matches_linux),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
