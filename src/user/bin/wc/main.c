/*
 * /bin/wc: count lines, words and bytes, like GNU wc (spec/coreutils.md CU-360).
 *
 *   wc [-clmw] [FILE]...       (no FILE, or "-": standard input)
 *
 * Columns in the order lines, words, characters, bytes; a `total` line with
 * several files; GNU's width rule: the digits of the sum of the regular
 * files' sizes, at least 7 when an input is not a regular file, and 1 when
 * only one number of one input is printed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "wc"
#define WC_BUF 65536
#define WC_WIDTH_NOT_REGULAR 7
#define WC_DECIMAL 10u
#define USAGE \
	"Usage: wc [OPTION]... [FILE]...\n" \
	"Print newline, word, and byte counts for each FILE, and a total line if more than one FILE is specified.\n" \
	"  -c  print the byte counts       -m  print the character counts\n" \
	"  -l  print the newline counts    -w  print the word counts\n"

typedef struct {
	bool lines, words, chars, bytes, help;
} wc_opts_t;

typedef struct {
	uint64_t lines, words, chars, bytes;
} wc_counts_t;

static int wc_opt(void *ctx, int opt, const char *arg)
{
	wc_opts_t *o = ctx;

	switch (opt) {
	case 'l': o->lines = true; return 0;
	case 'w': o->words = true; return 0;
	case 'm': o->chars = true; return 0;
	case 'c': o->bytes = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool wc_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static long wc_count(int fd, wc_counts_t *c)
{
	static char buf[WC_BUF];
	bool in_word = false;
	long n;

	memset(c, 0, sizeof(*c));
	while ((n = sys_read(fd, buf, sizeof(buf))) > 0 || n == -EINTR) {
		for (long i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)buf[i];
			c->lines += ch == '\n';
			if (wc_space(ch))
				in_word = false;
			else if (!in_word) {
				in_word = true;
				c->words++;
			}
		}
		if (n > 0)
			c->bytes += (uint64_t)n;
	}
	c->chars = c->bytes; /* the C locale: a character is a byte */
	return n < 0 ? n : 0;
}

static void wc_print(cu_out_t *out, const wc_opts_t *o, const wc_counts_t *c, int width, const char *name)
{
	const uint64_t values[] = {c->lines, c->words, c->chars, c->bytes};
	const bool shown[] = {o->lines, o->words, o->chars, o->bytes};
	const char *sep = "";

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		if (!shown[i])
			continue;
		cu_out_printf(out, "%s%*llu", sep, width, (unsigned long long)values[i]);
		sep = " ";
	}
	if (name)
		cu_out_printf(out, " %s", name);
	cu_out_char(out, '\n');
}

static int wc_width(char **names, int n, int shown)
{
	uint64_t regular = 0;
	int width = 1, minimum = 1;
	aegis_stat_t st;

	if (shown == 1 && n <= 1)
		return 1;
	for (int i = 0; i < n; i++) {
		long r = strcmp(names[i], "-") == 0 ? sys_fstat(CU_STDIN, &st) : sys_stat(names[i], &st);
		if (r < 0)
			continue;
		if (cu_mode_is_reg(st.st_mode))
			regular += (uint64_t)st.st_size;
		else
			minimum = WC_WIDTH_NOT_REGULAR;
	}
	for (; regular >= WC_DECIMAL; regular /= WC_DECIMAL)
		width++;
	return width < minimum ? minimum : width;
}

int main(int argc, char **argv)
{
	static char *stdin_only[] = {"-"};
	wc_opts_t o = {0};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "lwmc", 0, wc_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (!o.lines && !o.words && !o.chars && !o.bytes)
		o.lines = o.words = o.bytes = true;
	char **names = n ? argv + 1 : stdin_only;
	int count = n ? n : 1;
	int width = wc_width(names, count, o.lines + o.words + o.chars + o.bytes);
	wc_counts_t total = {0}, c;
	cu_out_t out;
	int status = CU_EXIT_OK;
	cu_out_init(&out, CU_STDOUT);
	for (int i = 0; i < count; i++) {
		bool is_stdin = strcmp(names[i], "-") == 0;
		long fd = is_stdin ? CU_STDIN : sys_open(names[i], AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
		long r = fd < 0 ? fd : wc_count((int)fd, &c);
		if (fd >= 0 && !is_stdin)
			sys_close((int)fd);
		if (r < 0) {
			cu_out_flush(&out);
			cu_msg_err(PROG, r, "%s", names[i]);
			status = CU_EXIT_FAIL;
			if (fd < 0)
				continue;
		}
		total.lines += c.lines;
		total.words += c.words;
		total.chars += c.chars;
		total.bytes += c.bytes;
		wc_print(&out, &o, &c, width, n ? names[i] : NULL);
	}
	if (count > 1)
		wc_print(&out, &o, &total, width, "total");
	long w = cu_out_flush(&out);
	if (w < 0) {
		cu_msg_err(PROG, w, "write error");
		status = CU_EXIT_FAIL;
	}
	return status;
}
