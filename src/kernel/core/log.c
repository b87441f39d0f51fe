/*
 * Kernel logging (see log.h).  Every line is formatted into one stack buffer
 * and handed to the platform in one write, so lines from different contexts
 * never interleave mid-line on a single CPU.
 */
#include "core/log.h"

#include <stdarg.h>

#include "core/format.h"
#include "core/kstring.h"

static bool screen_quiet;

void log_set_screen_quiet(bool quiet)
{
	screen_quiet = quiet;
}

static void log_emit(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	size_t want = kvsnprintf(line, sizeof(line), fmt, ap);
	size_t len = kstrlen(line);
	if (want >= sizeof(line)) {
		/* Truncated: say so visibly and keep the line ending. */
		kmemcpy(line + sizeof(line) - 5, "...\n", 4);
		len = sizeof(line) - 1;
	}
	unsigned long irq = platform_irq_save();
	platform_serial_write(line, len);
	if (!screen_quiet)
		platform_screen_write(line, len);
	platform_irq_restore(irq);
}

void printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_emit(fmt, ap);
	va_end(ap);
}

static const char *mark_word(mark_status_t status)
{
	switch (status) {
	case MARK_OK:
		return "OK";
	case MARK_WARN:
		return "WARN";
	case MARK_FAIL:
		return "FAIL";
	case MARK_SKIP:
		return "SKIP";
	}
	return "FAIL";
}

void boot_mark(const char *subsys, mark_status_t status, const char *fmt, ...)
{
	char detail[LOG_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printk("[%s] %s: %s\n", subsys, mark_word(status), detail);
}

void boot_mark_platform(const char *subsys, platform_result_t result)
{
	static const mark_status_t from_platform[] = {
		[PLATFORM_OK] = MARK_OK,
		[PLATFORM_WARN] = MARK_WARN,
		[PLATFORM_FAIL] = MARK_FAIL,
		[PLATFORM_ABSENT] = MARK_SKIP,
	};
	mark_status_t status = MARK_FAIL;
	if ((unsigned)result.status < sizeof(from_platform) / sizeof(from_platform[0]))
		status = from_platform[result.status];
	boot_mark(subsys, status, "%s", result.detail ? result.detail : "(no detail)");
}
