/*
 * The bounce-buffer loop of every byte-moving call (see io_move.h).
 */
#include "syscall/io_move.h"

#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "mm/kheap.h"
#include "proc/usercopy.h"

int64_t io_move(process_t *p, file_t *f, uint64_t addr, uint64_t len, bool writing, io_step_fn step, uint32_t flags)
{
	if (len > IO_MAX_BYTES)
		len = IO_MAX_BYTES;
	if (!user_range_ok(addr, (size_t)len))
		return -EFAULT;
	/* Sized to the request: a one-byte pipe write must not cost a two-page heap block. */
	size_t chunk_size = len < IO_CHUNK ? (len ? (size_t)len : 1u) : IO_CHUNK;
	uint8_t *chunk = kmalloc(chunk_size);
	if (!chunk)
		return -ENOMEM;
	uint64_t done = 0;
	int64_t result = 0;
	while (done < len) {
		size_t n = len - done < chunk_size ? (size_t)(len - done) : chunk_size;
		int64_t moved;
		if (writing) {
			if (copy_from_user(p, chunk, addr + done, n) != 0) {
				result = -EFAULT;
				break;
			}
			moved = step(f, chunk, n, flags);
		} else {
			moved = step(f, chunk, n, flags);
			if (moved > 0 && copy_to_user(p, addr + done, chunk, (size_t)moved) != 0) {
				result = -EFAULT;
				break;
			}
		}
		if (moved < 0) {
			result = moved;
			break;
		}
		done += (uint64_t)moved;
		if ((size_t)moved < n)
			break;
	}
	kfree(chunk);
	return done ? (int64_t)done : result;
}

int64_t io_move_vector(process_t *p, file_t *f, uint64_t iov_addr, uint64_t count, bool writing, io_step_fn step,
		       uint32_t flags)
{
	if (count > IOV_MAX)
		return -EINVAL;
	uint64_t total = 0;
	for (uint64_t i = 0; i < count; i++) {
		aegis_iovec_t v;
		if (copy_from_user(p, &v, iov_addr + i * sizeof(v), sizeof(v)) != 0)
			return -EFAULT;
		if (v.iov_len > IO_MAX_BYTES - total)
			return -EINVAL;
		total += v.iov_len;
	}
	uint64_t done = 0;
	for (uint64_t i = 0; i < count; i++) {
		aegis_iovec_t v;
		if (copy_from_user(p, &v, iov_addr + i * sizeof(v), sizeof(v)) != 0)
			return done ? (int64_t)done : -EFAULT;
		if (v.iov_len == 0)
			continue;
		int64_t r = io_move(p, f, (uint64_t)(uintptr_t)v.iov_base, v.iov_len, writing, step, flags);
		if (r < 0)
			return done ? (int64_t)done : r;
		done += (uint64_t)r;
		if ((uint64_t)r < v.iov_len)
			break;
	}
	return (int64_t)done;
}
