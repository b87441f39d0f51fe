/*
 * Kernel logging: printk to the serial console (always) and the screen
 * (unless the command line says quiet), plus the boot-marker format.
 *
 * Boot markers are the lines the boot-order tests read:
 *     [SUBSYS] OK: detail      the step worked
 *     [SUBSYS] WARN: detail    it worked with reduced protection or function
 *     [SUBSYS] FAIL: detail    it failed; boot continues where it can
 *     [SUBSYS] SKIP: detail    this platform has no such thing
 * spec/boot-order.md (BOOT-0xx) fixes the subsystems, order and texts.
 */
#ifndef AEGIS_KERNEL_LOG_H
#define AEGIS_KERNEL_LOG_H

#include <stdbool.h>

#include "platform.h"

/* Longest single log line, terminator included; longer lines are cut and end in "...". */
#define LOG_LINE_MAX 256

__attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...);

/* Route printk away from the screen (serial keeps everything). */
void log_set_screen_quiet(bool quiet);

typedef enum {
	MARK_OK,
	MARK_WARN,
	MARK_FAIL,
	MARK_SKIP,
} mark_status_t;

__attribute__((format(printf, 3, 4))) void boot_mark(const char *subsys, mark_status_t status, const char *fmt, ...);

/* Print the marker for a platform init step's result. */
void boot_mark_platform(const char *subsys, platform_result_t result);

#endif
