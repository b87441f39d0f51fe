/*
 * AF_UNIX addresses (see unix_addr.h).
 */
#include "net/unix_addr.h"

#include <aegis/errno.h>

#include "core/kstring.h"

int unix_addr_parse(const aegis_sockaddr_un_t *raw, int64_t addrlen, unix_addr_t *out)
{
	if (addrlen < (int64_t)UNIX_ADDR_FAMILY_BYTES || addrlen > (int64_t)sizeof(*raw))
		return -EINVAL;
	if (raw->sun_family != AEGIS_AF_UNIX)
		return -EINVAL;
	size_t max = (size_t)addrlen - UNIX_ADDR_FAMILY_BYTES;
	size_t len = 0;
	while (len < max && raw->sun_path[len] != '\0')
		len++;
	if (len == 0)
		return -EOPNOTSUPP; /* autobind (no path) and abstract names (a leading NUL) */
	kmemcpy(out->path, raw->sun_path, len);
	out->path[len] = '\0';
	out->len = len;
	return 0;
}

size_t unix_addr_encode(const unix_addr_t *a, aegis_sockaddr_un_t *out)
{
	kmemset(out, 0, sizeof(*out));
	out->sun_family = AEGIS_AF_UNIX;
	if (a->len == 0)
		return UNIX_ADDR_FAMILY_BYTES;
	size_t len = a->len < AEGIS_UNIX_PATH_MAX ? a->len : AEGIS_UNIX_PATH_MAX;
	kmemcpy(out->sun_path, a->path, len);
	return UNIX_ADDR_FAMILY_BYTES + len + (len < AEGIS_UNIX_PATH_MAX ? 1u : 0u);
}

int unix_out_len(int32_t user_len, size_t full, size_t *copy)
{
	if (user_len < 0)
		return -EINVAL;
	*copy = (size_t)user_len < full ? (size_t)user_len : full;
	return 0;
}
