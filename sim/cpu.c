/*
 * CPU-level platform steps in the simulator.
 *
 * The host process has no descriptor tables, interrupt controller or CR4
 * protections; those steps report SKIP with the reason.  Faults are real host
 * signals routed to kernel_fault (faults.c).  "Interrupts" are only delivered
 * from the wait loop (clock.c), so masking is a flag that the wait loop checks.
 */
#include <stdlib.h>
#include <unistd.h>

#include "aegis/test_exit.h"
#include "platform.h"
#include "uproc.h"
#include "sim.h"

static unsigned long irq_enabled;

platform_result_t platform_idt_init(void)
{
	sim_faults_install();
	return (platform_result_t){PLATFORM_OK, "CPU faults arrive as host signals"};
}

platform_result_t platform_pic_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "no interrupt controller in the simulator"};
}

platform_result_t platform_gdt_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "no segment descriptors in the simulator"};
}

platform_result_t platform_tss_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "no task state segment in the simulator"};
}

platform_result_t platform_smap_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "user memory is reached only through the copy functions"};
}

platform_result_t platform_smep_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "user code never runs in the kernel process"};
}

void platform_irq_enable(void)
{
	irq_enabled = 1;
}

unsigned long platform_irq_save(void)
{
	unsigned long was = irq_enabled;
	irq_enabled = 0;
	return was;
}

void platform_irq_restore(unsigned long token)
{
	irq_enabled = token;
}

/*
 * Stopping the machine is a power-off, not a program's end: kernel tasks and
 * user processes are still alive, so the host process leaves with _exit
 * (no leak report about a machine that was switched off), after writing the
 * coverage counters and ending every user process it started.
 */
void __gcov_dump(void) __attribute__((weak)); /* absent in the AFL++ build, which has no coverage */

static __attribute__((noreturn)) void sim_power_off(int status)
{
	(void)uproc_reap_strays(NULL, NULL);
	if (__gcov_dump)
		__gcov_dump();
	_exit(status);
}

void platform_halt(void)
{
	/* A host process cannot idle forever usefully: a halt ends the run as a failure. */
	sim_power_off(1);
}

void platform_power_off(const platform_power_t *power)
{
	(void)power; /* the sim has no ACPI: a power-off ends the process with status 0 */
	sim_power_off(0);
}

void platform_restart(const platform_power_t *power)
{
	(void)power;
	sim_power_off(SIM_EXIT_RESTART);
}

void platform_test_exit(unsigned code)
{
	sim_power_off(TEST_EXIT_STATUS(code));
}
