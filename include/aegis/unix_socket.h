/*
 * The AF_UNIX socket ABI (spec/unix-sockets.md UNIX-001), shared by kernel,
 * userland and tests: Linux's numbers for the calls' constants, Linux's
 * layouts for addresses and SO_PEERCRED, and the Aegis option SO_PEERCAPS
 * (the peer's capability table and session flag as the kernel saw them
 * when the connection was made).  Needs only <stdint.h> and aegis/cap.h.
 */
#ifndef AEGIS_UNIX_SOCKET_H
#define AEGIS_UNIX_SOCKET_H

#include <stdint.h>

#include <aegis/cap.h>

/* Families and types. */
#define AEGIS_AF_UNIX 1
#define AEGIS_AF_INET 2
#define AEGIS_SOCK_STREAM 1
#define AEGIS_SOCK_TYPE_MASK 0xf
#define AEGIS_SOCK_NONBLOCK 04000
#define AEGIS_SOCK_CLOEXEC 02000000

/* getsockopt levels and names. */
#define AEGIS_SOL_SOCKET 1
#define AEGIS_SO_TYPE 3
#define AEGIS_SO_PEERCRED 17
#define AEGIS_SO_PEERCAPS 0x4145 /* Aegis only: clear of every Linux SO_* number */

/* send and receive flags. */
#define AEGIS_MSG_DONTWAIT 0x40
#define AEGIS_MSG_NOSIGNAL 0x4000

/* shutdown's how. */
#define AEGIS_SHUT_RD 0
#define AEGIS_SHUT_WR 1
#define AEGIS_SHUT_RDWR 2

/* struct sockaddr_un: 110 bytes. */
#define AEGIS_UNIX_PATH_MAX 108
typedef struct {
	uint16_t sun_family;
	char sun_path[AEGIS_UNIX_PATH_MAX];
} aegis_sockaddr_un_t;

/* struct ucred (SO_PEERCRED): the peer's pid and effective IDs. */
typedef struct {
	int32_t pid;
	uint32_t uid;
	uint32_t gid;
} aegis_ucred_t;

/* aegis_peercaps_t.flags: the peer was in an authenticated session. */
#define AEGIS_PEERCAPS_AUTHENTICATED 0x1u

/* SO_PEERCAPS: the peer's capability table as cap_query lays it out (count slots used). */
typedef struct {
	uint32_t flags;
	uint32_t count;
	cap_slot_t slots[CAP_TABLE_SLOTS];
} aegis_peercaps_t;

_Static_assert(sizeof(aegis_sockaddr_un_t) == 110, "struct sockaddr_un is 110 bytes");
_Static_assert(sizeof(aegis_ucred_t) == 12, "struct ucred is 12 bytes");
_Static_assert(sizeof(aegis_peercaps_t) == 8 + 8 * CAP_TABLE_SLOTS, "SO_PEERCAPS is a header and the slots");

#endif
