/*
 * Loading the service definitions (spec/vigil.md VIG-100, VIG-103, VIG-107):
 * list /etc/vigil/services/, read each entry's five files (never more than
 * one byte past VIGIL_FILE_MAX), let the library judge them, resolve the
 * user, and keep the services that pass.  Every rejection is one log line
 * and skips only that service.  Also reads the boot mode (VIG-102).
 */
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "vigil.h"
#include "vigil/vigil_words.h"

#define VIGIL_PROC_CMDLINE "/proc/cmdline"
#define VIGIL_DIRENT_BUF 2048
#define VIGIL_SHOWN_NAME_MAX 40 /* bytes of an invalid entry name quoted in the log */
#define VIGIL_FILE_COUNT 5
#define VIGIL_ACCESS_X 1
#define VIGIL_REASON_MAX 128

/* One buffer per service file, each one byte larger than the bound. */
static char file_bufs[VIGIL_FILE_COUNT][VIGIL_FILE_MAX + 1];
static const char *const FILE_NAMES[VIGIL_FILE_COUNT] = { "run", "policy", "mode", "user", "after" };

void vigil_boot_read(vigil_boot_t *boot)
{
	static char cmdline[VIGIL_CMDLINE_MAX + 1];
	size_t len = 0;
	int r = vigil_read_file(VIGIL_PROC_CMDLINE, cmdline, sizeof(cmdline), &len);
	if (r != 0) {
		vigil_log("cannot read %s (error %d); booting in text mode", VIGIL_PROC_CMDLINE, r);
		len = 0;
	}
	(void)vigil_boot_parse(cmdline, len, boot, vigil_log_report, NULL);
	vigil_log("boot mode: %s%s", boot->mode == VIGIL_BOOT_GRAPHICAL ? "graphical" : "text",
		  boot->quiet ? " (quiet)" : "");
}

/* An entry name made printable for the log: other bytes become '?'. */
static void shown_name(const char *name, char out[VIGIL_SHOWN_NAME_MAX + 1])
{
	size_t i = 0;
	for (; name[i] && i < VIGIL_SHOWN_NAME_MAX; i++)
		out[i] = (name[i] > ' ' && name[i] < 0x7f) ? name[i] : '?';
	out[i] = '\0';
}

/* Read one file of a service into slot; 0 with present set, or -errno other than ENOENT. */
static int read_one(const char *name, int slot, vigil_file_t *f)
{
	char path[VIGIL_PATH_MAX];
	(void)snprintf(path, sizeof(path), "%s/%s/%s", VIGIL_SERVICES_DIR, name, FILE_NAMES[slot]);
	size_t len = 0;
	int r = vigil_read_file(path, file_bufs[slot], sizeof(file_bufs[slot]), &len);
	f->present = r == 0;
	f->data = file_bufs[slot];
	f->len = len;
	return r == -ENOENT ? 0 : r;
}

/* Unit i, emptied and tied to service slot i. */
static vigil_unit_t *unit_reset(vigil_t *v, size_t i)
{
	vigil_unit_t *u = &v->units[i];
	memset(u, 0, sizeof(*u));
	u->svc = &v->services[i];
	u->state = UNIT_IDLE;
	return u;
}

/* Load one directory entry into the next unit, or log why not. */
static void load_entry(vigil_t *v, const char *name)
{
	char msg[VIGIL_MSG_MAX];
	size_t name_len = strlen(name);
	if (!vigil_name_valid(name, name_len)) {
		char shown[VIGIL_SHOWN_NAME_MAX + 1];
		shown_name(name, shown);
		vigil_log("'%s' in %s is not a valid service name; skipped", shown, VIGIL_SERVICES_DIR);
		return;
	}
	if (v->count == VIGIL_SERVICES_MAX) {
		vigil_log("service '%s': more than %d services; skipped", name, VIGIL_SERVICES_MAX);
		return;
	}
	vigil_service_files_t files;
	vigil_file_t *slots[VIGIL_FILE_COUNT] = { &files.run, &files.policy, &files.mode, &files.user, &files.after };
	for (int i = 0; i < VIGIL_FILE_COUNT; i++) {
		int r = read_one(name, i, slots[i]);
		if (r != 0) {
			vigil_log("service '%s': %s: cannot read (error %d); skipped", name, FILE_NAMES[i], r);
			return;
		}
	}
	vigil_unit_t *u = unit_reset(v, v->count);
	if (vigil_service_load(name, name_len, &files, u->svc, msg) != 0) {
		vigil_log("%s; skipped", msg);
		return;
	}
	char reason[VIGIL_REASON_MAX];
	if (vigil_ident_resolve(u->svc->user, &u->ident, reason, sizeof(reason)) != 0) {
		vigil_log("service '%s': user: %s; skipped", name, reason);
		return;
	}
	v->count++;
}

void vigil_load_all(vigil_t *v)
{
	static char dents[VIGIL_DIRENT_BUF];
	v->count = 0;
	long fd = sys_open(VIGIL_SERVICES_DIR, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY | AEGIS_O_CLOEXEC, 0);
	if (fd < 0) {
		vigil_log("cannot open %s (error %ld)", VIGIL_SERVICES_DIR, fd);
		return;
	}
	for (;;) {
		long n = sys_getdents64((int)fd, dents, sizeof(dents));
		if (n < 0)
			vigil_log("cannot list %s (error %ld)", VIGIL_SERVICES_DIR, n);
		if (n <= 0)
			break;
		for (long at = 0; at < n;) {
			const aegis_dirent64_t *d = (const aegis_dirent64_t *)(dents + at);
			if (d->d_reclen == 0)
				break;
			if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
				load_entry(v, d->d_name);
			at += d->d_reclen;
		}
	}
	(void)sys_close((int)fd);
}

void vigil_add_getty(vigil_t *v)
{
	static const char run[] = VIGIL_GETTY_PROGRAM;
	char msg[VIGIL_MSG_MAX];
	if (sys_access(VIGIL_GETTY_PROGRAM, VIGIL_ACCESS_X) != 0) {
		vigil_log("no services and no %s: nothing to run", VIGIL_GETTY_PROGRAM);
		return;
	}
	vigil_service_files_t files;
	memset(&files, 0, sizeof(files));
	files.run = (vigil_file_t){ true, run, sizeof(run) - 1 };
	vigil_unit_t *u = unit_reset(v, 0);
	if (vigil_service_load(VIGIL_GETTY_NAME, strlen(VIGIL_GETTY_NAME), &files, u->svc, msg) != 0) {
		vigil_log("%s", msg);
		return;
	}
	u->svc->policy.console = true; /* the login prompt stays on the console in quiet mode */
	vigil_log("no services, starting the built-in getty (%s)", VIGIL_GETTY_PROGRAM);
	v->count = 1;
}
