/*
 * kernel_main: the boot sequence, the same on every platform.
 *
 * Each step prints one marker (core/log.h) in the order spec/boot-order.md
 * fixes; platform steps report their own result and the kernel prints it, so
 * the two builds differ only in the detail text and in SKIP for what a
 * platform does not have.  Unrecoverable problems (no boot information, no
 * memory) panic with the reason; everything else warns and goes on.
 */
#include <aegis/test_exit.h>

#include "acpi/acpi.h"
#include "boot/bootinfo.h"
#include "boot/multiboot2.h"
#include "cap/cap_init.h"
#include "cap/cap_policy_load.h"
#include "core/cmdline.h"
#include "core/kstring.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/rng.h"
#include "core/timer.h"
#include "fs/disk.h"
#include "fs/initrd.h"
#include "fs/rootfs.h"
#include "fs/vfs_boot.h"
#include "input/input.h"
#include "ipc/poll_selftest.h"
#include "mm/kheap.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"
#include "proc/proc_internal.h"
#include "sched/sched.h"
#include "tty/console_tty.h"

/* Ticks the boot waits for to prove the timer interrupt path works. */
#define BOOT_TIMER_PROOF_TICKS 2u
#define MB2_ERROR_MAX 160

static bootinfo_t boot_info;

static void boot_read_info(const platform_boot_t *boot)
{
	if (boot->mb2_magic != MB2_BOOTLOADER_MAGIC || !boot->mb2_info) {
		boot_mark("BOOT", MARK_FAIL, "not started by a Multiboot2 loader (magic 0x%08x)", boot->mb2_magic);
		panic("no boot information: the memory map is unknown");
	}
	char err[MB2_ERROR_MAX];
	if (mb2_parse(boot->mb2_info, MB2_INFO_MAX, &boot_info, err, sizeof(err)) != 0) {
		boot_mark("BOOT", MARK_FAIL, "malformed Multiboot2 information: %s", err);
		panic("no usable boot information");
	}
	boot_info.info_phys = boot->mb2_info_phys;
	if (boot_info.acpi_rsdp_offset != 0)
		acpi_rsdp_hint_set(boot_info.info_phys + boot_info.acpi_rsdp_offset);
}

static void cmdline_warn(const char *message, void *ctx)
{
	(void)ctx;
	boot_mark("CMDLINE", MARK_WARN, "%s", message);
}

static void boot_read_cmdline(void)
{
	cmdline_t parsed;
	const char *text = boot_info.cmdline;
	cmdline_parse(text, text ? kstrlen(text) : 0, &parsed, cmdline_warn, NULL);
	cmdline_set(&parsed);
	boot_mark("CMDLINE", MARK_OK, "%s", parsed.raw[0] ? parsed.raw : "(none)");
	log_set_screen_quiet(parsed.quiet);
}

static void boot_memory(void)
{
	if (pmm_init(&boot_info, platform_layout()) != 0)
		panic("no usable physical memory");
	if (vmm_init(&boot_info) != 0)
		panic("cannot build the kernel page tables");
	if (kva_init() != 0)
		panic("cannot start the kernel virtual allocator");
	kheap_init();
}

static void boot_cpu(void)
{
	boot_mark_platform("IDT", platform_idt_init());
	boot_mark_platform("PIC", platform_pic_init());
	boot_mark_platform("PIT", platform_timer_init(TIMER_HZ));
	input_boot();
	boot_mark_platform("GDT", platform_gdt_init());
	boot_mark_platform("TSS", platform_tss_init());
	boot_mark_platform("SYSCALL", platform_syscall_init());
	boot_mark_platform("SMAP", platform_smap_init());
	boot_mark_platform("SMEP", platform_smep_init());
}

/*
 * The final kernel root never had the boot loader's identity map (vmm_init
 * builds a fresh root); prove it before user programs share the lower half.
 */
static void boot_check_identity(void)
{
	const platform_layout_t *layout = platform_layout();
	const uint64_t probes[] = { 0, layout->kernel_phys_start, boot_info.info_phys };
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		uint64_t pa;
		if (vmm_resolve(vmm_kernel_root(), (uintptr_t)probes[i], &pa, NULL) == 0 && pa == probes[i]) {
			boot_mark("VMM", MARK_FAIL, "identity mapping left at 0x%lx", (unsigned long)probes[i]);
			panic("user programs would see kernel memory");
		}
	}
	boot_mark("VMM", MARK_OK, "identity map removed");
}

/* Processes: PID 1 from the initrd, then the scheduler takes over this context as the idle task. */
static __attribute__((noreturn)) void boot_start_processes(void)
{
	sched_init();
	console_tty_start();
	proc_table_init();
	if (proc_spawn_init() != 0 && cmdline_get()->test == TEST_ACTION_INIT)
		platform_test_exit(TEST_EXIT_CODE_FAIL);
	boot_check_identity();
	sched_start();
}

/* test=panic: a write to the KVA guard page, which no platform ever maps. */
static void boot_force_fault(void)
{
	volatile unsigned char *guard = (volatile unsigned char *)kva_guard_address();
	*guard = 0x41;
	panic("write to the KVA guard page at %p did not fault", (void *)guard);
}

void kernel_main(const platform_boot_t *boot)
{
	boot_mark_platform("SERIAL", platform_serial_init());
	boot_mark_platform("VGA", platform_screen_init());
	boot_read_info(boot);
	boot_read_cmdline();
	boot_memory();
	cap_subsystem_init();
	boot_cpu();
	rng_init();
	if (cmdline_get()->test == TEST_ACTION_PANIC)
		boot_force_fault();
	disk_probe_boot();
	rootfs_mount_from_boot(&boot_info);
	initrd_mount_from_boot(&boot_info);
	vfs_boot();
	cap_policy_load_boot(rootfs_get());
	poll_selftest_boot();

	platform_irq_enable();
	uint64_t waited_ns = timer_wait_ticks(BOOT_TIMER_PROOF_TICKS);
	boot_mark("IRQ", MARK_OK, "interrupts enabled, %u timer ticks in %lu ms", BOOT_TIMER_PROOF_TICKS,
	          (unsigned long)(waited_ns / NS_PER_MS));
	boot_mark("AEGIS", MARK_OK, "early boot complete");

	if (cmdline_get()->test == TEST_ACTION_BOOT)
		platform_test_exit(TEST_EXIT_CODE_PASS);
	boot_start_processes();
}
