/*
 * Kernel command-line parser (see cmdline.h for the language).
 *
 * One pass over the words; each word is matched exactly against a small
 * table, so "boot=textual" or "quietly" are unknown words, not near matches
 * (the original matched substrings).
 */
#include "core/cmdline.h"

#include "core/format.h"
#include "core/kstring.h"

static cmdline_t boot_cmdline;

const cmdline_t *cmdline_get(void)
{
	return &boot_cmdline;
}

void cmdline_set(const cmdline_t *parsed)
{
	boot_cmdline = *parsed;
}

static bool word_is(const char *word, size_t len, const char *literal)
{
	return kstrlen(literal) == len && kmemcmp(word, literal, len) == 0;
}

typedef struct {
	const char *word;
	void (*apply)(cmdline_t *out);
} cmdline_option_t;

static void set_text(cmdline_t *out) { out->boot_mode = BOOT_MODE_TEXT; }
static void set_graphical(cmdline_t *out) { out->boot_mode = BOOT_MODE_GRAPHICAL; }
static void set_quiet(cmdline_t *out) { out->quiet = true; }
static void set_test_boot(cmdline_t *out) { out->test = TEST_ACTION_BOOT; }
static void set_test_panic(cmdline_t *out) { out->test = TEST_ACTION_PANIC; }
static void set_test_init(cmdline_t *out) { out->test = TEST_ACTION_INIT; }
static void set_root_disk(cmdline_t *out) { out->root_disk = true; }

static const cmdline_option_t cmdline_options[] = {
	{"boot=text", set_text},
	{"boot=graphical", set_graphical},
	{"quiet", set_quiet},
	{"test=boot", set_test_boot},
	{"test=panic", set_test_panic},
	{"test=init", set_test_init},
	{"root=disk0", set_root_disk},
};

static void report(cmdline_warn_fn warn, void *ctx, int *count, const char *fmt, const char *word, size_t len)
{
	char msg[128];
	char shown[48];
	size_t n = len < sizeof(shown) - 1 ? len : sizeof(shown) - 1;
	kmemcpy(shown, word, n);
	shown[n] = '\0';
	ksnprintf(msg, sizeof(msg), fmt, shown, n < len ? "..." : "");
	(*count)++;
	if (warn)
		warn(msg, ctx);
}

#define CMDLINE_INIT_PREFIX "init="
#define CMDLINE_INIT_PREFIX_LEN 5u

/* init=/path: an absolute path that fits; anything else is reported and ignored. */
static bool parse_init_word(cmdline_t *out, const char *word, size_t wlen, cmdline_warn_fn warn, void *ctx,
			    int *warnings)
{
	if (wlen < CMDLINE_INIT_PREFIX_LEN || kmemcmp(word, CMDLINE_INIT_PREFIX, CMDLINE_INIT_PREFIX_LEN) != 0)
		return false;
	const char *path = word + CMDLINE_INIT_PREFIX_LEN;
	size_t plen = wlen - CMDLINE_INIT_PREFIX_LEN;
	if (plen == 0 || path[0] != '/' || plen > CMDLINE_INIT_MAX - 1) {
		report(warn, ctx, warnings, "init= needs an absolute path shorter than 128 bytes: '%s%s' ignored", word,
		       wlen);
		return true;
	}
	kmemcpy(out->init_path, path, plen);
	out->init_path[plen] = '\0';
	return true;
}

int cmdline_parse(const char *text, size_t len, cmdline_t *out, cmdline_warn_fn warn, void *ctx)
{
	int warnings = 0;
	kmemset(out, 0, sizeof(*out));
	out->boot_mode = BOOT_MODE_TEXT;
	if (!text)
		len = 0;
	len = kstrnlen(text ? text : "", len);
	if (len > CMDLINE_MAX - 1) {
		char msg[96];
		ksnprintf(msg, sizeof(msg), "command line of %zu bytes cut to %u", len, CMDLINE_MAX - 1);
		warnings++;
		if (warn)
			warn(msg, ctx);
		len = CMDLINE_MAX - 1;
	}
	if (len)
		kmemcpy(out->raw, text, len);
	out->raw[len] = '\0';

	size_t i = 0;
	while (i < len) {
		while (i < len && out->raw[i] == ' ')
			i++;
		size_t start = i;
		while (i < len && out->raw[i] != ' ')
			i++;
		if (i == start)
			break;
		const char *word = out->raw + start;
		size_t wlen = i - start;
		bool known = false;
		for (size_t k = 0; k < sizeof(cmdline_options) / sizeof(cmdline_options[0]); k++) {
			if (word_is(word, wlen, cmdline_options[k].word)) {
				cmdline_options[k].apply(out);
				known = true;
				break;
			}
		}
		if (!known)
			known = parse_init_word(out, word, wlen, warn, ctx, &warnings);
		if (!known)
			report(warn, ctx, &warnings, "unknown option '%s%s' ignored", word, wlen);
	}
	return warnings;
}
