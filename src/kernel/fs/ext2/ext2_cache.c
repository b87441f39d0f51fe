/*
 * The ext2 block cache: EXT2_CACHE_SLOTS buffers of one filesystem block,
 * least-recently-used replacement, write-back: a changed block is marked
 * dirty and reaches the device when it is evicted or at ext2_sync.  A
 * block whose write-back fails stays cached and dirty, so nothing is lost
 * silently; the caller that needed the slot gets the error.
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

static int ext2_cache_flush_slot(ext2_fs_t *fs, ext2_cache_slot_t *slot)
{
	if (!slot->dirty)
		return 0;
	int rc = blockdev_write(fs->dev, (uint64_t)slot->block * fs->sectors_per_block, fs->sectors_per_block,
				slot->data);
	if (rc < 0)
		return ext2_fail(fs, rc, "device write of block %u failed (%d)", slot->block, rc);
	slot->dirty = false;
	fs->cache_writebacks++;
	return 0;
}

static int ext2_cache_fill(ext2_fs_t *fs, ext2_cache_slot_t *slot, uint32_t block)
{
	int rc = ext2_cache_flush_slot(fs, slot);
	if (rc < 0)
		return rc;
	if (slot->data == NULL) {
		slot->data = kmalloc(fs->block_size);
		if (slot->data == NULL)
			return ext2_fail(fs, -ENOMEM, "no memory for a cache block");
	}
	slot->last_use = 0; /* empty until the read succeeds */
	rc = blockdev_read(fs->dev, (uint64_t)block * fs->sectors_per_block, fs->sectors_per_block, slot->data);
	if (rc < 0)
		return ext2_fail(fs, rc, "device read of block %u failed (%d)", block, rc);
	slot->block = block;
	return 0;
}

/* The slot holding block, read in if needed, stamped as just used. */
static int ext2_cache_get(ext2_fs_t *fs, uint32_t block, uint32_t offset, uint32_t len, ext2_cache_slot_t **out)
{
	if (block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block %u is past the end (%u blocks)", block, fs->blocks_count);
	if (offset > fs->block_size || len > fs->block_size - offset)
		return ext2_fail(fs, -EINVAL, "access of %u bytes at %u crosses a block", len, offset);
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
	*out = slot;
	return 0;
}

int ext2_cache_read(ext2_fs_t *fs, uint32_t block, uint32_t offset, void *dst, uint32_t len)
{
	ext2_cache_slot_t *slot;
	int rc = ext2_cache_get(fs, block, offset, len, &slot);
	if (rc < 0)
		return rc;
	kmemcpy(dst, slot->data + offset, len);
	return 0;
}

int ext2_cache_write(ext2_fs_t *fs, uint32_t block, uint32_t offset, const void *src, uint32_t len)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	ext2_cache_slot_t *slot;
	int rc = ext2_cache_get(fs, block, offset, len, &slot);
	if (rc < 0)
		return rc;
	kmemcpy(slot->data + offset, src, len);
	slot->dirty = true;
	return 0;
}

int ext2_cache_zero(ext2_fs_t *fs, uint32_t block)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	ext2_cache_slot_t *slot;
	int rc = ext2_cache_get(fs, block, 0, fs->block_size, &slot);
	if (rc < 0)
		return rc;
	kmemset(slot->data, 0, fs->block_size);
	slot->dirty = true;
	return 0;
}

int ext2_sync(ext2_fs_t *fs)
{
	int first = 0;
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++) {
		if (fs->cache[i].last_use == 0)
			continue;
		int rc = ext2_cache_flush_slot(fs, &fs->cache[i]);
		if (rc < 0 && first == 0)
			first = rc;
	}
	return first;
}

void ext2_cache_release(ext2_fs_t *fs)
{
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++) {
		kfree(fs->cache[i].data);
		fs->cache[i].data = NULL;
		fs->cache[i].last_use = 0;
		fs->cache[i].dirty = false;
	}
}

void ext2_cache_stats(const ext2_fs_t *fs, ext2_cache_stats_t *out)
{
	out->hits = fs->cache_hits;
	out->misses = fs->cache_misses;
	out->slots = EXT2_CACHE_SLOTS;
	out->writebacks = fs->cache_writebacks;
	out->dirty = 0;
	for (uint32_t i = 0; i < EXT2_CACHE_SLOTS; i++)
		out->dirty += fs->cache[i].last_use != 0 && fs->cache[i].dirty;
}
