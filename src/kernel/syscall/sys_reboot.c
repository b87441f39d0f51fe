/*
 * reboot(169) with Linux's magic numbers (spec/vigil.md VIG-120..122):
 * POWER(R) first, then both magics, then the command.  Power-off and
 * restart sync every file system, print the boot-oracle marker and end the
 * machine through the platform's test-exit device with a status of their
 * own (the sim exits with it; QEMU needs -device isa-debug-exit, no ACPI
 * S5 or 8042 reset yet).
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/test_exit.h>

#include "core/log.h"
#include "fs/mount.h"
#include "platform.h"
#include "proc/proc_cap.h"
#include "syscall/handlers.h"

static void reboot_sync(void)
{
	int synced = vfs_sync_all();
	if (synced != 0)
		printk("[VFS] WARN: sync before reboot failed (error %d)\n", synced);
}

SYSCALL_HANDLER(reboot)
{
	int gate = proc_cap_require(p, CAP_KIND_POWER, CAP_RIGHTS_READ);
	if (gate != 0)
		return gate;
	if ((uint32_t)args->a[0] != AEGIS_REBOOT_MAGIC1 || (uint32_t)args->a[1] != AEGIS_REBOOT_MAGIC2)
		return -EINVAL;
	switch ((uint32_t)args->a[2]) {
	case AEGIS_REBOOT_CMD_POWER_OFF:
		reboot_sync();
		printk("[AEGIS] System halted.\n");
		platform_test_exit(TEST_EXIT_CODE_POWER_OFF);
	case AEGIS_REBOOT_CMD_RESTART:
		reboot_sync();
		printk("[AEGIS] Rebooting...\n");
		platform_test_exit(TEST_EXIT_CODE_RESTART);
	default:
		return -EINVAL;
	}
}
