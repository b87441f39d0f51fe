/*
 * Helpers for the sim-process tests, which play the kernel's part: find and
 * load the test programs built by mk/simproc.mk, and check that a test left
 * no host child and no descriptor behind (SIMP-050).
 */
#ifndef UPROC_TEST_H
#define UPROC_TEST_H

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uproc.h"
#include "sim-process/progs/uprog.h"

/* Biggest test program we load (an ASan build is a few MiB). */
#define UT_IMAGE_MAX (64u << 20)

typedef struct {
	void *bytes;
	size_t len;
} ut_image_t;

/* $(BUILD)/sim-progs/<name>: from AEGIS_BUILD, else relative to this test binary. */
static inline void ut_prog_path(const char *name, char *out, size_t cap)
{
	const char *build = getenv("AEGIS_BUILD");
	int n;
	if (build) {
		n = snprintf(out, cap, "%s/sim-progs/%s", build, name);
		assert_true(n > 0 && (size_t)n < cap);
		return;
	}
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(len > 0);
	exe[len] = '\0';
	/* the binary is $(BUILD)/tests/sim-process/test_x */
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(exe, '/');
		assert_non_null(slash);
		*slash = '\0';
	}
	n = snprintf(out, cap, "%s/sim-progs/%s", exe, name);
	assert_true(n > 0 && (size_t)n < cap);
}

static inline ut_image_t ut_load(const char *name)
{
	char path[PATH_MAX];
	ut_prog_path(name, path, sizeof(path));
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (built by mk/simproc.mk): %s", path, strerror(errno));
	ut_image_t img = {malloc(UT_IMAGE_MAX), 0};
	assert_non_null(img.bytes);
	img.len = fread(img.bytes, 1, UT_IMAGE_MAX, f);
	assert_true(img.len > 0 && img.len < UT_IMAGE_MAX);
	fclose(f);
	return img;
}

static inline void ut_free(ut_image_t *img)
{
	free(img->bytes);
	img->bytes = NULL;
}

static inline int ut_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* SIMP-050: nothing left: no host child of any kind, same descriptor count. */
static inline void ut_assert_clean(int fds_before)
{
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	assert_int_equal(ut_count_fds(), fds_before);
}

/* After each test, even a failed one: end every host child so the next test starts clean. */
static inline int ut_teardown(void **state)
{
	(void)state;
	return uproc_reap_strays(NULL, NULL) < 0;
}

/* Spawn name with argv {name, arg (if any)} and an empty environment; asserts success. */
static inline void ut_spawn(uproc_t *p, const char *name, const char *arg)
{
	ut_image_t img = ut_load(name);
	char *argv[] = {(char *)name, (char *)arg, NULL};
	char *envp[] = {NULL};
	assert_int_equal(uproc_spawn(p, img.bytes, img.len, argv, envp), 0);
	ut_free(&img);
	assert_true(p->host_pid > 0);
	assert_true(p->awaiting_reply);
}

/* Wait for the next system call of p and check its number. */
static inline uproc_event_t ut_expect_call(uproc_t *p, long nr)
{
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(p, &ev), 0);
	if (ev.kind != UPROC_EV_SYSCALL)
		fail_msg("process %d died (status 0x%x, %s) while system call %ld was expected", (int)p->host_pid,
		         ev.host_status, ev.why ? ev.why : "no reason", nr);
	assert_int_equal(ev.nr, nr);
	return ev;
}

/* Reply EXIT to an exit_group call and check the host exit status. */
static inline void ut_expect_exit(uproc_t *p, int want)
{
	uproc_event_t ev = ut_expect_call(p, SYS_exit_group);
	assert_int_equal(uproc_reply_exit(p, (int)ev.args[0]), 0);
	assert_true(p->dead);
	assert_true(WIFEXITED(p->host_status));
	assert_int_equal(WEXITSTATUS(p->host_status), want);
	uproc_release(p);
}

#endif
