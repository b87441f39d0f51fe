/*
 * The simulated machine a harness that needs the kernel heap starts once
 * per process (fuzz/ext2, fuzz/ext2-write, fuzz/initrd): PMM, VMM, KVA and
 * heap over FZ_MACHINE_BYTES, with the kernel log (written to fd 1 by the
 * sim console) sent to /dev/null while stdio keeps the real standard output
 * for the replay driver's TAP.
 */
#ifndef AEGIS_FUZZ_MACHINE_H
#define AEGIS_FUZZ_MACHINE_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot/bootinfo.h"
#include "mm/kheap.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"
#include "sim.h"

#define FZ_MACHINE_BYTES (64ull << 20)
#define FZ_SEED 20261122ull
#define FZ_INFO_SIZE 4096u

static inline void fz_machine_fail(const char *what)
{
	fprintf(stderr, "fuzz harness: cannot start the machine: %s\n", what);
	abort();
}

static inline void fz_machine(void)
{
	static bool ready;
	if (ready)
		return;
	ready = true;
	fflush(stdout);
	int real = dup(STDOUT_FILENO);
	int null = open("/dev/null", O_WRONLY);
	if (real < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
		fz_machine_fail("cannot move the kernel log away");
	close(null);
	FILE *out = fdopen(real, "w");
	if (out == NULL)
		fz_machine_fail("fdopen");
	setvbuf(out, NULL, _IOLBF, 0);
	stdout = out;
	sim_platform_setup(FZ_MACHINE_BYTES, FZ_SEED);
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	bi.regions[0] = (mem_region_t){0, FZ_MACHINE_BYTES, MEM_REGION_USABLE};
	bi.region_count = 1;
	bi.info_phys = SIM_MB2_INFO_PHYS;
	bi.info_size = FZ_INFO_SIZE;
	if (pmm_init(&bi, platform_layout()) != 0 || vmm_init(&bi) != 0 || kva_init() != 0)
		fz_machine_fail("machine set-up");
	kheap_init();
}

#endif
