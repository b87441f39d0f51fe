/*
 * The structs and constants of the Aegis-private system calls (numbers in
 * <aegis/syscall_nr.h>), shared by the kernel, the userland glue and tests.
 * Layouts are the original Aegis's (../shared/reference/original-aegis.md,
 * "Custom syscalls"), so its programs keep working.  Only <stdint.h>.
 */
#ifndef AEGIS_PRIVATE_ABI_H
#define AEGIS_PRIVATE_ABI_H

#include <stdint.h>

/* netcfg(op, ...): op 0 sets (ip, mask, gw) in network byte order; op 1 fills an aegis_netcfg_info_t. */
#define AEGIS_NETCFG_SET 0
#define AEGIS_NETCFG_INFO 1

#define AEGIS_MAC_LEN 6
typedef struct aegis_netcfg_info {
	uint8_t mac[AEGIS_MAC_LEN];
	uint8_t pad[2];
	uint32_t ip;
	uint32_t mask;
	uint32_t gw;
} aegis_netcfg_info_t;

/* blkdev_list(buf, bytes) fills an array of these and returns the count. */
#define AEGIS_BLKDEV_NAME_LEN 16
typedef struct aegis_blkdev_entry {
	char name[AEGIS_BLKDEV_NAME_LEN];
	uint64_t block_count;
	uint32_t block_size;
	uint32_t pad;
} aegis_blkdev_entry_t;

/* blkdev_io(devname, lba, count, buf, write): write is 0 to read, 1 to write. */
#define AEGIS_BLKDEV_READ 0
#define AEGIS_BLKDEV_WRITE 1

/* fb_map(info) fills this and returns the mapping's address. */
typedef struct aegis_fb_info {
	uint64_t addr;
	uint32_t width;
	uint32_t height;
	uint32_t pitch;
	uint32_t bpp;
} aegis_fb_info_t;

_Static_assert(sizeof(aegis_netcfg_info_t) == 20, "netcfg info is 20 bytes");
_Static_assert(sizeof(aegis_blkdev_entry_t) == 32, "a blkdev_list entry is 32 bytes");
_Static_assert(sizeof(aegis_fb_info_t) == 24, "fb_map info is 24 bytes");

#endif
