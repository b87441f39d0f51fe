/*
 * The capability ABI, shared by kernel, userland and tests.
 *
 * A capability is a (kind, rights) pair held in a per-process table of
 * CAP_TABLE_SLOTS slots.  Kind numbers, right bits, the table size and the
 * system-call numbers are those of the original Aegis, so its programs and
 * documents keep their meaning; spec/capability-model.md says what each
 * kind gates.  Denials return -ENOCAP (<aegis/errno.h>).
 *
 * This header needs only <stdint.h> so that the proof tools (Frama-C) and
 * the freestanding kernel can read it as well as musl and glibc programs.
 */
#ifndef AEGIS_CAP_H
#define AEGIS_CAP_H

#include <stdint.h>

/* Kinds.  0 marks an empty slot; valid kinds are 1..CAP_KIND_MAX. */
#define CAP_KIND_NULL 0u
#define CAP_KIND_VFS_OPEN 1u
#define CAP_KIND_VFS_WRITE 2u
#define CAP_KIND_VFS_READ 3u
#define CAP_KIND_AUTH 4u
#define CAP_KIND_CAP_GRANT 5u
#define CAP_KIND_SETUID 6u
#define CAP_KIND_NET_SOCKET 7u
#define CAP_KIND_NET_ADMIN 8u
#define CAP_KIND_THREAD_CREATE 9u
#define CAP_KIND_PROC_READ 10u
#define CAP_KIND_DISK_ADMIN 11u
#define CAP_KIND_FB 12u
#define CAP_KIND_CAP_DELEGATE 13u
#define CAP_KIND_CAP_QUERY 14u
#define CAP_KIND_IPC 15u
#define CAP_KIND_POWER 16u
#define CAP_KIND_MAX 16u

/*
 * The kinds' names, for an array indexed by kind (the kernel's policy parser
 * and the shells' `caps` both use this one list):
 *   static const char *const names[CAP_KIND_MAX + 1] = CAP_KIND_NAMES_INIT;
 */
#define CAP_KIND_NAMES_INIT                                                              \
	{                                                                                \
		[CAP_KIND_VFS_OPEN] = "VFS_OPEN", [CAP_KIND_VFS_WRITE] = "VFS_WRITE",        \
		[CAP_KIND_VFS_READ] = "VFS_READ", [CAP_KIND_AUTH] = "AUTH",                  \
		[CAP_KIND_CAP_GRANT] = "CAP_GRANT", [CAP_KIND_SETUID] = "SETUID",            \
		[CAP_KIND_NET_SOCKET] = "NET_SOCKET", [CAP_KIND_NET_ADMIN] = "NET_ADMIN",    \
		[CAP_KIND_THREAD_CREATE] = "THREAD_CREATE", [CAP_KIND_PROC_READ] = "PROC_READ", \
		[CAP_KIND_DISK_ADMIN] = "DISK_ADMIN", [CAP_KIND_FB] = "FB",                  \
		[CAP_KIND_CAP_DELEGATE] = "CAP_DELEGATE", [CAP_KIND_CAP_QUERY] = "CAP_QUERY", \
		[CAP_KIND_IPC] = "IPC", [CAP_KIND_POWER] = "POWER",                          \
	}

/* Rights.  A check passes when the requested bits are a subset of the held ones. */
#define CAP_RIGHTS_READ 0x1u
#define CAP_RIGHTS_WRITE 0x2u
#define CAP_RIGHTS_EXEC 0x4u
#define CAP_RIGHTS_ALL (CAP_RIGHTS_READ | CAP_RIGHTS_WRITE | CAP_RIGHTS_EXEC)

/* Slots per process table, as cap_query copies them out. */
#define CAP_TABLE_SLOTS 64u

/*
 * One slot as cap_query writes it: 8 bytes, kind then rights.  Slot k-1
 * holds kind k; slots CAP_KIND_MAX..CAP_TABLE_SLOTS-1 are always empty.
 */
typedef struct {
	uint32_t kind;
	uint32_t rights;
} cap_slot_t;

/*
 * The capability system calls' numbers live with every other number in
 * aegis/syscall_nr.h (SYS_cap_grant_exec 361 ... SYS_cap_drop 365).
 */

#endif
