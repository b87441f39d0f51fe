/*
 * aegis-sim: boot the Aegis kernel as a Linux host process.
 *
 *     aegis-sim [--cmdline "..."] [--seed N] [--mem MIB] [--module FILE]
 *               [--mb2-file FILE | --no-mb2]
 *
 * Builds a simulated machine (sim_platform_setup), writes a Multiboot2
 * information structure describing it into the simulated physical memory (and
 * the --module file, as GRUB's module2 would: the first module is the root
 * file system image) or
 * copies FILE there verbatim, to feed the kernel malformed boot information),
 * and calls the same kernel_main the x86_64 build calls.  The console is
 * standard output.  Exit status: whatever the kernel's end is (see
 * include/aegis/test_exit.h for test runs), 2 for bad usage.
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

/* The sim reports its own faults; ASan must not take SIGSEGV first. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "handle_segv=0:handle_sigbus=0:handle_sigill=0:handle_sigfpe=0:detect_leaks=1";
}

static void usage(FILE *to)
{
	fprintf(to, "usage: aegis-sim [--cmdline TEXT] [--seed N] [--mem MIB] [--module FILE] [--mb2-file FILE | --no-mb2]\n");
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

/* Copy a module file into simulated memory at SIM_MODULE_PHYS; returns its size. */
static uint64_t load_module(const char *path, uint64_t mem_bytes)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	uint64_t room = mem_bytes > 2 * SIM_MODULE_PHYS ? mem_bytes / 2 : 0;
	uint8_t *dst = room ? sim_phys_ptr(SIM_MODULE_PHYS, room) : NULL;
	size_t n = dst ? fread(dst, 1, room, f) : 0;
	int more = fgetc(f) != EOF;
	fclose(f);
	if (!dst || more) {
		fprintf(stderr, "aegis-sim: %s does not fit in half of the simulated memory; raise --mem\n", path);
		exit(2);
	}
	return n;
}

/* Describe the simulated machine the way GRUB would. */
static size_t build_boot_info(const char *cmdline, uint64_t mem_bytes, uint64_t module_bytes)
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
	if (module_bytes)
		mb2_build_module(&b, (uint32_t)SIM_MODULE_PHYS, (uint32_t)(SIM_MODULE_PHYS + module_bytes), "rootfs");
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
	const char *module_file = NULL;
	int no_mb2 = 0;
	uint64_t seed = 1;
	uint64_t mem_bytes = SIM_DEFAULT_MEM_BYTES;
	static const struct option opts[] = {
		{"cmdline", required_argument, NULL, 'c'}, {"seed", required_argument, NULL, 's'},
		{"mem", required_argument, NULL, 'm'},     {"mb2-file", required_argument, NULL, 'f'},
		{"no-mb2", no_argument, NULL, 'n'},        {"help", no_argument, NULL, 'h'},
		{"module", required_argument, NULL, 'o'},
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
			module_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || (mb2_file && no_mb2) || (module_file && (mb2_file || no_mb2))) {
		usage(stderr);
		return 2;
	}
	sim_platform_setup(mem_bytes, seed);

	platform_boot_t boot = {0};
	if (!no_mb2) {
		uint64_t module_bytes = module_file ? load_module(module_file, mem_bytes) : 0;
		size_t n = mb2_file ? load_boot_info_file(mb2_file) : build_boot_info(cmdline, mem_bytes, module_bytes);
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
