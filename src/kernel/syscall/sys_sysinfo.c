/*
 * sysinfo: uptime, memory and the process count in Linux's struct sysinfo
 * (spec/processes.md PROC-116, PROC-117).
 *
 * Memory is what the physical-page allocator manages, in bytes with
 * mem_unit 1, as 64-bit Linux reports it (Linux multiplies its page counts
 * out whenever the total fits in an unsigned long).  Aegis tracks no load
 * averages, shared or buffer memory, swap or high memory: those are 0.
 *
 * Exited tasks' stacks are freed before their parent's wait4 returns to user
 * mode (PROC-013), so freeram needs no help to be what is free.
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/kstring.h"
#include "mm/pmm.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"
#include "syscall/handlers.h"

#define SYSINFO_MEM_UNIT 1u

SYSCALL_HANDLER(sysinfo)
{
	aegis_sysinfo_t info;
	kmemset(&info, 0, sizeof(info));
	uint64_t now;
	(void)clock_read_ns(CLOCK_BOOTTIME, &now);
	/* Linux rounds a started second up. */
	info.uptime = (int64_t)(now / NS_PER_SEC + (now % NS_PER_SEC != 0));
	info.totalram = pmm_total_pages() * PMM_PAGE_SIZE;
	info.freeram = pmm_free_pages() * PMM_PAGE_SIZE;
	unsigned procs = proc_count();
	info.procs = (uint16_t)(procs > UINT16_MAX ? UINT16_MAX : procs);
	info.mem_unit = SYSINFO_MEM_UNIT;
	return copy_to_user(p, args->a[0], &info, sizeof(info));
}
