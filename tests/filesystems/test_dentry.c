/*
 * The dentry cache and the vnode table (spec/filesystems.md FS-101, FS-110):
 * unused names are dropped past the bound, removed names at their last
 * use, vnodes at their last reference; ramfs gives its bytes back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "fs/dentry.h"
#include "fs/ramfs.h"
#include "fs/vfs_ops.h"
#include "fs/vnode.h"
#include "proc/process.h"
#include <aegis/errno.h>

#include "memory/mem_fixture.h"

#define T_MACHINE (64ull << 20)
#define T_LIMIT (1ull << 20)
#define T_NAMES (DENTRY_CACHE_MAX + 500u)

static const vnode_ops_t t_ops = { 0 };
static vnode_sb_t t_sb = { .fstype = "test" };
static vnode_sb_t t_volatile_sb = { .fstype = "test", .volatile_names = true };

static int t_setup(void **state)
{
	(void)state;
	mem_log_capture();
	mem_machine(T_MACHINE);
	return 0;
}

static vnode_t *t_node(vnode_sb_t *sb, uint64_t ino)
{
	vnode_t *n = vnode_alloc(sb, ino, &t_ops, true);
	assert_non_null(n);
	n->mode = 0100644u;
	return n;
}

/* FS-101: past DENTRY_CACHE_MAX unused names, the oldest go, and their vnodes with them. */
static void test_unused_names_are_bounded_FS_101(void **state)
{
	(void)state;
	size_t vnodes_before = vnode_count();
	vnode_t *dir = t_node(&t_sb, 1);
	dir->mode = 0040755u;
	dentry_t *root = dentry_new_root(dir);
	char name[16];
	for (unsigned i = 0; i < T_NAMES; i++) {
		int len = snprintf(name, sizeof(name), "n%u", i);
		assert_non_null(dentry_add_child(root, name, (size_t)len, t_node(&t_sb, 100u + i)));
	}
	assert_int_equal(dentry_unused_count(), T_NAMES);
	dentry_trim();
	assert_true(dentry_unused_count() <= DENTRY_CACHE_MAX);
	assert_null(dentry_find_child(root, "n0", 2)); /* the oldest went first */
	assert_non_null(dentry_find_child(root, "n4595", 5));
	dentry_trim_all();
	assert_int_equal(dentry_unused_count(), 0);
	assert_int_equal(vnode_count(), vnodes_before + 1u); /* only the root's vnode is left */
	dentry_put(root);
	assert_int_equal(vnode_count(), vnodes_before);
}

/* FS-101: a removed name is freed at its last use; volatile names go at the next trim. */
static void test_removed_and_volatile_names_FS_101(void **state)
{
	(void)state;
	size_t before = dentry_count();
	vnode_t *dir = t_node(&t_sb, 2);
	dir->mode = 0040755u;
	dentry_t *root = dentry_new_root(dir);
	dentry_t *d = dentry_add_child(root, "gone", 4, t_node(&t_sb, 3));
	dentry_hold(d);
	dentry_unhash(d);
	assert_null(dentry_find_child(root, "gone", 4));
	char path[64];
	assert_true(dentry_path(d, path, sizeof(path)) > 0);
	assert_string_equal(path, "/gone (deleted)");
	dentry_put(d); /* last use: freed now */
	assert_int_equal(dentry_count(), before + 1u);
	assert_non_null(dentry_add_child(root, "17", 2, t_node(&t_volatile_sb, 17)));
	dentry_trim();
	assert_null(dentry_find_child(root, "17", 2));
	dentry_put(root);
	assert_int_equal(dentry_count(), before);
}

/* FS-025: a moved dentry reports its new path. */
static void test_move_keeps_path_FS_025(void **state)
{
	(void)state;
	vnode_t *dir = t_node(&t_sb, 4);
	dir->mode = 0040755u;
	dentry_t *root = dentry_new_root(dir);
	vnode_t *sub_node = t_node(&t_sb, 5);
	sub_node->mode = 0040755u;
	dentry_t *a = dentry_add_child(root, "a", 1, sub_node);
	dentry_t *f = dentry_add_child(a, "file", 4, t_node(&t_sb, 6));
	dentry_hold(f);
	assert_int_equal(dentry_move(a, root, "renamed-dir", 11), 0);
	char path[64];
	assert_int_equal(dentry_path(f, path, sizeof(path)), 17);
	assert_string_equal(path, "/renamed-dir/file");
	assert_int_equal(dentry_path(f, path, 8), -ENAMETOOLONG);
	dentry_put(f);
	dentry_trim_all();
	dentry_put(root);
}

/* FS-110: ramfs charges chunks as written and gives everything back when the nodes go. */
static void test_ramfs_limit_and_release_FS_110(void **state)
{
	(void)state;
	size_t vnodes_before = vnode_count();
	vnode_t *root = ramfs_new(T_LIMIT, 0755u, 0, 0);
	assert_non_null(root);
	vnode_create_t what = { .mode = 0100600u };
	vnode_t *f = NULL;
	assert_int_equal(root->ops->create(root, "f", 1, &what, &f), 0);
	static uint8_t block[RAMFS_CHUNK];
	int64_t total = 0, n;
	while ((n = f->ops->write(f, (uint64_t)total, block, sizeof(block))) > 0)
		total += n;
	assert_int_equal(n, -ENOSPC);
	assert_true(total > (int64_t)(T_LIMIT / 2) && total < (int64_t)T_LIMIT);
	assert_int_equal(f->ops->truncate(f, 0), 0);
	assert_true(ramfs_used(root) < 4u * RAMFS_NODE_COST);
	assert_int_equal(f->ops->write(f, 1u << 30, "x", 1), 1); /* a hole costs nothing */
	assert_true(ramfs_used(root) < 4u * RAMFS_NODE_COST + RAMFS_CHUNK + 1u);
	assert_int_equal(root->ops->remove(root, "f", 1, f, false), 0);
	vnode_put(f);
	vnode_put(root);
	assert_int_equal(vnode_count(), vnodes_before);
}

/* FS-026: changing a directory needs write and search; in a sticky one only the owners remove. */
static void test_directory_permissions_and_sticky_FS_026(void **state)
{
	(void)state;
	static process_t owner, other;
	cred_init(&owner.cred, 5, 5);
	cred_init(&other.cred, 7, 7);
	vnode_t *root = ramfs_new(T_LIMIT, 01777u, 0, 0);
	dentry_t *top = dentry_new_root(root);
	vnode_create_t what = { .mode = 0100644u, .uid = 5, .gid = 5 };
	dentry_t *made = NULL;
	assert_int_equal(vfs_create(&owner, top, "mine", &what, &made), 0);
	dentry_put(made);
	assert_int_equal(vfs_remove(&other, top, "mine", false), -EPERM);
	assert_int_equal(vfs_rename(&other, top, "mine", top, "stolen", false), -EPERM);
	vnode_create_t closed = { .mode = 0040500u, .uid = 5, .gid = 5 };
	assert_int_equal(vfs_create(&owner, top, "closed", &closed, &made), 0);
	dentry_t *inner = NULL;
	assert_int_equal(vfs_create(&owner, made, "x", &what, &inner), -EACCES);
	dentry_put(made);
	assert_int_equal(vfs_remove(&owner, top, "closed", true), 0);
	assert_int_equal(vfs_remove(&owner, top, "mine", false), 0);
	dentry_trim_all();
	dentry_put(top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unused_names_are_bounded_FS_101),
		cmocka_unit_test(test_removed_and_volatile_names_FS_101),
		cmocka_unit_test(test_move_keeps_path_FS_025),
		cmocka_unit_test(test_ramfs_limit_and_release_FS_110),
		cmocka_unit_test(test_directory_permissions_and_sticky_FS_026),
	};
	return cmocka_run_group_tests(tests, t_setup, NULL);
}
