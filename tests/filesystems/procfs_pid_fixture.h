/*
 * Shared set-up for the /proc/<pid> generator tests (spec/filesystems.md
 * FS-080..FS-087): a fresh simulated machine with memory, an empty process
 * table, processes made by proc_alloc as fork would leave them, and helpers
 * that run a generator into a buffer and split its text.
 *
 * Each test program includes this once.
 */
#ifndef AEGIS_TESTS_PROCFS_PID_FIXTURE_H
#define AEGIS_TESTS_PROCFS_PID_FIXTURE_H

#include "user-memory/uvm_fixture.h"

#include <aegis/signal.h>

#include "fs/procfs_pid.h"
#include "proc/proc_cmdline.h"
#include "proc/process.h"
#include "proc/signal_action.h"

#define PP_TEXT_MAX PROCFS_PID_TEXT_MAX
#define PP_FIELDS_MAX 64u

static char pp_text[PP_TEXT_MAX];

static inline void pp_machine(void)
{
	mem_log_capture();
	uvm_machine();
	proc_table_init();
}

/* A process as fork leaves it: child of parent (NULL: PID 1), named after path, default limits and actions. */
static inline process_t *pp_process(process_t *parent, const char *path)
{
	int err = 0;
	process_t *p = proc_alloc(parent, &err);
	assert_non_null(p);
	assert_int_equal(cred_init(&p->cred, 0, 0), 0);
	rlimit_table_init(&p->rlimits);
	signal_actions_init(&p->sig_actions);
	proc_set_name(p, path);
	return p;
}

/* Free a process made by pp_process (its address space too). */
static inline void pp_free(process_t *p)
{
	p->task = NULL;
	if (p->uvm)
		uvm_destroy(p->uvm);
	p->uvm = NULL;
	proc_free_unstarted(p);
}

/* Run gen for p into pp_text (all of it): the length, checked to fit with its NUL. */
static inline size_t pp_run(procfs_pid_gen_t gen, const process_t *p)
{
	memset(pp_text, 0x5A, sizeof(pp_text));
	size_t n = gen(p, pp_text, sizeof(pp_text));
	assert_true(n < sizeof(pp_text));
	assert_int_equal(pp_text[n], '\0');
	return n;
}

/* The value of "Key:\t..." in a status text (up to the newline, into out), or NULL when absent. */
static inline const char *pp_status_value(const char *text, const char *key, char *out, size_t cap)
{
	size_t klen = strlen(key);
	for (const char *line = text; *line; ) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		if (strncmp(line, key, klen) == 0 && line[klen] == ':' && line[klen + 1] == '\t') {
			size_t n = (size_t)(nl - (line + klen + 2));
			assert_true(n < cap);
			memcpy(out, line + klen + 2, n);
			out[n] = '\0';
			return out;
		}
		line = nl + 1;
	}
	return NULL;
}

/* Give p an action for sig: AEGIS_SIG_IGN, AEGIS_SIG_DFL or a handler address. */
static inline void pp_action(process_t *p, int sig, uint64_t handler)
{
	aegis_kernel_sigaction_t act;
	memset(&act, 0, sizeof(act));
	act.handler = handler;
	assert_int_equal(signal_action_set(&p->sig_actions, sig, &act, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
}

/* Give p the argument list argv (count strings). */
static inline void pp_args(process_t *p, const char *const *argv, size_t count)
{
	exec_string_t strs[PP_FIELDS_MAX];
	assert_true(count <= PP_FIELDS_MAX);
	for (size_t i = 0; i < count; i++)
		strs[i] = (exec_string_t){ argv[i], strlen(argv[i]) };
	assert_int_equal(proc_cmdline_set(p, strs, count), 0);
}

#endif
