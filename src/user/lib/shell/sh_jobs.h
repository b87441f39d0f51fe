/*
 * Background jobs (spec/shell.md SH-050..SH-052): pipelines started with
 * '&' (or stopped by Ctrl-Z), announced as "[N] pid" and reaped before each
 * prompt with "[N] Done <command>" or "[N] Exit <status> <command>".
 */
#ifndef AEGIS_SH_JOBS_H
#define AEGIS_SH_JOBS_H

#include <stddef.h>

#include "shell/sh_limits.h"

#define SH_JOB_TEXT_MAX 64

typedef struct {
	int id; /* N in [N]; 0: a free slot */
	int pids[SH_PIPE_MAX];
	size_t npids;
	size_t live;
	int status; /* the last command's status once it ended */
	char text[SH_JOB_TEXT_MAX];
} sh_job_t;

typedef struct {
	sh_job_t job[SH_JOBS_MAX];
} sh_jobs_t;

/* Record a job; returns its number, or -ENOSPC when SH_JOBS_MAX are running. */
long sh_jobs_add(sh_jobs_t *jobs, const int *pids, size_t npids, const char *text, size_t textlen);

/* Reap every ended background process without waiting (block: wait for all) and report finished jobs on fd. */
void sh_jobs_reap(sh_jobs_t *jobs, int fd, int block);

#endif
