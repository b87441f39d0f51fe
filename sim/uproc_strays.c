/*
 * Host children of the sim that no handle owns: descendants of user
 * processes re-parented to us (we are their subreaper) when their parent died
 * in the middle of a fork, or a host fork a program made behind the glue's
 * back.  The kernel calls uproc_reap_strays() with a predicate naming the
 * host pids its handles own; every other child is killed and reaped, so no
 * zombie and no runaway process outlives the run.
 *
 * Children are listed from /proc/self/task/<tid>/children (every thread's).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "uproc_internal.h"

/* Longest /proc path we build, and the read size for one children file. */
#define STRAYS_PATH_MAX 64
#define STRAYS_LIST_MAX 4096

/* Kill and reap the unknown children listed in one task's children file. */
static int strays_reap_task(const char *tid, uproc_known_fn known, void *ctx)
{
	char path[STRAYS_PATH_MAX];
	char list[STRAYS_LIST_MAX + 1];
	int n = snprintf(path, sizeof(path), "/proc/self/task/%s/children", tid);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	size_t len = fread(list, 1, STRAYS_LIST_MAX, f);
	fclose(f);
	list[len] = '\0';
	int reaped = 0;
	for (char *p = list, *end; *p; p = end) {
		long pid = strtol(p, &end, 10);
		if (end == p)
			break;
		if (pid <= 0 || (known && known((pid_t)pid, ctx)))
			continue;
		kill((pid_t)pid, SIGKILL);
		while (waitpid((pid_t)pid, NULL, 0) < 0 && errno == EINTR)
			;
		reaped++;
	}
	return reaped;
}

int uproc_reap_strays(uproc_known_fn known, void *ctx)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return -errno;
	int total = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		int r = strays_reap_task(e->d_name, known, ctx);
		if (r < 0) {
			closedir(d);
			return r;
		}
		total += r;
	}
	closedir(d);
	return total;
}
