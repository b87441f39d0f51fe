/*
 * /bin/sort: sort the lines of files or standard input (spec/coreutils.md
 * CU-409, CU-410) with GNU sort's -r -n -u -f -b -s -k -t -o, comparing
 * bytes (the C locale).  All input is held in memory: at most
 * SORT_INPUT_MAX bytes (more is `sort: <name>: File too large`, status 2).
 * Errors are status 2, as in GNU.
 */
#include <stdlib.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_slurp.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "sort.h"

#define SORT_INPUT_MAX (64u * 1024 * 1024)
#define SORT_OUTPUT_MODE 0666u

static sort_opts_t o = { .tab = -1 };
static cu_slurp_t input;

static int sort_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	switch (opt) {
	case 'r': o.global.reverse = true; break;
	case 'n': o.global.numeric = true; break;
	case 'f': o.global.fold = true; break;
	case 'b': o.global.blanks = true; break;
	case 'u': o.unique = true; break;
	case 's': o.stable = true; break;
	case 'o': o.output = arg; break;
	case 'k': return sort_key_parse(&o, arg) ? 0 : -1;
	case 't':
		if (arg[0] == '\0' || arg[1] != '\0') {
			cu_msg("sort", arg[0] ? "multi-character tab '%s'" : "empty tab%s", arg);
			return -1;
		}
		o.tab = (unsigned char)arg[0];
		break;
	default:
		if (strcmp(arg, "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: sort [-bfnrsu] [-k N[,M]] [-t SEP] [-o FILE] [FILE]...\n");
			sys_exit_group(CU_EXIT_OK);
		}
		return cu_usage_unrecognized("sort", arg);
	}
	return 0;
}

static int sort_cmp(const void *a, const void *b)
{
	return sort_compare(&o, a, b);
}

/* Read one operand into input; false after a message. */
static bool sort_read(const char *name)
{
	bool is_stdin = strcmp(name, "-") == 0;
	int fd = is_stdin ? CU_STDIN : (int)sys_open(name, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	if (fd < 0) {
		cu_msg_err("sort", fd, "cannot read: %s", name);
		return false;
	}
	size_t before = input.len;
	long r = cu_slurp_fd(&input, fd, SORT_INPUT_MAX);
	if (!is_stdin)
		sys_close(fd);
	if (r < 0) {
		cu_msg_err("sort", r, "read failed: %s", is_stdin ? "-" : name);
		return false;
	}
	if (input.len > before && input.data[input.len - 1] != '\n') {
		if (input.len == input.cap) { /* room for the newline and the NUL after it */
			char *bigger = realloc(input.data, input.cap + 2);
			if (!bigger) {
				cu_msg("sort", "memory exhausted");
				return false;
			}
			input.data = bigger;
			input.cap++;
		}
		input.data[input.len++] = '\n'; /* a last line without newline ends at the file's end */
		input.data[input.len] = '\0';
	}
	return true;
}

/* Split input into lines (each ended by '\n'); NULL when memory ran out. */
static sort_line_t *sort_split(size_t *count)
{
	size_t n = 0;
	for (size_t i = 0; i < input.len; i++)
		n += input.data[i] == '\n';
	sort_line_t *lines = malloc((n ? n : 1) * sizeof(*lines));
	if (!lines)
		return NULL;
	size_t start = 0, k = 0;
	for (size_t i = 0; i < input.len; i++) {
		if (input.data[i] != '\n')
			continue;
		lines[k] = (sort_line_t){ input.data + start, i - start, k };
		k++;
		start = i + 1;
	}
	*count = n;
	return lines;
}

static int sort_write(const sort_line_t *lines, size_t n)
{
	cu_out_t out;
	int fd = CU_STDOUT;
	if (o.output) {
		fd = (int)sys_open(o.output, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC | AEGIS_O_CLOEXEC,
				   SORT_OUTPUT_MODE);
		if (fd < 0) {
			cu_msg_err("sort", fd, "open failed: %s", o.output);
			return SORT_EXIT_TROUBLE;
		}
	}
	cu_out_init(&out, fd);
	for (size_t i = 0; i < n; i++) {
		if (o.unique && i > 0 && sort_compare_keys(&o, &lines[i - 1], &lines[i]) == 0)
			continue;
		cu_out_write(&out, lines[i].text, lines[i].len);
		cu_out_char(&out, '\n');
	}
	int status = cu_finish(&out, "sort", CU_EXIT_OK);
	if (o.output)
		sys_close(fd);
	return status == CU_EXIT_OK ? CU_EXIT_OK : SORT_EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
	cu_opt_error_t err;
	size_t count = 0;
	int n = cu_opt_parse(argc, argv, "rnfbuso:k:t:", 0, sort_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("sort", n, &err, SORT_EXIT_TROUBLE);
	if (n == 0)
		argv[++n] = "-";
	for (int i = 1; i <= n; i++)
		if (!sort_read(argv[i]))
			return SORT_EXIT_TROUBLE;
	sort_line_t *lines = sort_split(&count);
	if (!lines) {
		cu_msg("sort", "memory exhausted");
		return SORT_EXIT_TROUBLE;
	}
	qsort(lines, count, sizeof(*lines), sort_cmp);
	int status = sort_write(lines, count);
	free(lines);
	cu_slurp_free(&input);
	return status;
}
