/*
 * CPU control for the platform contract: protections (SMAP/SMEP), interrupt
 * masking, idling, address-space switches, stopping and the test exit.
 *
 * SMAP and SMEP are probed with CPUID leaf 7 and switched on in CR4; a CPU
 * without them boots with a WARN marker (BOOT-004).  Once SMAP is on, kernel
 * code may touch user pages only between cpu_user_access_begin() and
 * cpu_user_access_end() (stac/clac), which the user-copy code will use.
 */
#include <stdbool.h>
#include <stdint.h>

#include "aegis/test_exit.h"
#include "arch.h"
#include "io.h"
#include "platform.h"

#define CPUID_LEAF_MAX 0x0u
#define CPUID_LEAF_EXTENDED_FEATURES 0x7u
#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)
#define RFLAGS_IF (1ul << 9)

static bool cpu_smap_active;

/* CPUID leaf 7 EBX, or 0 when the CPU does not have leaf 7. */
static uint32_t cpu_leaf7_ebx(void)
{
	if (cpu_cpuid(CPUID_LEAF_MAX, 0).eax < CPUID_LEAF_EXTENDED_FEATURES)
		return 0;
	return cpu_cpuid(CPUID_LEAF_EXTENDED_FEATURES, 0).ebx;
}

platform_result_t platform_smap_init(void)
{
	if (!(cpu_leaf7_ebx() & CPUID7_EBX_SMAP))
		return (platform_result_t){ PLATFORM_WARN, "CPU lacks SMAP" };
	cpu_write_cr4(cpu_read_cr4() | CR4_SMAP);
	cpu_smap_active = true;
	return (platform_result_t){ PLATFORM_OK, "supervisor access prevention active" };
}

platform_result_t platform_smep_init(void)
{
	if (!(cpu_leaf7_ebx() & CPUID7_EBX_SMEP))
		return (platform_result_t){ PLATFORM_WARN, "CPU lacks SMEP" };
	cpu_write_cr4(cpu_read_cr4() | CR4_SMEP);
	return (platform_result_t){ PLATFORM_OK, "supervisor mode execution prevention active" };
}

void cpu_user_access_begin(void)
{
	if (cpu_smap_active)
		__asm__ volatile("stac" : : : "memory");
}

void cpu_user_access_end(void)
{
	if (cpu_smap_active)
		__asm__ volatile("clac" : : : "memory");
}

void platform_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

unsigned long platform_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq\n\tpopq %0\n\tcli" : "=r"(flags) : : "memory");
	return flags;
}

void platform_irq_restore(unsigned long token)
{
	if (token & RFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
}

void platform_wait_for_interrupt(uint64_t deadline_ns)
{
	/* The periodic tick bounds the wait; sti's one-instruction shadow makes sti;hlt race-free. */
	(void)deadline_ns;
	__asm__ volatile("sti\n\thlt" : : : "memory");
}

void platform_activate_root(uint64_t root_pa)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(root_pa) : "memory");
}

void platform_kmap_sync(uintptr_t va, uint64_t pa, bool present)
{
	/* Old translations are dropped either way; new ones are walked on demand. */
	(void)pa;
	(void)present;
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void platform_halt(void)
{
	for (;;)
		__asm__ volatile("cli\n\thlt" : : : "memory");
}

void platform_test_exit(unsigned code)
{
	/* With QEMU's isa-debug-exit device this never returns; without it we halt. */
	io_out8(TEST_EXIT_PORT, (uint8_t)code);
	platform_halt();
}
