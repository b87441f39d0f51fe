/*
 * Tests for spec/path-resolution.md: a small in-memory tree implements the
 * path_ops_t callbacks (directories, files, symlink chains and loops, a
 * mount, a directory without search permission), one test per rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>

#include "fs/path.h"

#include "path-resolution/path_tree.h"

static path_result_t res;

static int walk(int start, const char *p, unsigned flags)
{
    return path_walk(&ops, &tree[start], &tree[n_root], p, flags, &res);
}

static int walk_node(void)
{
    return res.node ? t_index(res.node) : -1;
}

static int setup(void **state)
{
    (void)state;
    tree_build();
    return 0;
}

/* PATH-001 */
static void test_path_001_absolute_and_relative(void **state)
{
    (void)state;
    assert_int_equal(walk(n_b, "/a/b/f", 0), 0);
    assert_int_equal(walk_node(), n_bf);
    assert_int_equal(walk(n_b, "f", 0), 0);
    assert_int_equal(walk_node(), n_bf);
    assert_int_equal(walk(n_root, "f", 0), 0);
    assert_int_equal(walk_node(), n_f);
    assert_int_equal(walk(n_b, "/", 0), 0);
    assert_int_equal(walk_node(), n_root);
}

/* PATH-002 */
static void test_path_002_slashes_and_dot(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "//a///./b//./f", 0), 0);
    assert_int_equal(walk_node(), n_bf);
    assert_int_equal(walk(n_a, ".", 0), 0);
    assert_int_equal(walk_node(), n_a);
}

/* PATH-003 */
static void test_path_003_dotdot_stops_at_root(void **state)
{
    (void)state;
    assert_int_equal(walk(n_b, "..", 0), 0);
    assert_int_equal(walk_node(), n_a);
    assert_int_equal(walk(n_b, "../../../../f", 0), 0);
    assert_int_equal(walk_node(), n_f);
    /* a chroot at /a: ".." at /a stays there */
    assert_int_equal(path_walk(&ops, &tree[n_b], &tree[n_jail], "../../../b/f", 0, &res), 0);
    assert_int_equal(walk_node(), n_bf);
    assert_int_equal(path_walk(&ops, &tree[n_b], &tree[n_jail], "/..", 0, &res), 0);
    assert_int_equal(walk_node(), n_jail);
}

/* PATH-004 */
static void test_path_004_trailing_slash(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "a/b/", 0), 0);
    assert_int_equal(walk_node(), n_b);
    assert_int_equal(walk(n_root, "f/", 0), -ENOTDIR);
    assert_int_equal(walk(n_root, "f//", 0), -ENOTDIR);
    /* trailing slash follows even with NOFOLLOW */
    assert_int_equal(walk(n_root, "lrel/", PATH_NOFOLLOW), 0);
    assert_int_equal(walk_node(), n_b);
    assert_int_equal(walk(n_root, "lf/", PATH_NOFOLLOW), -ENOTDIR);
}

/* PATH-005 */
static void test_path_005_empty_path(void **state)
{
    (void)state;
    assert_int_equal(walk(n_b, "", 0), -ENOENT);
    assert_null(res.node);
    assert_int_equal(walk(n_bf, "", PATH_EMPTY_PATH), 0);
    assert_int_equal(walk_node(), n_bf);
}

/* PATH-006 */
static void test_path_006_name_too_long(void **state)
{
    (void)state;
    char name[300];
    memset(name, 'n', 256);
    name[256] = '\0';
    assert_int_equal(walk(n_root, name, 0), -ENAMETOOLONG);
    name[255] = '\0';
    assert_int_equal(walk(n_root, name, 0), -ENOENT);
    char *p = malloc(PATH_PATH_MAX + 1);
    assert_non_null(p);
    for (size_t i = 0; i < PATH_PATH_MAX; i += 2) {
        p[i] = '.';
        p[i + 1] = '/';
    }
    p[PATH_PATH_MAX] = '\0';
    assert_int_equal(walk(n_root, p, 0), -ENAMETOOLONG);
    p[PATH_PATH_MAX - 1] = '\0'; /* 4095 bytes: allowed */
    assert_int_equal(walk(n_root, p, 0), 0);
    assert_int_equal(walk_node(), n_root);
    free(p);
}

/* PATH-007 */
static void test_path_007_follow_rules(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "lrel/f", PATH_NOFOLLOW), 0);
    assert_int_equal(walk_node(), n_bf);
    assert_int_equal(walk(n_root, "lf", 0), 0);
    assert_int_equal(walk_node(), n_f);
    assert_int_equal(walk(n_root, "lf", PATH_NOFOLLOW), 0);
    assert_true(tree[walk_node()].type == T_LINK);
    assert_int_equal(res.links, 0);
}

/* PATH-008 */
static void test_path_008_link_base(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "a/lup", 0), 0); /* ../f from /a */
    assert_int_equal(walk_node(), n_f);
    assert_int_equal(walk(n_b, "../labs", 0), 0);
    assert_int_equal(walk_node(), n_bf);
    /* absolute targets start at the walk's root */
    assert_int_equal(path_walk(&ops, &tree[n_a], &tree[n_jail], "labs", 0, &res), -ENOENT);
    assert_int_equal(walk(n_root, "empty", 0), -ENOENT);
}

/* PATH-009 */
static void test_path_009_eloop_counting(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "c1", 0), 0);
    assert_int_equal(walk_node(), n_f);
    assert_int_equal(res.links, 8);
    assert_int_equal(walk(n_root, "c0", 0), -ELOOP);
    assert_int_equal(walk(n_root, "loop1", 0), -ELOOP);
    assert_int_equal(walk(n_root, "loop1/x", PATH_NOFOLLOW), -ELOOP);
    assert_int_equal(walk(n_root, "loop1", PATH_NOFOLLOW), 0);
    /* spliced target plus rest over PATH_MAX */
    char *p = malloc(PATH_PATH_MAX);
    assert_non_null(p);
    memcpy(p, "llong", 5);
    for (size_t i = 5; i < PATH_PATH_MAX - 1; i++) {
        p[i] = '/';
    }
    p[PATH_PATH_MAX - 1] = '\0';
    assert_int_equal(walk(n_root, p, 0), -ENAMETOOLONG);
    free(p);
}

/* PATH-010 */
static void test_path_010_notdir_noent(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "f/x", 0), -ENOTDIR);
    assert_int_equal(walk(n_root, "f/..", 0), -ENOTDIR);
    assert_int_equal(walk(n_bf, "x", 0), -ENOTDIR);
    assert_int_equal(walk(n_root, "a/nope", 0), -ENOENT);
    assert_int_equal(walk(n_root, "nope/f", 0), -ENOENT);
}

/* PATH-011 */
static void test_path_011_search_permission(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "noexec/g", 0), -EACCES);
    assert_int_equal(walk(n_noexec, ".", 0), -EACCES);
    assert_int_equal(walk(n_root, "noexec", 0), 0);
    assert_int_equal(walk_node(), n_noexec);
}

/* PATH-012 */
static void test_path_012_mounts(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "mnt", 0), 0);
    assert_int_equal(walk_node(), n_mroot);
    assert_int_equal(walk(n_root, "/mnt/x/../..", 0), 0);
    assert_int_equal(walk_node(), n_root);
    assert_int_equal(walk(n_mx, "../../a", 0), 0);
    assert_int_equal(walk_node(), n_a);
    assert_int_equal(walk(n_mnt, "x", 0), 0); /* start on a covered node */
    assert_int_equal(walk_node(), n_mx);
}

/* PATH-013 */
static void test_path_013_parent_mode(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "lrel/new", PATH_PARENT), 0);
    assert_int_equal(walk_node(), n_b);
    assert_string_equal(res.name, "new");
    assert_int_equal(res.name_len, 3);
    assert_false(res.must_dir);
    assert_int_equal(walk(n_root, "a/lf//", PATH_PARENT), 0);
    assert_int_equal(walk_node(), n_a);
    assert_string_equal(res.name, "lf");
    assert_true(res.must_dir);
    assert_int_equal(walk(n_root, "lf", PATH_PARENT), 0); /* last not followed */
    assert_int_equal(walk_node(), n_root);
    assert_int_equal(walk(n_root, "f/x", PATH_PARENT), -ENOTDIR);
}

/* PATH-014 */
static void test_path_014_parent_dot_names(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "a/.", PATH_PARENT), -EINVAL);
    assert_int_equal(walk(n_root, "a/..", PATH_PARENT), -EINVAL);
    assert_int_equal(walk(n_root, "a/.", PATH_PARENT | PATH_CREATE), -EEXIST);
    assert_int_equal(walk(n_root, "..", PATH_PARENT | PATH_CREATE), -EEXIST);
    assert_int_equal(walk(n_root, "/", PATH_PARENT), -EINVAL);
    assert_int_equal(walk(n_root, "/", PATH_PARENT | PATH_CREATE), -EEXIST);
    assert_int_equal(walk(n_root, "", PATH_PARENT | PATH_EMPTY_PATH), -ENOENT);
    assert_null(res.name);
}

/* PATH-015 */
static void test_path_015_failure_clears_result(void **state)
{
    (void)state;
    assert_int_equal(walk(n_root, "a/new", PATH_PARENT), 0);
    assert_non_null(res.name);
    assert_int_equal(walk(n_root, "loop1/x", PATH_PARENT), -ELOOP);
    assert_null(res.node);
    assert_null(res.name);
    assert_int_equal(res.name_len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_path_001_absolute_and_relative, setup),
        cmocka_unit_test_setup(test_path_002_slashes_and_dot, setup),
        cmocka_unit_test_setup(test_path_003_dotdot_stops_at_root, setup),
        cmocka_unit_test_setup(test_path_004_trailing_slash, setup),
        cmocka_unit_test_setup(test_path_005_empty_path, setup),
        cmocka_unit_test_setup(test_path_006_name_too_long, setup),
        cmocka_unit_test_setup(test_path_007_follow_rules, setup),
        cmocka_unit_test_setup(test_path_008_link_base, setup),
        cmocka_unit_test_setup(test_path_009_eloop_counting, setup),
        cmocka_unit_test_setup(test_path_010_notdir_noent, setup),
        cmocka_unit_test_setup(test_path_011_search_permission, setup),
        cmocka_unit_test_setup(test_path_012_mounts, setup),
        cmocka_unit_test_setup(test_path_013_parent_mode, setup),
        cmocka_unit_test_setup(test_path_014_parent_dot_names, setup),
        cmocka_unit_test_setup(test_path_015_failure_clears_result, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
