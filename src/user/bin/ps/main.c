/*
 * /bin/ps: list the processes of /proc, sorted by PID (spec/coreutils.md
 * CU-416).  Every process is listed with or without -e/-A (Aegis has no
 * per-terminal selection yet).  Columns: by default `PID TTY TIME CMD`;
 * -f `UID PID PPID C STIME TTY TIME CMD` (C is 0, STIME `-`: Aegis keeps
 * no boot time); -o LIST with pid, ppid, user, uid, comm, args, state,
 * tty, time (comma-separated, several -o add up).  TTY is `?` (no tty
 * names yet), TIME the CPU time (utime+stime) as HH:MM:SS.  A process that
 * ends while being read is skipped.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "cu/cu_dirlist.h"
#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "ident/ident_names.h"

#define PS_TEXT_MAX 4096
#define PS_COLUMNS_MAX 16
#define PS_COMM_MAX 64 /* comm is at most 15 bytes (FS-083) */
#define PS_TICKS_PER_SECOND 100
#define PS_SECS_PER_HOUR 3600
#define PS_SECS_PER_MINUTE 60
#define PS_STAT_UTIME 14 /* field numbers of /proc/<pid>/stat, from 1 */
#define PS_STAT_STIME 15

typedef enum { COL_PID, COL_PPID, COL_USER, COL_UID, COL_COMM, COL_ARGS, COL_STATE, COL_TTY, COL_TIME, COL_C,
	       COL_STIME } ps_col_t;

static const struct {
	const char *name, *header;
	int width; /* negative: left-aligned; 0: last, unpadded */
} cols[] = {
	[COL_PID] = { "pid", "PID", 7 },     [COL_PPID] = { "ppid", "PPID", 7 }, [COL_USER] = { "user", "USER", -8 },
	[COL_UID] = { "uid", "UID", -8 },    [COL_COMM] = { "comm", "COMMAND", -15 },
	[COL_ARGS] = { "args", "COMMAND", -27 }, [COL_STATE] = { "state", "S", 1 },
	[COL_TTY] = { "tty", "TTY", -8 },    [COL_TIME] = { "time", "TIME", 8 }, [COL_C] = { "c", "C", 2 },
	[COL_STIME] = { "stime", "STIME", 5 },
};
#define PS_COL_COUNT (sizeof(cols) / sizeof(cols[0]))

typedef struct {
	ps_col_t col[PS_COLUMNS_MAX];
	size_t n;
	bool full;
} ps_opts_t;

typedef struct {
	char comm[PS_COMM_MAX], args[PS_TEXT_MAX], user[PS_TEXT_MAX];
	long ppid, ticks;
	char state;
	unsigned uid;
} ps_proc_t;

static ps_opts_t o;
static ident_db_t db;
static ps_proc_t proc;

static bool ps_add_columns(const char *list)
{
	while (*list) {
		size_t len = strcspn(list, ", "), i;
		for (i = 0; i < PS_COL_COUNT; i++)
			if (strlen(cols[i].name) == len && strncmp(cols[i].name, list, len) == 0)
				break;
		if (i == PS_COL_COUNT || o.n == PS_COLUMNS_MAX) {
			cu_msg("ps", "error: unknown user-defined format specifier \"%.*s\"", (int)len, list);
			cu_usage_try("ps"); /* procps adds the Try line after this one */
			return false;
		}
		o.col[o.n++] = (ps_col_t)i;
		list += len + (list[len] != '\0');
	}
	return true;
}

static int ps_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	if (opt == 'o')
		return ps_add_columns(arg) ? 0 : -1;
	if (opt == 'f')
		o.full = true;
	if (opt == CU_OPT_LONG) {
		if (strcmp(arg, "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: ps [-eAf] [-o pid,ppid,user,uid,comm,args,state,tty,time]\n");
			sys_exit_group(CU_EXIT_OK);
		}
		return cu_usage_unrecognized("ps", arg);
	}
	return 0;
}

/* Read /proc/<pid>/<file> into buf (NUL-terminated); the byte count or -errno. */
static long ps_read(const char *pid, const char *file, char *buf)
{
	char path[PS_TEXT_MAX];
	snprintf(path, sizeof(path), "/proc/%s/%s", pid, file);
	int fd = (int)sys_open(path, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	long len = 0, r = 0;
	if (fd < 0)
		return fd;
	while (len < PS_TEXT_MAX - 1 && (r = sys_read(fd, buf + len, PS_TEXT_MAX - 1 - (size_t)len)) > 0)
		len += r;
	sys_close(fd);
	buf[len] = '\0';
	return r < 0 ? r : len;
}

/* Fill proc from /proc/<pid>/stat, status and cmdline; false when the process is gone. */
static bool ps_load(const char *pid)
{
	static char text[PS_TEXT_MAX];
	if (ps_read(pid, "stat", text) <= 0)
		return false;
	char *open = strchr(text, '('), *close = strrchr(text, ')');
	if (!open || !close || close < open)
		return false;
	int clen = (int)(close - open - 1) < PS_COMM_MAX - 1 ? (int)(close - open - 1) : PS_COMM_MAX - 1;
	snprintf(proc.comm, sizeof(proc.comm), "%.*s", clen, open + 1);
	char *p = close + 2; /* field 3, the state */
	proc.state = *p;
	long fields[PS_STAT_STIME + 1] = { 0 };
	for (int f = 3; f <= PS_STAT_STIME && *p; f++) {
		fields[f] = strtol(p, NULL, 10);
		p += strcspn(p, " ");
		p += *p == ' ';
	}
	proc.ppid = fields[4];
	proc.ticks = fields[PS_STAT_UTIME] + fields[PS_STAT_STIME];
	proc.uid = 0;
	if (ps_read(pid, "status", text) > 0) {
		char *uid = strstr(text, "\nUid:");
		if (uid)
			proc.uid = (unsigned)strtoul(uid + sizeof("\nUid:") - 1, NULL, 10);
	}
	if (!ident_user_name(&db, proc.uid, proc.user, sizeof(proc.user)))
		snprintf(proc.user, sizeof(proc.user), "%u", proc.uid);
	long len = ps_read(pid, "cmdline", proc.args);
	for (long i = 0; i + 1 < len; i++)
		if (proc.args[i] == '\0')
			proc.args[i] = ' ';
	if (len <= 0)
		snprintf(proc.args, sizeof(proc.args), "[%s]", proc.comm);
	return true;
}

/* One cell padded to w (negative: left-aligned; the last left-aligned one unpadded), then a space or newline. */
static void ps_pad(cu_out_t *out, int w, const char *text, bool last)
{
	if (last && w < 0)
		cu_out_str(out, text);
	else
		cu_out_printf(out, "%*s", w, text);
	cu_out_char(out, last ? '\n' : ' ');
}

static void ps_cell(cu_out_t *out, size_t i, const char *pid, bool last)
{
	char text[PS_TEXT_MAX];
	long t = proc.ticks / PS_TICKS_PER_SECOND;
	switch (o.col[i]) {
	case COL_PID: snprintf(text, sizeof(text), "%s", pid); break;
	case COL_PPID: snprintf(text, sizeof(text), "%ld", proc.ppid); break;
	case COL_USER: snprintf(text, sizeof(text), "%s", proc.user); break;
	case COL_UID: snprintf(text, sizeof(text), "%u", proc.uid); break;
	case COL_COMM: snprintf(text, sizeof(text), "%s", proc.comm); break;
	case COL_ARGS: snprintf(text, sizeof(text), "%s", proc.args); break;
	case COL_STATE: snprintf(text, sizeof(text), "%c", proc.state); break;
	case COL_TTY: snprintf(text, sizeof(text), "?"); break;
	case COL_C: snprintf(text, sizeof(text), "0"); break;
	case COL_STIME: snprintf(text, sizeof(text), "-"); break;
	default:
		snprintf(text, sizeof(text), "%02ld:%02ld:%02ld", t / PS_SECS_PER_HOUR,
			 t % PS_SECS_PER_HOUR / PS_SECS_PER_MINUTE, t % PS_SECS_PER_MINUTE);
	}
	int w = cols[o.col[i]].width;
	ps_pad(out, w, text, last);
}

static int ps_pid_cmp(const void *a, const void *b)
{
	long x = strtol(*(char *const *)a, NULL, 10), y = strtol(*(char *const *)b, NULL, 10);
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const ps_col_t plain[] = { COL_PID, COL_TTY, COL_TIME, COL_ARGS };
	static const ps_col_t full[] = { COL_USER, COL_PID, COL_PPID, COL_C, COL_STIME, COL_TTY, COL_TIME, COL_ARGS };
	cu_opt_error_t err;
	cu_dirlist_t list;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "eAfo:", 0, ps_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("ps", n, &err, CU_EXIT_FAIL);
	bool preset = o.n == 0; /* the default and -f formats call the command column CMD */
	if (preset) {
		const ps_col_t *use = o.full ? full : plain;
		o.n = o.full ? sizeof(full) / sizeof(full[0]) : sizeof(plain) / sizeof(plain[0]);
		memcpy(o.col, use, o.n * sizeof(use[0]));
	}
	long r = cu_dirlist_read(&list, "/proc");
	if (r < 0) {
		cu_msg_err("ps", r, "cannot read /proc");
		return CU_EXIT_FAIL;
	}
	ident_db_load(&db);
	size_t k = 0;
	for (size_t i = 0; i < list.count; i++)
		if (list.names[i][strspn(list.names[i], "0123456789")] == '\0')
			list.names[k++] = list.names[i];
	qsort(list.names, k, sizeof(char *), ps_pid_cmp);
	cu_out_init(&out, CU_STDOUT);
	for (size_t i = 0; i < o.n; i++) {
		int w = cols[o.col[i]].width;
		bool last = i + 1 == o.n;
		const char *h = preset && o.col[i] == COL_ARGS ? "CMD"
				: preset && o.col[i] == COL_USER ? "UID" /* -f shows the user's name as UID */
								 : cols[o.col[i]].header;
		ps_pad(&out, w, h, last);
	}
	for (size_t p = 0; p < k; p++) {
		if (!ps_load(list.names[p]))
			continue;
		for (size_t i = 0; i < o.n; i++)
			ps_cell(&out, i, list.names[p], i + 1 == o.n);
	}
	cu_dirlist_free(&list);
	return cu_finish(&out, "ps", CU_EXIT_OK);
}
