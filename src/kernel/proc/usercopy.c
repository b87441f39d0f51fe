/*
 * User-memory access with range checks (see usercopy.h).
 */
#include "proc/usercopy.h"

#include <aegis/errno.h>

#define USERCOPY_PAGE 4096u

int user_range_ok(uint64_t addr, size_t len)
{
	if (addr >= USER_ADDR_LIMIT)
		return 0;
	return len <= USER_ADDR_LIMIT - addr;
}

int copy_from_user(process_t *p, void *dst, uint64_t src, size_t len)
{
	if (len == 0)
		return 0;
	if (!user_range_ok(src, len))
		return -EFAULT;
	return platform_copy_from_user(p->user, dst, src, len);
}

int copy_to_user(process_t *p, uint64_t dst, const void *src, size_t len)
{
	if (len == 0)
		return 0;
	if (!user_range_ok(dst, len))
		return -EFAULT;
	return platform_copy_to_user(p->user, dst, src, len);
}

int64_t copy_string_from_user(process_t *p, char *dst, size_t max, uint64_t src)
{
	if (max == 0)
		return -ENAMETOOLONG;
	size_t done = 0;
	while (done < max) {
		/* Never cross into the next page in one copy: it may be unmapped. */
		uint64_t at = src + done;
		size_t chunk = USERCOPY_PAGE - (size_t)(at % USERCOPY_PAGE);
		if (chunk > max - done)
			chunk = max - done;
		int r = copy_from_user(p, dst + done, at, chunk);
		if (r < 0)
			return r;
		for (size_t i = 0; i < chunk; i++)
			if (dst[done + i] == '\0')
				return (int64_t)(done + i);
		done += chunk;
	}
	dst[max - 1] = '\0';
	return -ENAMETOOLONG;
}
