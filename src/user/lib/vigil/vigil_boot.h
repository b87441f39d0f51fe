/*
 * Vigil library: the boot mode and quiet flag from /proc/cmdline, and what
 * they mean for a service (spec/vigil.md VIG-080..082).
 *
 * The kernel parses its own command line (src/kernel/core/cmdline.c); user
 * code cannot link kernel code, so Vigil reads the two words it needs again
 * here, ignoring the kernel's other words.
 */
#ifndef AEGIS_VIGIL_BOOT_H
#define AEGIS_VIGIL_BOOT_H

#include <stdbool.h>
#include <stddef.h>

#include "vigil/vigil_order.h"
#include "vigil/vigil_service.h"

typedef enum {
	VIGIL_BOOT_TEXT,
	VIGIL_BOOT_GRAPHICAL,
} vigil_boot_mode_t;

typedef struct {
	vigil_boot_mode_t mode;
	bool quiet;
} vigil_boot_t;

/* Parse the command line; returns the number of problems reported. */
int vigil_boot_parse(const char *data, size_t len, vigil_boot_t *out, vigil_report_fn report, void *ctx);

/* True if a service of this mode runs in this boot (VIG-081). */
bool vigil_boot_runs(const vigil_boot_t *boot, vigil_mode_t mode);

/* True if the service keeps standard output in this boot (VIG-082). */
bool vigil_boot_keeps_stdout(const vigil_boot_t *boot, const vigil_policy_t *policy);

#endif
