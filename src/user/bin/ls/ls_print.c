/*
 * How ls shows entries (see ls.h): GNU's long format, one name per line, or
 * columns filled top to bottom that fit the terminal width.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu/cu_human.h"
#include "cu/cu_mode.h"
#include "cu/cu_path.h"
#include "cu/cu_time.h"
#include "glue/glue.h"
#include "ident/ident_names.h"
#include "ls.h"

#define LS_COL_GAP 2
#define LS_NUM_TEXT 24
#define LS_SIX_MONTHS (31556952 / 2) /* GNU: half a Gregorian year */
#define LS_BLOCK_HALVES 2             /* 512-byte blocks per KiB */
#define LS_COLS_MAX 256
#define LS_EXEC_BITS 0111u

static ident_db_t ls_db;
static bool ls_db_loaded;
static const ls_opts_t *ls_sort_opts;

static int ls_cmp(const void *a, const void *b)
{
	const ls_entry_t *x = a, *y = b;
	int r = 0;

	if (ls_sort_opts->sort == LS_SORT_TIME) {
		if (x->st.st_mtime_sec != y->st.st_mtime_sec)
			r = x->st.st_mtime_sec > y->st.st_mtime_sec ? -1 : 1;
		else if (x->st.st_mtime_nsec != y->st.st_mtime_nsec)
			r = x->st.st_mtime_nsec > y->st.st_mtime_nsec ? -1 : 1;
	} else if (ls_sort_opts->sort == LS_SORT_SIZE && x->st.st_size != y->st.st_size) {
		r = x->st.st_size > y->st.st_size ? -1 : 1;
	}
	if (r == 0)
		r = strcmp(x->name, y->name);
	return ls_sort_opts->reverse ? -r : r;
}

void ls_sort(const ls_opts_t *o, ls_entry_t *e, size_t n)
{
	ls_sort_opts = o;
	qsort(e, n, sizeof(*e), ls_cmp);
}

static char ls_indicator(const ls_opts_t *o, const aegis_stat_t *st)
{
	if (!o->classify)
		return 0;
	if (cu_mode_is_dir(st->st_mode))
		return '/';
	if (cu_mode_is_link(st->st_mode))
		return '@';
	if ((st->st_mode & 0170000u) == 0010000u)
		return '|';
	if ((st->st_mode & 0170000u) == 0140000u)
		return '=';
	if (cu_mode_is_reg(st->st_mode) && (st->st_mode & LS_EXEC_BITS))
		return '*';
	return 0;
}

static size_t ls_shown_len(const ls_opts_t *o, const ls_entry_t *e, int inode_w)
{
	return strlen(e->name) + (ls_indicator(o, &e->st) != 0) + (o->inode ? (size_t)inode_w + 1 : 0);
}

static void ls_name(const ls_opts_t *o, cu_out_t *out, const ls_entry_t *e, int inode_w)
{
	char ind = ls_indicator(o, &e->st);

	if (o->inode)
		cu_out_printf(out, "%*llu ", inode_w, (unsigned long long)e->st.st_ino);
	cu_out_str(out, e->name);
	if (ind && !(o->long_form && cu_mode_is_link(e->st.st_mode)))
		cu_out_char(out, ind);
}

static int ls_digits(unsigned long long v)
{
	int d = 1;

	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static void ls_size_text(const ls_opts_t *o, uint64_t size, char *text)
{
	if (o->human)
		cu_human_size(size, text);
	else
		snprintf(text, LS_NUM_TEXT, "%llu", (unsigned long long)size);
}

static void ls_ids(const aegis_stat_t *st, char *user, char *group)
{
	if (!ls_db_loaded) {
		ident_db_load(&ls_db);
		ls_db_loaded = true;
	}
	if (!ident_user_name(&ls_db, st->st_uid, user, IDENT_ID_TEXT_MAX))
		snprintf(user, IDENT_ID_TEXT_MAX, "%u", (unsigned)st->st_uid);
	if (!ident_group_name(&ls_db, st->st_gid, group, IDENT_ID_TEXT_MAX))
		snprintf(group, IDENT_ID_TEXT_MAX, "%u", (unsigned)st->st_gid);
}

static void ls_date(const ls_opts_t *o, int64_t t, cu_out_t *out)
{
	civil_time_t c;

	civil_from_epoch(t, &c);
	if (t <= o->now && o->now - t < LS_SIX_MONTHS)
		cu_out_printf(out, "%s %2d %02d:%02d", cu_time_month_abbr(c.month), c.day, c.hour, c.minute);
	else
		cu_out_printf(out, "%s %2d  %lld", cu_time_month_abbr(c.month), c.day, (long long)c.year);
}

static void ls_long(const ls_opts_t *o, cu_out_t *out, const ls_entry_t *e, size_t n, bool with_total, int inode_w)
{
	char user[IDENT_ID_TEXT_MAX], group[IDENT_ID_TEXT_MAX], size[LS_NUM_TEXT], mode[CU_MODE_TEXT];
	static char target[CU_PATH_MAX];
	int lw = 1, uw = 1, gw = 1, sw = 1;
	uint64_t blocks = 0;

	for (size_t i = 0; i < n; i++) {
		ls_ids(&e[i].st, user, group);
		ls_size_text(o, (uint64_t)e[i].st.st_size, size);
		int l = ls_digits(e[i].st.st_nlink), u = (int)strlen(user), g = (int)strlen(group), s = (int)strlen(size);
		lw = l > lw ? l : lw;
		uw = u > uw ? u : uw;
		gw = g > gw ? g : gw;
		sw = s > sw ? s : sw;
		blocks += (uint64_t)e[i].st.st_blocks;
	}
	if (with_total) {
		uint64_t kib = (blocks + 1) / LS_BLOCK_HALVES;
		if (o->human)
			ls_size_text(o, kib * 1024u, size);
		else
			snprintf(size, sizeof(size), "%llu", (unsigned long long)kib);
		cu_out_printf(out, "total %s\n", size);
	}
	for (size_t i = 0; i < n; i++) {
		ls_ids(&e[i].st, user, group);
		ls_size_text(o, (uint64_t)e[i].st.st_size, size);
		cu_mode_text(e[i].st.st_mode, mode);
		if (o->inode)
			cu_out_printf(out, "%*llu ", inode_w, (unsigned long long)e[i].st.st_ino);
		cu_out_printf(out, "%s %*llu %-*s %-*s %*s ", mode, lw, (unsigned long long)e[i].st.st_nlink, uw, user, gw,
			      group, sw, size);
		ls_date(o, (int64_t)e[i].st.st_mtime_sec, out);
		cu_out_char(out, ' ');
		ls_opts_t no_inode = *o;
		no_inode.inode = false;
		ls_name(&no_inode, out, &e[i], 0);
		if (cu_mode_is_link(e[i].st.st_mode)) {
			long len = sys_readlink(e[i].path, target, sizeof(target) - 1);
			if (len >= 0) {
				target[len] = '\0';
				cu_out_printf(out, " -> %s", target);
			}
		}
		cu_out_char(out, '\n');
	}
}

static void ls_columns(const ls_opts_t *o, cu_out_t *out, const ls_entry_t *e, size_t n, int inode_w)
{
	size_t widths[LS_COLS_MAX];
	size_t cols = n < LS_COLS_MAX ? n : LS_COLS_MAX, rows = 1;

	for (; cols > 1; cols--) {
		rows = (n + cols - 1) / cols;
		if ((rows * cols - n) >= rows)
			continue; /* a column would be empty */
		size_t total = 0;
		for (size_t c = 0; c < cols; c++) {
			widths[c] = 0;
			for (size_t r = 0; r < rows && c * rows + r < n; r++) {
				size_t l = ls_shown_len(o, &e[c * rows + r], inode_w);
				widths[c] = l > widths[c] ? l : widths[c];
			}
			total += widths[c] + (c + 1 < cols ? LS_COL_GAP : 0);
		}
		if (total <= o->width)
			break;
	}
	if (cols <= 1) {
		cols = 1;
		rows = n;
	}
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols && c * rows + r < n; c++) {
			const ls_entry_t *x = &e[c * rows + r];
			ls_name(o, out, x, inode_w);
			if (c + 1 < cols && (c + 1) * rows + r < n)
				cu_out_printf(out, "%*s", (int)(widths[c] + LS_COL_GAP - ls_shown_len(o, x, inode_w)), "");
		}
		cu_out_char(out, '\n');
	}
}

void ls_print(const ls_opts_t *o, cu_out_t *out, const ls_entry_t *e, size_t n, bool with_total)
{
	int inode_w = 1;

	for (size_t i = 0; i < n && o->inode; i++) {
		int d = ls_digits(e[i].st.st_ino);
		inode_w = d > inode_w ? d : inode_w;
	}
	if (o->long_form) {
		ls_long(o, out, e, n, with_total, inode_w);
	} else if (o->width && !o->one_per_line) {
		if (n)
			ls_columns(o, out, e, n, inode_w);
	} else {
		for (size_t i = 0; i < n; i++) {
			ls_name(o, out, &e[i], inode_w);
			cu_out_char(out, '\n');
		}
	}
}
