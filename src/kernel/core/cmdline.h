/*
 * The kernel command line, parsed once at boot into cmdline_t.
 *
 * Words are separated by spaces.  Recognised:
 *     boot=text | boot=graphical   console mode (default text)
 *     quiet                        kernel messages on serial only
 *     test=boot                    test run: exit PASS once boot completes
 *     test=panic                   test run: force a kernel fault after early init
 *     test=init                    test run: exit PASS when PID 1 exits with 0, FAIL otherwise
 *     init=/absolute/path          the program PID 1 runs (default: see proc/init.c)
 * Anything else is reported with a warning and ignored; a line longer than
 * CMDLINE_MAX-1 bytes is cut there, with a warning.  Other subsystems read
 * the parsed fields (cmdline_get()) or the raw text (for /proc/cmdline), and
 * never parse the string again.
 */
#ifndef AEGIS_KERNEL_CMDLINE_H
#define AEGIS_KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX 512
#define CMDLINE_INIT_MAX 128 /* longest init= path, terminator included */

typedef enum {
	BOOT_MODE_TEXT,
	BOOT_MODE_GRAPHICAL,
} boot_mode_t;

typedef enum {
	TEST_ACTION_NONE,  /* not a test run */
	TEST_ACTION_BOOT,  /* exit PASS when boot completes */
	TEST_ACTION_PANIC, /* force a fault right after the RNG step */
	TEST_ACTION_INIT,  /* exit PASS when PID 1 exits with status 0, FAIL otherwise */
} test_action_t;

typedef struct {
	char raw[CMDLINE_MAX]; /* the text as given (cut at CMDLINE_MAX-1) */
	boot_mode_t boot_mode;
	bool quiet;
	test_action_t test;
	char init_path[CMDLINE_INIT_MAX]; /* init=: "" when not given */
	bool root_disk;                   /* root=disk0: the root's ext2 is the first platform disk */
} cmdline_t;

/* Called once per problem found, with a one-line description. */
typedef void (*cmdline_warn_fn)(const char *message, void *ctx);

/*
 * Parse len bytes at text (need not be terminated; a NUL ends it early) into
 * *out.  text may be NULL.  Returns the number of warnings reported.
 */
int cmdline_parse(const char *text, size_t len, cmdline_t *out, cmdline_warn_fn warn, void *ctx);

/* The line parsed at boot (all defaults before that). */
const cmdline_t *cmdline_get(void);

/* Store the boot-time parse result; called once by kernel_main. */
void cmdline_set(const cmdline_t *parsed);

#endif
