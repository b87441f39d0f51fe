/*
 * AF_UNIX addresses (spec/unix-sockets.md UNIX-010, UNIX-013): parsing a
 * caller's sockaddr_un into a path, writing a name back, and the length
 * rule shared by every call that copies a value out to a caller's buffer
 * (getsockname, getpeername, accept, getsockopt).  Pure.
 */
#ifndef AEGIS_KERNEL_NET_UNIX_ADDR_H
#define AEGIS_KERNEL_NET_UNIX_ADDR_H

#include <stddef.h>
#include <stdint.h>

#include <aegis/unix_socket.h>

#define UNIX_ADDR_FAMILY_BYTES sizeof(uint16_t)

/* A socket's name: a file-system path (len 0: unnamed). */
typedef struct {
	char path[AEGIS_UNIX_PATH_MAX + 1];
	size_t len;
} unix_addr_t;

/* The first addrlen bytes of raw as an address: 0 and *out, -EINVAL or -EOPNOTSUPP (UNIX-010). */
int unix_addr_parse(const aegis_sockaddr_un_t *raw, int64_t addrlen, unix_addr_t *out);

/* Write a's name to out: its length (the family alone for an unnamed one, else with the NUL). */
size_t unix_addr_encode(const unix_addr_t *a, aegis_sockaddr_un_t *out);

/* The caller's buffer length user_len against a value of full bytes: 0 and *copy, or -EINVAL (negative). */
int unix_out_len(int32_t user_len, size_t full, size_t *copy);

#endif
