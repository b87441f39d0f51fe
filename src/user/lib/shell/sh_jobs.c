/* The background job table (sh_jobs.h). */
#include "shell/sh_jobs.h"

#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_WAIT_NOHANG 1

long sh_jobs_add(sh_jobs_t *jobs, const int *pids, size_t npids, const char *text, size_t textlen)
{
	int id = 1;
	sh_job_t *slot = NULL;

	for (size_t i = 0; i < SH_JOBS_MAX; i++) {
		if (jobs->job[i].id >= id)
			id = jobs->job[i].id + 1;
		if (jobs->job[i].id == 0 && slot == NULL)
			slot = &jobs->job[i];
	}
	if (slot == NULL)
		return -ENOSPC;
	slot->id = id;
	memcpy(slot->pids, pids, npids * sizeof(pids[0]));
	slot->npids = npids;
	slot->live = npids;
	slot->status = 0;
	if (textlen >= SH_JOB_TEXT_MAX)
		textlen = SH_JOB_TEXT_MAX - 1;
	memcpy(slot->text, text, textlen);
	slot->text[textlen] = '\0';
	return id;
}

static sh_job_t *sh_jobs_owner(sh_jobs_t *jobs, long pid, size_t *index)
{
	for (size_t i = 0; i < SH_JOBS_MAX; i++)
		for (size_t k = 0; jobs->job[i].id != 0 && k < jobs->job[i].npids; k++)
			if (jobs->job[i].pids[k] == pid) {
				*index = k;
				return &jobs->job[i];
			}
	return NULL;
}

void sh_jobs_reap(sh_jobs_t *jobs, int fd, int block)
{
	for (;;) {
		int wstatus = 0;
		long pid = sys_wait4(-1, &wstatus, block ? 0 : SH_WAIT_NOHANG, NULL);
		if (pid == -EINTR)
			continue;
		if (pid <= 0)
			return;
		size_t k = 0;
		sh_job_t *job = sh_jobs_owner(jobs, pid, &k);
		if (job == NULL)
			continue;
		job->live--;
		if (k + 1 == job->npids)
			job->status = sh_status_of_wait(wstatus);
		if (job->live > 0)
			continue;
		if (job->status == 0)
			uio_printf(fd, "[%d] Done %s\n", job->id, job->text);
		else
			uio_printf(fd, "[%d] Exit %d %s\n", job->id, job->status, job->text);
		job->id = 0;
	}
}
