/*
 * AFL++ harness for the ext2 write side (src/kernel/fs/ext2/).
 *
 * The input is the start of a disk image, padded with zeros as in
 * fuzz/ext2/ and mounted read-write.  A bounded script then changes it:
 * create and write (including 8 bytes at a triple-indirect offset), mkdir,
 * link, rename (also with NOREPLACE and KEEP), truncate, unlink with and
 * without EXT2_REMOVE_KEEP plus ext2_inode_release, rmdir, and the same
 * calls on up to FW_NAMES entries the image's root already holds; sync and
 * unmount.  The image left behind is mounted again and walked with bounded
 * work (tests/ext2/ext2_walk.h).  Parameters come from a hash of the input.
 *
 * Supports spec/ext2.md EXT2-086 (no crash, out-of-bounds access, unbounded
 * loop or leak: the heap's live-block count is compared; every failing call
 * leaves a reason; a write never reports more bytes than asked) and
 * EXT2-061 for the images writes leave behind.  A broken property aborts.
 */
#include "ext2/ext2_fuzz_machine.h"
#include "fs/blockdev.h"
#include "fs/ext2/ext2.h"
#include "fuzz.h"

#define FW_NAMES 4u
#define FW_DATA 6000u
#define FW_FAR_BYTES 8u
#define FW_NDIR 12ull                 /* direct block pointers */
#define FW_TRUNC_MAX 70000u
#define FW_FNV_OFFSET 0xcbf29ce484222325ull
#define FW_FNV_PRIME 0x100000001b3ull

typedef struct {
	char name[FW_NAMES][EXT2_NAME_MAX];
	size_t len[FW_NAMES];
	unsigned count;
} fw_names_t;

typedef struct {
	ext2_fs_t *fs;
	uint64_t bits;        /* the input's hash, consumed a few bits at a time */
	uint8_t data[FW_DATA];
} fw_t;

static unsigned fw_take(fw_t *w, unsigned nbits)
{
	unsigned v = (unsigned)(w->bits & ((1u << nbits) - 1u));
	w->bits = w->bits >> nbits | w->bits << (64 - nbits);
	return v;
}

/* A call's result: an error must leave a reason (a lookup's -ENOENT may not). */
static int64_t fw_check(fw_t *w, int64_t rc, const char *what)
{
	if (rc > 0)
		fz_fail(what); /* only writes return counts; they go through fw_write */
	if (rc < 0 && rc != -ENOENT && ext2_reason(w->fs)[0] == '\0')
		fz_fail("a failing call left no reason");
	return rc;
}

static void fw_write(fw_t *w, ext2_inode_t *in, uint64_t offset, size_t len)
{
	int64_t n = ext2_file_write(w->fs, in, offset, w->data, len);
	if (n > (int64_t)len)
		fz_fail("write reported more bytes than asked");
	if (n < 0)
		fw_check(w, n, "write");
}

static int fw_collect(void *ctx, const ext2_dirent_t *entry)
{
	fw_names_t *names = ctx;
	if ((entry->name_len == 1 && entry->name[0] == '.') ||
	    (entry->name_len == 2 && entry->name[0] == '.' && entry->name[1] == '.'))
		return 0;
	memcpy(names->name[names->count], entry->name, entry->name_len);
	names->len[names->count] = entry->name_len;
	return ++names->count == FW_NAMES;
}

/* New files and directories: create, write near and far, mkdir, link, rename, truncate, remove. */
static void fw_new_tree(fw_t *w, ext2_inode_t *root)
{
	ext2_info_t info;
	ext2_get_info(w->fs, &info);
	uint64_t p = info.block_size / sizeof(uint32_t);
	uint64_t far = (FW_NDIR + p + p * p + fw_take(w, 8)) * info.block_size + fw_take(w, 8);
	ext2_inode_t a, d, b;
	if (fw_check(w, ext2_create(w->fs, root, "fz-a", 4, 0644, 0, 0, &a), "create") < 0)
		return;
	fw_write(w, &a, fw_take(w, 12), 1 + fw_take(w, 12));
	fw_write(w, &a, far, FW_FAR_BYTES);
	if (fw_check(w, ext2_mkdir(w->fs, root, "fz-d", 4, 0755, 0, 0, &d), "mkdir") < 0)
		return;
	fw_check(w, ext2_link(w->fs, &d, "a2", 2, &a), "link");
	fw_check(w, ext2_rename_ex(w->fs, root, "fz-a", 4, &d, "a2", 2, EXT2_RENAME_NOREPLACE, NULL), "rename");
	uint32_t victim = 0;
	fw_check(w, ext2_rename_ex(w->fs, root, "fz-a", 4, &d, "a3", 2, EXT2_REMOVE_KEEP, &victim), "rename");
	if (fw_check(w, ext2_create(w->fs, &d, "b", 1, 0600, 0, 0, &b), "create") == 0) {
		fw_write(w, &b, 0, FW_DATA);
		fw_check(w, ext2_truncate(w->fs, &b, fw_take(w, 16) % FW_TRUNC_MAX), "truncate");
		fw_check(w, ext2_unlink_ex(w->fs, &d, "b", 1, EXT2_REMOVE_KEEP, &victim), "unlink");
		if (victim != 0)
			fw_check(w, ext2_inode_release(w->fs, victim), "release");
	}
	fw_check(w, ext2_unlink(w->fs, &d, "a2", 2), "unlink");
	fw_check(w, ext2_rmdir(w->fs, root, "fz-d", 4), "rmdir"); /* a3 may still be there */
}

/* The image's own entries: each removed, kept and released, renamed, cut or written. */
static void fw_old_entries(fw_t *w, ext2_inode_t *root)
{
	fw_names_t names = {.count = 0};
	int rc = ext2_dir_iterate(w->fs, root, fw_collect, &names);
	if (rc < 0)
		fw_check(w, rc, "iterate"); /* the names seen before the damage are still used */
	for (unsigned i = 0; i < names.count; i++) {
		uint32_t ino, victim = 0;
		ext2_inode_t in;
		switch (fw_take(w, 3)) {
		case 0:
			fw_check(w, ext2_unlink_ex(w->fs, root, names.name[i], names.len[i], 0, &victim), "unlink");
			break;
		case 1:
			fw_check(w, ext2_unlink_ex(w->fs, root, names.name[i], names.len[i], EXT2_REMOVE_KEEP, &victim),
				 "unlink");
			if (victim != 0)
				fw_check(w, ext2_inode_release(w->fs, victim), "release");
			break;
		case 2:
			fw_check(w, ext2_unlink_ex(w->fs, root, names.name[i], names.len[i], EXT2_REMOVE_DIR, &victim),
				 "rmdir");
			break;
		case 3:
			fw_check(w, ext2_rename(w->fs, root, names.name[i], names.len[i], root, "fz-r", 4), "rename");
			break;
		default:
			if (fw_check(w, ext2_dir_lookup(w->fs, root, names.name[i], names.len[i], &ino), "lookup") < 0 ||
			    fw_check(w, ext2_inode_read(w->fs, ino, &in), "read") < 0)
				break;
			if (fw_take(w, 1))
				fw_check(w, ext2_truncate(w->fs, &in, fw_take(w, 16) % FW_TRUNC_MAX), "truncate");
			else
				fw_write(w, &in, fw_take(w, 16), 1 + fw_take(w, 10));
			break;
		}
	}
}

static void fw_script(fw_t *w)
{
	ext2_inode_t root;
	if (fw_check(w, ext2_inode_read(w->fs, EXT2_ROOT_INO, &root), "root") == 0 && ext2_inode_is(&root, EXT2_S_IFDIR)) {
		fw_new_tree(w, &root);
		if (fw_check(w, ext2_inode_read(w->fs, EXT2_ROOT_INO, &root), "root") == 0)
			fw_old_entries(w, &root);
	}
	fw_check(w, ext2_sync(w->fs), "sync");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	blockdev_t dev;
	uint8_t *image = fz_image(data, size, &dev, false);
	if (image == NULL)
		return 0;
	static fw_t w;
	w.bits = FW_FNV_OFFSET;
	for (size_t i = 0; i < size; i++)
		w.bits = (w.bits ^ data[i]) * FW_FNV_PRIME;
	for (size_t i = 0; i < sizeof(w.data); i++)
		w.data[i] = (uint8_t)(i * 7u + 1u);
	kheap_stats_t before;
	kheap_stats(&before);
	w.fs = fz_mount(&dev);
	if (w.fs != NULL) {
		fw_script(&w);
		ext2_unmount(w.fs);
		dev.read_only = true;
		fz_mount_and_walk(&dev);
	}
	fz_heap_check(&before);
	free(image);
	return 0;
}
