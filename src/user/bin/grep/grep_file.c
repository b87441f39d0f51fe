/*
 * grep's files (spec/coreutils.md CU-408): one operand at a time, standard
 * input for `-`, directories descended (sorted by name) under -r/-R, with
 * the usual prefixes (`name:`, `N:`) and the -c/-l/-L/-q forms.  A file is
 * read whole, up to GREP_FILE_MAX bytes (more is `File too large`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cu/cu_dirlist.h"
#include "cu/cu_msg.h"
#include "cu/cu_slurp.h"
#include "glue/glue.h"
#include "grep.h"

#define GREP_FILE_MAX (64u * 1024 * 1024)
#define GREP_PATH_MAX 4096
#define GREP_STDIN_NAME "(standard input)"
#define GREP_S_IFMT 0170000u
#define GREP_S_IFDIR 0040000u
#define GREP_S_IFLNK 0120000u

static void grep_trouble(grep_t *g, const char *name, long err)
{
	g->trouble = true;
	if (!g->o.no_messages)
		cu_msg_err("grep", err, "%s", name);
}

/* Print or count the selected lines of data; returns how many were selected. */
static size_t grep_lines(grep_t *g, const char *name, char *data, size_t len)
{
	size_t selected = 0, number = 0;

	for (size_t start = 0; start < len;) {
		char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		data[end] = '\0'; /* the slurp buffer has room for the NUL after the last byte */
		number++;
		if (grep_line_matches(g, data + start, end - start) != g->o.invert) {
			selected++;
			if (g->o.quiet || g->o.mode == GREP_FILES_WITH || g->o.mode == GREP_FILES_WITHOUT)
				break;
			if (g->o.mode == GREP_LINES) {
				if (g->show_names)
					cu_out_printf(&g->out, "%s:", name);
				if (g->o.numbers)
					cu_out_printf(&g->out, "%zu:", number);
				cu_out_write(&g->out, data + start, end - start);
				cu_out_char(&g->out, '\n');
			}
		}
		start = end + 1;
	}
	return selected;
}

static void grep_report(grep_t *g, const char *name, size_t selected)
{
	if (selected)
		g->matched = true;
	if (g->o.quiet)
		return;
	if (g->o.mode == GREP_COUNT) {
		if (g->show_names)
			cu_out_printf(&g->out, "%s:", name);
		cu_out_printf(&g->out, "%zu\n", selected);
	} else if ((g->o.mode == GREP_FILES_WITH && selected) || (g->o.mode == GREP_FILES_WITHOUT && !selected)) {
		cu_out_printf(&g->out, "%s\n", name);
	}
}

static void grep_fd(grep_t *g, const char *name, int fd)
{
	cu_slurp_t s = { 0 };
	long r = cu_slurp_fd(&s, fd, GREP_FILE_MAX);

	if (r < 0)
		grep_trouble(g, name, r);
	else
		grep_report(g, name, grep_lines(g, name, s.data, s.len));
	cu_slurp_free(&s);
	if (g->matched && g->o.quiet) {
		cu_out_flush(&g->out);
		sys_exit_group(GREP_EXIT_MATCH);
	}
}

void grep_directory(grep_t *g, const char *path, const char *prefix)
{
	cu_dirlist_t list;
	long r = cu_dirlist_read(&list, path);
	char *child = r == 0 ? malloc(GREP_PATH_MAX) : NULL;

	if (r == 0 && !child)
		r = -ENOMEM;
	if (r < 0) {
		grep_trouble(g, path, r);
		cu_dirlist_free(&list);
		return;
	}
	if (g->o.names == GREP_NAMES_AUTO)
		g->show_names = true; /* names from here on, as GNU once it descends */
	size_t base = strlen(prefix);
	const char *slash = base > 0 && prefix[base - 1] != '/' ? "/" : "";
	for (size_t i = 0; i < list.count; i++) {
		int n = snprintf(child, GREP_PATH_MAX, "%s%s%s", prefix, slash, list.names[i]);
		if (n < 0 || n >= GREP_PATH_MAX)
			grep_trouble(g, list.names[i], -ENAMETOOLONG);
		else
			grep_operand(g, child, false);
	}
	free(child);
	cu_dirlist_free(&list);
}

void grep_operand(grep_t *g, const char *path, bool top)
{
	aegis_stat_t st;

	if (strcmp(path, "-") == 0 && top) {
		grep_fd(g, GREP_STDIN_NAME, CU_STDIN);
		return;
	}
	bool follow = top || g->o.recursive == 'R';
	long r = follow ? sys_stat(path, &st) : sys_lstat(path, &st);
	if (r < 0) {
		grep_trouble(g, path, r);
		return;
	}
	if ((st.st_mode & GREP_S_IFMT) == GREP_S_IFLNK)
		return; /* -r: symbolic links met inside a tree are skipped */
	if ((st.st_mode & GREP_S_IFMT) == GREP_S_IFDIR) {
		if (g->o.recursive)
			grep_directory(g, path, path);
		else
			grep_trouble(g, path, -EISDIR);
		return;
	}
	int fd = (int)sys_open(path, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	if (fd < 0) {
		grep_trouble(g, path, fd);
		return;
	}
	grep_fd(g, path, fd);
	sys_close(fd);
}
