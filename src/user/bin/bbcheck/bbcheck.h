/*
 * bbcheck's cases and runner (see main.c).
 */
#ifndef AEGIS_BBCHECK_H
#define AEGIS_BBCHECK_H

#include <stdbool.h>
#include <stddef.h>

#define BB_PATH "/bin/busybox"
#define BB_OUTPUT_MAX 4096 /* bytes of a case's captured output */
#define BB_DETAIL_MAX 160  /* bytes of output shown in a failure line */
#define BB_ARGS_MAX 8

typedef struct {
	const char *id;   /* requirement, spec/processes.md */
	const char *text; /* what the case shows */
	const char *argv[BB_ARGS_MAX + 1];
	const char *output; /* standard output and error, exactly */
	int code;           /* exit status */
} bb_case_t;

typedef struct {
	int error; /* 0, or -errno from pipe/fork/wait (the case could not run) */
	bool exited;
	int code;
	int signal;
	char output[BB_OUTPUT_MAX + 1];
} bb_result_t;

/* The table of cases. */
const bb_case_t *bb_cases(size_t *count);

/* Whether BB_PATH exists and is executable. */
bool bb_present(void);

/* Run one case: fork, output to a pipe, exec BB_PATH, read everything, wait. */
void bb_run(const bb_case_t *c, bb_result_t *r);

#endif
