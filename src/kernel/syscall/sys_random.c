/*
 * getrandom: bytes from the kernel CSPRNG, which is seeded before any
 * process exists, so it never blocks.  Large requests are filled in chunks
 * through a small kernel buffer.
 */
#include <aegis/errno.h>

#include "core/rng.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define GRND_NONBLOCK 0x1u
#define GRND_RANDOM 0x2u
#define GRND_INSECURE 0x4u
#define GETRANDOM_CHUNK 256u
#define GETRANDOM_MAX (32u << 20) /* Linux caps one call at 32 MiB - 1 */

SYSCALL_HANDLER(getrandom)
{
	uint64_t buf = args->a[0];
	uint64_t len = args->a[1];
	uint32_t flags = (uint32_t)args->a[2];
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_RANDOM) && (flags & GRND_INSECURE))
		return -EINVAL;
	if (len >= GETRANDOM_MAX)
		len = GETRANDOM_MAX - 1;
	if (!user_range_ok(buf, (size_t)len))
		return -EFAULT;
	uint8_t chunk[GETRANDOM_CHUNK];
	uint64_t done = 0;
	while (done < len) {
		size_t n = len - done < GETRANDOM_CHUNK ? (size_t)(len - done) : GETRANDOM_CHUNK;
		rng_bytes(chunk, n);
		if (copy_to_user(p, buf + done, chunk, n) != 0) {
			rng_wipe(chunk, sizeof(chunk));
			return done ? (int64_t)done : -EFAULT;
		}
		done += n;
	}
	rng_wipe(chunk, sizeof(chunk));
	return (int64_t)done;
}
