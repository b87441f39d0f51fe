/*
 * Vigil library: boot mode, quiet, and mode filtering (spec/vigil.md
 * VIG-080..082).  Words are split on blanks only; a NUL ends the line.
 */
#include <string.h>

#include "vigil/vigil_boot.h"
#include "vigil/vigil_msg.h"
#include "vigil/vigil_words.h"

#define BOOT_KEY "boot="
#define BOOT_SHOWN_MAX 40

static bool boot_word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

static void boot_report(int *problems, vigil_report_fn report, void *ctx, const char *line)
{
	(*problems)++;
	if (report != NULL)
		report(line, ctx);
}

static void boot_word(const char *w, size_t n, vigil_boot_t *out, int *problems,
		      vigil_report_fn report, void *ctx)
{
	size_t key = strlen(BOOT_KEY);
	char line[VIGIL_MSG_MAX];

	if (boot_word_is(w, n, "quiet")) {
		out->quiet = true;
		return;
	}
	if (n < key || memcmp(w, BOOT_KEY, key) != 0)
		return;
	if (boot_word_is(w + key, n - key, "text"))
		out->mode = VIGIL_BOOT_TEXT;
	else if (boot_word_is(w + key, n - key, "graphical"))
		out->mode = VIGIL_BOOT_GRAPHICAL;
	else {
		vigil_msg_set(line, "unknown boot mode '%.*s' on the command line; ignored",
			      (int)(n - key < BOOT_SHOWN_MAX ? n - key : BOOT_SHOWN_MAX), w + key);
		boot_report(problems, report, ctx, line);
	}
}

int vigil_boot_parse(const char *data, size_t len, vigil_boot_t *out, vigil_report_fn report, void *ctx)
{
	int problems = 0;
	size_t end = 0, pos = 0;

	out->mode = VIGIL_BOOT_TEXT;
	out->quiet = false;
	if (data == NULL)
		return 0;
	while (end < len && end < VIGIL_CMDLINE_MAX && data[end] != '\0')
		end++;
	if (end == VIGIL_CMDLINE_MAX && len > VIGIL_CMDLINE_MAX && data[end] != '\0') {
		char line[VIGIL_MSG_MAX];
		vigil_msg_set(line, "command line longer than %d bytes; the rest is ignored",
			      VIGIL_CMDLINE_MAX);
		boot_report(&problems, report, ctx, line);
	}
	while (pos < end) {
		while (pos < end && vigil_is_blank((unsigned char)data[pos]))
			pos++;
		size_t start = pos;
		while (pos < end && !vigil_is_blank((unsigned char)data[pos]))
			pos++;
		if (pos > start)
			boot_word(data + start, pos - start, out, &problems, report, ctx);
	}
	return problems;
}

bool vigil_boot_runs(const vigil_boot_t *boot, vigil_mode_t mode)
{
	if (mode == VIGIL_MODE_BOTH)
		return true;
	if (mode == VIGIL_MODE_TEXT)
		return boot->mode == VIGIL_BOOT_TEXT;
	return boot->mode == VIGIL_BOOT_GRAPHICAL;
}

bool vigil_boot_keeps_stdout(const vigil_boot_t *boot, const vigil_policy_t *policy)
{
	return !boot->quiet || policy->console;
}
