/*
 * Reporting for the conformance programs that run inside Aegis (proctest,
 * ttycheck, ...): one line per check on standard output, "ok - ID text",
 * "not ok - ID text: detail" or "skip - ID text: why", counted for the
 * summary line "NAME: P passed, F failed, S skipped".  The test drivers in
 * tests/ turn each line into a TAP result.
 */
#ifndef AEGIS_USER_TCHECK_H
#define AEGIS_USER_TCHECK_H

#include <stdbool.h>

#define TCHECK_DETAIL_MAX 256 /* bytes of a failure's detail */

/* Record one check; fmt and its arguments describe a failure. */
void tcheck(bool ok, const char *id, const char *text, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Record a check that cannot run here, and why. */
void tcheck_skip(const char *id, const char *text, const char *why);

/* Does a getdents64 listing of directory path hold name? (tcheck_dir.c) */
bool tcheck_dir_has(const char *path, const char *name);

/* Print "name: P passed, F failed, S skipped"; true when nothing failed. */
bool tcheck_summary(const char *name);

#endif
