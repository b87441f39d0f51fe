/*
 * reboot(169) with Linux's magic numbers (spec/vigil.md VIG-120..122):
 * POWER(R) first, then both magics, then the command.  Power-off and
 * restart sync every file system and print the boot-oracle marker.  In a
 * test run (any test= switch) they end through the platform's test-exit
 * device with a status of their own (VIG-120, VIG-121); otherwise the ACPI
 * tables are read and the platform powers off (S5) or restarts (VIG-133,
 * VIG-134).
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/test_exit.h>

#include "acpi/acpi.h"
#include "core/cmdline.h"
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

/* End the machine: the test-exit device in a test run, the real thing otherwise. */
static __attribute__((noreturn)) void reboot_end(bool restart)
{
	if (cmdline_get()->test != TEST_ACTION_NONE)
		platform_test_exit(restart ? TEST_EXIT_CODE_RESTART : TEST_EXIT_CODE_POWER_OFF);
	acpi_mem_t mem = {acpi_map_direct, NULL};
	platform_power_t power;
	(void)acpi_power_find(&mem, acpi_rsdp_hint(), &power);
	if (restart)
		platform_restart(&power);
	printk("[ACPI] initiating S5 power off\n");
	platform_power_off(&power);
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
		reboot_end(false);
	case AEGIS_REBOOT_CMD_RESTART:
		reboot_sync();
		printk("[AEGIS] Rebooting...\n");
		reboot_end(true);
	default:
		return -EINVAL;
	}
}
