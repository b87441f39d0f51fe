/*
 * The ext2 block cache: EXT2_CACHE_SLOTS buffers of one filesystem block,
 * least-recently-used replacement, read-only for now.
 *
 * Callers never hold a pointer into a slot: ext2_cache_read copies the bytes
 * they asked for, so an eviction in the middle of a walk through indirect
 * blocks cannot leave anyone reading a recycled buffer (the original's
 * "ENOENT after ~11 execs" symptom came from that kind of sharing).
 * Buffers are allocated on first use and freed at unmount.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"
#include "mm/kheap.h"

static ext2_cache_slot_t *ext2_cache_victim(ext2_fs_t *fs)
{
	ext2_cache_slot_t *victim = &fs->cache[0];
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++) {
		ext2_cache_slot_t *slot = &fs->cache[i];
		if (slot->last_use == 0)
			return slot;
		if (slot->last_use < victim->last_use)
			victim = slot;
	}
	return victim;
}

static int ext2_cache_fill(ext2_fs_t *fs, ext2_cache_slot_t *slot, uint32_t block)
{
	if (slot->data == NULL) {
		slot->data = kmalloc(fs->block_size);
		if (slot->data == NULL)
			return ext2_fail(fs, -ENOMEM, "no memory for a cache block");
	}
	slot->last_use = 0; /* empty until the read succeeds */
	int rc = blockdev_read(fs->dev, (uint64_t)block * fs->sectors_per_block, fs->sectors_per_block, slot->data);
	if (rc < 0)
		return ext2_fail(fs, rc, "device read of block %u failed (%d)", block, rc);
	slot->block = block;
	return 0;
}

int ext2_cache_read(ext2_fs_t *fs, uint32_t block, uint32_t offset, void *dst, uint32_t len)
{
	if (block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block %u is past the end (%u blocks)", block, fs->blocks_count);
	if (offset > fs->block_size || len > fs->block_size - offset)
		return ext2_fail(fs, -EINVAL, "read of %u bytes at %u crosses a block", len, offset);
	ext2_cache_slot_t *slot = NULL;
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++) {
		if (fs->cache[i].last_use != 0 && fs->cache[i].block == block) {
			slot = &fs->cache[i];
			break;
		}
	}
	if (slot != NULL) {
		fs->cache_hits++;
	} else {
		fs->cache_misses++;
		slot = ext2_cache_victim(fs);
		int rc = ext2_cache_fill(fs, slot, block);
		if (rc < 0)
			return rc;
	}
	slot->last_use = ++fs->cache_clock;
	kmemcpy(dst, slot->data + offset, len);
	return 0;
}

void ext2_cache_release(ext2_fs_t *fs)
{
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++) {
		kfree(fs->cache[i].data);
		fs->cache[i].data = NULL;
		fs->cache[i].last_use = 0;
	}
}

void ext2_cache_stats(const ext2_fs_t *fs, ext2_cache_stats_t *out)
{
	out->hits = fs->cache_hits;
	out->misses = fs->cache_misses;
	out->slots = EXT2_CACHE_SLOTS;
}
