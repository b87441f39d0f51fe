/*
 * The boot side (spec/initrd.md INITRD-030, INITRD-031): which module is the
 * root image and which the initrd, and the one [INITRD] marker for each
 * outcome.  Modules are written into the simulated physical memory and
 * described by a bootinfo, as the Multiboot2 parser would.
 */
#include "initrd/initrd_fixture.h"

#include "fs/initrd_modules.h"
#include "fs/rootfs.h"

#define T_MOD_A (8ull << 20)
#define T_MOD_B (12ull << 20)
#define T_MOD_C (16ull << 20)
#define T_JUNK_BYTES 4096u

typedef struct {
	bootinfo_t bi;
} boot_t;

static void boot_begin(boot_t *b)
{
	mem_log_capture();
	sim_platform_setup(IFX_MACHINE_BYTES, mem_seed());
	mem_log_reset();
	b->bi = mem_bootinfo_simple(IFX_MACHINE_BYTES);
}

static void boot_module(boot_t *b, uint64_t pa, const void *bytes, size_t len, const char *name)
{
	memcpy(sim_phys_ptr(pa, len ? len : 1), bytes, len);
	b->bi.modules[b->bi.module_count++] = (boot_module_t){pa, pa + len, name};
}

static void boot_machine(boot_t *b)
{
	assert_int_equal(pmm_init(&b->bi, platform_layout()), 0);
	assert_int_equal(vmm_init(&b->bi), 0);
	assert_int_equal(kva_init(), 0);
	kheap_init();
}

static void small_archive(ifx_cpio_t *c)
{
	ifx_begin(c);
	ifx_entry(c, "etc", IFX_DIR, NULL);
	ifx_entry(c, "etc/initrd-release", IFX_REG, "Aegis initrd\n");
	ifx_trailer(c);
}

/* INITRD-030: the role is the last word of the module string. */
static void test_initrd_030_roles(void **state)
{
	assert_int_equal(initrd_module_role("rootfs"), BOOT_MODULE_ROOTFS);
	assert_int_equal(initrd_module_role("/boot/rootfs.img rootfs"), BOOT_MODULE_ROOTFS);
	assert_int_equal(initrd_module_role("/boot/initrd.cpio initrd"), BOOT_MODULE_INITRD);
	assert_int_equal(initrd_module_role("initrd  "), BOOT_MODULE_INITRD);
	assert_int_equal(initrd_module_role("initrd rootfs"), BOOT_MODULE_ROOTFS);
	assert_int_equal(initrd_module_role("/boot/initrd"), BOOT_MODULE_UNNAMED);
	assert_int_equal(initrd_module_role("/boot/rootfs.img"), BOOT_MODULE_UNNAMED);
	assert_int_equal(initrd_module_role("xinitrd"), BOOT_MODULE_UNNAMED);
	assert_int_equal(initrd_module_role("initrd2"), BOOT_MODULE_UNNAMED);
	assert_int_equal(initrd_module_role(""), BOOT_MODULE_UNNAMED);
	assert_int_equal(initrd_module_role(NULL), BOOT_MODULE_UNNAMED);
}

/* INITRD-030: named modules win; unnamed ones are told apart by content. */
static void test_initrd_030_pick(void **state)
{
	ifx_cpio_t c;
	small_archive(&c);
	static uint8_t junk[T_JUNK_BYTES];
	memset(junk, 0x5a, sizeof(junk));

	boot_t b;
	boot_begin(&b);
	boot_module(&b, T_MOD_A, junk, sizeof(junk), "");
	boot_module(&b, T_MOD_B, c.buf, c.len, "");
	boot_machine(&b);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_ROOTFS), 0);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_INITRD), 1);

	boot_begin(&b);
	boot_module(&b, T_MOD_A, c.buf, c.len, "");
	boot_module(&b, T_MOD_B, junk, sizeof(junk), "");
	boot_machine(&b);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_ROOTFS), 1);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_INITRD), 0);

	/* names beat content: a cpio named rootfs is the root image */
	boot_begin(&b);
	boot_module(&b, T_MOD_A, c.buf, c.len, "/boot/x rootfs");
	boot_module(&b, T_MOD_B, junk, sizeof(junk), "initrd");
	boot_module(&b, T_MOD_C, c.buf, c.len, "");
	boot_machine(&b);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_ROOTFS), 0);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_INITRD), 1);

	/* one unnamed junk module: rootfs only (the old configuration) */
	boot_begin(&b);
	boot_module(&b, T_MOD_A, junk, sizeof(junk), "");
	boot_machine(&b);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_ROOTFS), 0);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_INITRD), -1);

	/* too short to hold the magic: not a cpio */
	boot_begin(&b);
	boot_module(&b, T_MOD_A, "0707", 4, "");
	boot_machine(&b);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_INITRD), -1);
	assert_int_equal(initrd_module_pick(&b.bi, BOOT_MODULE_ROOTFS), 0);
	ifx_end(&c);
}

/* INITRD-031: OK with the entry count; lookups then work on the boot initrd. */
static void test_initrd_031_ok_marker(void **state)
{
	ifx_cpio_t c;
	small_archive(&c);
	boot_t b;
	boot_begin(&b);
	boot_module(&b, T_MOD_A, c.buf, c.len, "/boot/initrd.cpio initrd");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] OK: 2 files registered\n");
	initrd_entry_t e;
	assert_int_equal(initrd_lookup("/etc/initrd-release", &e), 0);
	assert_memory_equal(e.data, "Aegis initrd\n", 13);
	const uint8_t *mod = vmm_phys_to_virt(T_MOD_A); /* parsed in place, through the direct map */
	assert_true(e.data > mod && e.data < mod + c.len);
	assert_non_null(initrd_get());
	/* the root image is not this module: RAMDISK warns */
	rootfs_mount_from_boot(&b.bi);
	mem_assert_log("[RAMDISK] WARN: no root file system module, running without a root file system");
	ifx_end(&c);
}

/* INITRD-031: SKIP without an initrd module; a previous initrd is dropped. */
static void test_initrd_031_skip_marker(void **state)
{
	static uint8_t junk[T_JUNK_BYTES];
	boot_t b;
	boot_begin(&b);
	boot_module(&b, T_MOD_A, junk, sizeof(junk), "rootfs");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] SKIP: no initrd module\n");
	assert_null(initrd_get());
	initrd_entry_t e;
	assert_int_equal(initrd_lookup("/", &e), -ENOENT);

	boot_begin(&b);
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] SKIP: no initrd module\n");
}

/* INITRD-031 INITRD-009: a damaged archive gives FAIL with the reason, and the boot goes on. */
static void test_initrd_031_fail_marker(void **state)
{
	ifx_cpio_t c;
	small_archive(&c);
	ifx_set_field(&c, 1, IFX_FILESIZE, "FFFFFFFF");
	boot_t b;
	boot_begin(&b);
	boot_module(&b, T_MOD_A, c.buf, c.len, "initrd");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] FAIL: entry 1 at offset 0x74 'etc/initrd-release': truncated data");
	assert_null(initrd_get());
	ifx_end(&c);

	/* a named initrd that is not a cpio at all */
	static uint8_t junk[T_JUNK_BYTES];
	boot_begin(&b);
	boot_module(&b, T_MOD_A, junk, sizeof(junk), "initrd");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] FAIL: entry 0 at offset 0x0: bad magic");

	/* an empty module */
	boot_begin(&b);
	boot_module(&b, T_MOD_A, junk, 0, "initrd");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] FAIL: entry 0 at offset 0x0: no TRAILER!!! entry");
}

/* INITRD-031: a second module named initrd gives WARN; the first is used. */
static void test_initrd_031_warn_marker(void **state)
{
	ifx_cpio_t c;
	small_archive(&c);
	ifx_cpio_t d;
	ifx_begin(&d);
	ifx_trailer(&d);
	boot_t b;
	boot_begin(&b);
	boot_module(&b, T_MOD_A, d.buf, d.len, "rootfs");
	boot_module(&b, T_MOD_B, c.buf, c.len, "initrd");
	boot_module(&b, T_MOD_C, d.buf, d.len, "initrd");
	boot_machine(&b);
	initrd_mount_from_boot(&b.bi);
	mem_assert_log("[INITRD] WARN: 2 files registered, boot module 2 ignored (only one initrd)\n");
	assert_int_equal(initrd_count(initrd_get()), 2);
	ifx_end(&c);
	ifx_end(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initrd_030_roles),
		cmocka_unit_test(test_initrd_030_pick),
		cmocka_unit_test(test_initrd_031_ok_marker),
		cmocka_unit_test(test_initrd_031_skip_marker),
		cmocka_unit_test(test_initrd_031_fail_marker),
		cmocka_unit_test(test_initrd_031_warn_marker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
