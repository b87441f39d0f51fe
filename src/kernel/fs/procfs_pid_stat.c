/*
 * /proc/<pid>/stat (spec/filesystems.md FS-083): Linux's one line of 52
 * fields, the ones Aegis does not track as 0, in the order of proc(5).
 */
#include "fs/procfs_pid.h"

#include <aegis/signal.h>

#include "core/kstring.h"
#include "fs/procfs_text.h"
#include "proc/rlimit.h"
#include "tty/ctty.h"

#define PROCFS_COMM_MAX 15u              /* comm is cut as Linux's TASK_COMM_LEN - 1 */
#define PROCFS_NS_PER_TICK 10000000ull   /* clock ticks of 10 ms (USER_HZ 100) */
#define PROCFS_OLD_SIGNAL_MASK 0x7fffffffull /* the obsolete decimal masks keep 31 bits, as Linux */
#define PROCFS_PRIORITY_NORMAL 20        /* priority of a nice-0 task */

/* Field numbers of proc(5), from the first one after the state. */
enum {
	STAT_PPID = 4,
	STAT_PGRP = 5,
	STAT_SESSION = 6,
	STAT_TTY_NR = 7,
	STAT_TPGID = 8,
	STAT_PRIORITY = 18,
	STAT_NICE = 19,
	STAT_NUM_THREADS = 20,
	STAT_STARTTIME = 22,
	STAT_VSIZE = 23,
	STAT_RSS = 24,
	STAT_RSSLIM = 25,
	STAT_SIGNAL = 31,
	STAT_BLOCKED = 32,
	STAT_SIGIGNORE = 33,
	STAT_SIGCATCH = 34,
	STAT_EXIT_SIGNAL = 38,
	STAT_EXIT_CODE = 52,
	STAT_FIELDS = 52,
};

size_t procfs_pid_stat(const process_t *p, char *buf, size_t cap)
{
	procfs_text_t t;
	procfs_text_init(&t, buf, cap);
	if (!p)
		return 0;
	int64_t f[STAT_FIELDS + 1];
	kmemset(f, 0, sizeof(f));
	f[STAT_PPID] = p->parent ? p->parent->pid : 0;
	f[STAT_PGRP] = p->pgid;
	f[STAT_SESSION] = p->sid;
	f[STAT_TTY_NR] = ctty_tty_nr(p); /* the controlling terminal (spec/tty.md TTY-129) */
	f[STAT_TPGID] = ctty_tpgid(p);
	f[STAT_PRIORITY] = PROCFS_PRIORITY_NORMAL;
	f[STAT_NUM_THREADS] = 1;
	f[STAT_STARTTIME] = (int64_t)(p->start_ns / PROCFS_NS_PER_TICK);
	uint64_t vsize, rss;
	procfs_pid_memory(p, &vsize, &rss);
	f[STAT_VSIZE] = (int64_t)vsize;
	f[STAT_RSS] = (int64_t)rss;
	rlimit_t rsslim = { RL_INFINITY, RL_INFINITY };
	(void)rlimit_get(&p->rlimits, RL_RSS, &rsslim);
	f[STAT_RSSLIM] = (int64_t)rsslim.cur; /* printed unsigned below */
	aegis_sigset_t ignored, caught;
	procfs_pid_sig_actions(p, &ignored, &caught);
	f[STAT_SIGNAL] = (int64_t)(p->sig_queue.set & PROCFS_OLD_SIGNAL_MASK);
	f[STAT_BLOCKED] = (int64_t)(p->sig_blocked & PROCFS_OLD_SIGNAL_MASK);
	f[STAT_SIGIGNORE] = (int64_t)(ignored & PROCFS_OLD_SIGNAL_MASK);
	f[STAT_SIGCATCH] = (int64_t)(caught & PROCFS_OLD_SIGNAL_MASK);
	f[STAT_EXIT_SIGNAL] = SIGCHLD;
	f[STAT_EXIT_CODE] = p->state == PROC_ZOMBIE ? p->exit_status : 0;

	const char *state_name;
	char state = procfs_pid_state(p, &state_name);
	procfs_text_printf(&t, "%d (", p->pid);
	procfs_text_bytes(&t, p->name, kstrnlen(p->name, PROCFS_COMM_MAX));
	procfs_text_printf(&t, ") %c", state);
	for (int i = STAT_PPID; i <= STAT_FIELDS; i++) {
		if (i == STAT_RSSLIM)
			procfs_text_printf(&t, " %lu", (unsigned long)f[i]);
		else
			procfs_text_printf(&t, " %ld", (long)f[i]);
	}
	procfs_text_printf(&t, "\n");
	return t.len;
}
