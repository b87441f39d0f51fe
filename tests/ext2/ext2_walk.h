/*
 * A bounded walk over a mounted ext2 tree, shared by the damage tests and
 * the fuzz harness (spec/ext2.md EXT2-061).
 *
 * From the root it visits directories depth-first up to EXT2_WALK_DEPTH
 * levels, reads every inode it meets, reads up to EXT2_WALK_FILE_BYTES of
 * each file and every symlink target, and stops after EXT2_WALK_BUDGET
 * entries in all, so any image costs bounded work.  Every failing call
 * must leave a non-empty reason; the walk aborts the program if not.
 */
#ifndef AEGIS_TESTS_EXT2_WALK_H
#define AEGIS_TESTS_EXT2_WALK_H

#include <stdio.h>
#include <stdlib.h>

#include "fs/ext2/ext2.h"

#define EXT2_WALK_DEPTH 8
#define EXT2_WALK_BUDGET 512
#define EXT2_WALK_FILE_BYTES 16384u
#define EXT2_WALK_LINK_BUF 4096u

typedef struct {
	ext2_fs_t *fs;
	unsigned depth;
	unsigned *budget;
	unsigned errors;
} ext2_walk_t;

static void ext2_walk_check_error(ext2_fs_t *fs, int64_t rc, const char *what)
{
	if (rc >= 0)
		return;
	if (rc == -ENOENT)
		return; /* lookups may miss without a reason */
	if (ext2_reason(fs)[0] == '\0') {
		fprintf(stderr, "ext2 walk: %s failed with %lld and no reason\n", what, (long long)rc);
		abort();
	}
}

static int ext2_walk_dir(ext2_fs_t *fs, uint32_t ino, unsigned depth, unsigned *budget);

static int ext2_walk_entry(void *ctx, const ext2_dirent_t *entry)
{
	ext2_walk_t *w = ctx;
	if (*w->budget == 0)
		return 1;
	(*w->budget)--;
	if (entry->name_len == 0 || entry->name == NULL)
		abort(); /* the core promised live entries have names */
	if ((entry->name_len == 1 && entry->name[0] == '.') ||
	    (entry->name_len == 2 && entry->name[0] == '.' && entry->name[1] == '.'))
		return 0;
	ext2_inode_t inode;
	int rc = ext2_inode_read(w->fs, entry->ino, &inode);
	ext2_walk_check_error(w->fs, rc, "inode read");
	if (rc < 0) {
		w->errors++;
		return 0;
	}
	if (ext2_inode_is(&inode, EXT2_S_IFDIR)) {
		if (w->depth + 1 < EXT2_WALK_DEPTH)
			ext2_walk_dir(w->fs, entry->ino, w->depth + 1, w->budget);
	} else if (ext2_inode_is(&inode, EXT2_S_IFLNK)) {
		char *target = malloc(EXT2_WALK_LINK_BUF);
		if (target == NULL)
			abort();
		rc = ext2_symlink_read(w->fs, &inode, target, EXT2_WALK_LINK_BUF);
		ext2_walk_check_error(w->fs, rc, "symlink read");
		if (rc >= 0 && target[rc] != '\0')
			abort();
		free(target);
	} else {
		uint8_t *buf = malloc(EXT2_WALK_FILE_BYTES);
		if (buf == NULL)
			abort();
		int64_t got = ext2_file_read(w->fs, &inode, 0, buf, EXT2_WALK_FILE_BYTES);
		ext2_walk_check_error(w->fs, got, "file read");
		if (got > (int64_t)EXT2_WALK_FILE_BYTES || (got >= 0 && (uint64_t)got > inode.size))
			abort();
		free(buf);
	}
	return 0;
}

static int ext2_walk_dir(ext2_fs_t *fs, uint32_t ino, unsigned depth, unsigned *budget)
{
	ext2_inode_t dir;
	int rc = ext2_inode_read(fs, ino, &dir);
	ext2_walk_check_error(fs, rc, "dir inode read");
	if (rc < 0)
		return rc;
	ext2_walk_t w = {.fs = fs, .depth = depth, .budget = budget, .errors = 0};
	rc = ext2_dir_iterate(fs, &dir, ext2_walk_entry, &w);
	ext2_walk_check_error(fs, rc, "dir iterate");
	return rc;
}

/* Walk the whole tree of fs with bounded work; returns the root walk's result. */
static inline int ext2_walk_tree(ext2_fs_t *fs)
{
	unsigned budget = EXT2_WALK_BUDGET;
	return ext2_walk_dir(fs, EXT2_ROOT_INO, 0, &budget);
}

#endif
