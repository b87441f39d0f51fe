/*
 * idcheck: the identity programs and initgroups checked inside Aegis on both
 * builds (spec/credentials.md CRED-109).  PID 1 gets SETUID(W) from the
 * test's policy (/etc/aegis/caps.d/idcheck); a forked child uses it for
 * initgroups and the groups of a process with supplementary groups.  Then
 * the copy /test/ids/idcheck, which no policy matches, runs as "idcheck
 * plain" (uid 0, gid 0, no groups, no SETUID) and runs /bin/id, /bin/groups,
 * /bin/whoami and set-ID copies of them from /test/ids/, comparing their
 * output with the spec's.
 */
#ifndef IDCHECK_H
#define IDCHECK_H

#include <stdbool.h>

#define IC_OUTPUT_MAX 4096
#define IC_ARGS_MAX 4

/* One program run: what it printed on each stream and how it ended. */
typedef struct {
	char out[IC_OUTPUT_MAX];
	char err[IC_OUTPUT_MAX];
	int code;   /* exit status, or -1 when it did not exit normally */
	long error; /* -errno of pipe, fork or wait; 0 when it ran */
} ic_result_t;

/* One expected run: argv (program path first, NULL-terminated), stdout, exit status, a stderr fragment. */
typedef struct {
	const char *id;
	const char *argv[IC_ARGS_MAX + 2];
	const char *out;
	int code;
	const char *err; /* NULL: stderr must be empty */
} ic_case_t;

void ic_run(const char *const *argv, ic_result_t *r);
/* Run c and report it as one check. */
void ic_check(const ic_case_t *c);

/* The unprivileged cases (ic_cases.c) and the privileged side (ic_priv.c). */
void ic_run_cases(void);
int ic_priv_main(void);

#endif
