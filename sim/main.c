/*
 * aegis-sim: boot the Aegis kernel as a Linux host process.
 *
 *     aegis-sim [--cmdline "..."] [--seed N] [--mem MIB] [--module FILE[,NAME]]... [--input FILE|-]
 *               [--disk FILE[,fail-after=K]]... [--mb2-file FILE | --no-mb2]
 *
 * Builds a simulated machine (sim_platform_setup), writes a Multiboot2
 * information structure describing it into the simulated physical memory
 * (or, with --mb2-file, copies FILE there verbatim, to feed the kernel
 * malformed boot information) and calls the same kernel_main the x86_64
 * build calls.  The console is standard output.  Exit status: whatever the
 * kernel's end is (see include/aegis/test_exit.h for test runs), 2 for bad
 * usage.
 *
 * Each --module file is copied into the simulated memory, in the order
 * given, and described as GRUB's module2 would: the module's string is NAME,
 * "" without one (the text after the last comma is the NAME unless it holds
 * a '/').  spec/initrd.md INITRD-030 says how the kernel tells the root
 * image ("rootfs") and the initrd ("initrd") apart.
 *
 * Each --disk file becomes the next disk (disk0, disk1, ...) the platform
 * offers the kernel (sim/disk.c, spec/platform-contract.md PLAT-011..PLAT-013).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aegis/test_exit.h"
#include "mb2_build.h"
#include "platform.h"
#include "sim.h"

#define MIB (1ull << 20)
#define MB2_MAGIC 0x36d76289u
#define SIM_MODULES_MAX 8u
#define SIM_MODULE_ALIGN 4096ull
#define SIM_DISK_WHY_MAX 512u

typedef struct {
	const char *path;
	char name[64];
	uint64_t start, end; /* simulated physical, filled by load_modules */
} sim_module_t;

/* The sim reports its own faults; ASan must not take SIGSEGV first. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "handle_segv=0:handle_sigbus=0:handle_sigill=0:handle_sigfpe=0:detect_leaks=1";
}

static void usage(FILE *to)
{
	fprintf(to, "usage: aegis-sim [--cmdline TEXT] [--seed N] [--mem MIB] [--module FILE[,NAME]]... [--input FILE|-]\n"
	            "                 [--disk FILE[,fail-after=K]]... [--mb2-file FILE | --no-mb2]\n");
}

static unsigned long long parse_number(const char *opt, const char *text)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 0);
	if (errno || end == text || *end) {
		fprintf(stderr, "aegis-sim: %s wants a number, got '%s'\n", opt, text);
		exit(2);
	}
	return v;
}

/* "FILE" or "FILE,NAME" (split at the last comma, unless a '/' follows it). */
static void parse_module_arg(const char *arg, sim_module_t *mod)
{
	const char *comma = strrchr(arg, ',');
	mod->name[0] = '\0';
	if (comma == NULL || strchr(comma, '/') != NULL) {
		mod->path = arg;
		return;
	}
	size_t name_len = strlen(comma + 1);
	if (name_len >= sizeof(mod->name)) {
		fprintf(stderr, "aegis-sim: --module name '%s' is longer than %zu bytes\n", comma + 1, sizeof(mod->name) - 1);
		exit(2);
	}
	memcpy(mod->name, comma + 1, name_len + 1);
	mod->path = strndup(arg, (size_t)(comma - arg));
	if (mod->path == NULL) {
		perror("aegis-sim");
		exit(2);
	}
}

/*
 * Copy the module files one after another (each page aligned) into
 * simulated memory from SIM_MODULE_PHYS; together they must fit in half of
 * the simulated memory.
 */
static void load_modules(sim_module_t *mods, size_t count, uint64_t mem_bytes)
{
	uint64_t limit = mem_bytes > 2 * SIM_MODULE_PHYS ? mem_bytes / 2 : 0;
	uint64_t at = SIM_MODULE_PHYS;
	for (size_t i = 0; i < count; i++) {
		FILE *f = fopen(mods[i].path, "rb");
		if (!f) {
			perror(mods[i].path);
			exit(2);
		}
		uint64_t room = limit > at - SIM_MODULE_PHYS ? limit - (at - SIM_MODULE_PHYS) : 0;
		uint8_t *dst = room ? sim_phys_ptr(at, room) : NULL;
		size_t n = dst ? fread(dst, 1, room, f) : 0;
		int more = fgetc(f) != EOF;
		fclose(f);
		if (!dst || more) {
			fprintf(stderr, "aegis-sim: %s does not fit in half of the simulated memory; raise --mem\n",
			        mods[i].path);
			exit(2);
		}
		mods[i].start = at;
		mods[i].end = at + n;
		at = (mods[i].end + SIM_MODULE_ALIGN - 1) & ~(SIM_MODULE_ALIGN - 1);
	}
}

/* Describe the simulated machine the way GRUB would. */
static size_t build_boot_info(const char *cmdline, uint64_t mem_bytes, const sim_module_t *mods, size_t count)
{
	void *dst = sim_phys_ptr(SIM_MB2_INFO_PHYS, SIM_MB2_INFO_MAX);
	mb2_builder_t b;
	mb2_build_begin(&b, dst, SIM_MB2_INFO_MAX);
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, cmdline);
	mb2_build_string_tag(&b, MB2_TAG_LOADER_NAME, "aegis-sim");
	const mb2_build_region_t regions[] = {
		{0, 0x9f000, 1},                  /* conventional memory below the legacy hole */
		{0x9f000, 0x61000, 2},            /* legacy hole: reserved */
		{0x100000, mem_bytes - 0x100000, 1},
	};
	mb2_build_mmap(&b, regions, sizeof(regions) / sizeof(regions[0]));
	for (size_t i = 0; i < count; i++)
		mb2_build_module(&b, (uint32_t)mods[i].start, (uint32_t)mods[i].end, mods[i].name);
	return mb2_build_end(&b);
}

static size_t load_boot_info_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	void *dst = sim_phys_ptr(SIM_MB2_INFO_PHYS, SIM_MB2_INFO_MAX);
	size_t n = fread(dst, 1, SIM_MB2_INFO_MAX, f);
	int more = fgetc(f) != EOF;
	fclose(f);
	if (more) {
		fprintf(stderr, "aegis-sim: %s is larger than the %u bytes the sim reserves for boot info\n", path,
		        SIM_MB2_INFO_MAX);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *cmdline = "";
	const char *mb2_file = NULL;
	static sim_module_t modules[SIM_MODULES_MAX];
	size_t module_count = 0;
	int no_mb2 = 0;
	char why[SIM_DISK_WHY_MAX];
	uint64_t seed = 1;
	uint64_t mem_bytes = SIM_DEFAULT_MEM_BYTES;
	static const struct option opts[] = {
		{"cmdline", required_argument, NULL, 'c'}, {"seed", required_argument, NULL, 's'},
		{"mem", required_argument, NULL, 'm'},     {"mb2-file", required_argument, NULL, 'f'},
		{"no-mb2", no_argument, NULL, 'n'},        {"help", no_argument, NULL, 'h'},
		{"module", required_argument, NULL, 'o'}, {"input", required_argument, NULL, 'i'},
		{"disk", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cmdline = optarg;
			break;
		case 's':
			seed = parse_number("--seed", optarg);
			break;
		case 'm':
			mem_bytes = parse_number("--mem", optarg) * MIB;
			break;
		case 'f':
			mb2_file = optarg;
			break;
		case 'n':
			no_mb2 = 1;
			break;
		case 'o':
			if (module_count == SIM_MODULES_MAX) {
				fprintf(stderr, "aegis-sim: at most %u --module options\n", SIM_MODULES_MAX);
				return 2;
			}
			parse_module_arg(optarg, &modules[module_count++]);
			break;
		case 'i':
			sim_input_set(optarg);
			break;
		case 'd':
			if (sim_disk_add(optarg, why, sizeof(why)) != 0) {
				fprintf(stderr, "aegis-sim: %s\n", why);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || (mb2_file && no_mb2) || (module_count && (mb2_file || no_mb2))) {
		usage(stderr);
		return 2;
	}
	sim_platform_setup(mem_bytes, seed);

	platform_boot_t boot = {0};
	if (!no_mb2) {
		load_modules(modules, module_count, mem_bytes);
		size_t n = mb2_file ? load_boot_info_file(mb2_file)
		                    : build_boot_info(cmdline, mem_bytes, modules, module_count);
		if (!mb2_file && n == 0) {
			fprintf(stderr, "aegis-sim: command line too long for the boot information area\n");
			return 2;
		}
		boot.mb2_magic = MB2_MAGIC;
		boot.mb2_info = sim_phys_ptr(SIM_MB2_INFO_PHYS, SIM_MB2_INFO_MAX);
		boot.mb2_info_phys = SIM_MB2_INFO_PHYS;
	}
	kernel_main(&boot);
}
