/*
 * Spawning PID 1: the first process, started from a program in the initrd
 * (or the root file system) with the console as descriptors 0, 1 and 2,
 * root credentials, the init capability baseline and default limits.
 *
 * The program is the kernel command line's init=, else the first of
 * PROC_INIT_CANDIDATES that exists.  PID 1 starts as an empty process that
 * immediately runs execve on that path from its own task, so its first
 * program goes through exactly the checks every other exec does.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cap/cap_proc.h"
#include "core/cmdline.h"
#include "core/kstring.h"
#include "core/log.h"
#include "proc/proc_internal.h"
#include "proc/program.h"
#include "proc/signal_action.h"
#include "tty/console_file.h"
#include "tty/console_tty.h"

#define PROC_STDIO_FDS 3

static const char *const PROC_INIT_CANDIDATES[] = { "/bin/vigil", "/sbin/init", "/bin/init" };

static const char *proc_init_path(void)
{
	const char *given = cmdline_get()->init_path;
	if (given[0])
		return given;
	for (size_t i = 0; i < sizeof(PROC_INIT_CANDIDATES) / sizeof(PROC_INIT_CANDIDATES[0]); i++) {
		program_t prog;
		if (program_load(PROC_INIT_CANDIDATES[i], &prog) == 0) {
			program_release(&prog);
			return PROC_INIT_CANDIDATES[i];
		}
	}
	return NULL;
}

int proc_spawn_init(void)
{
	const char *path = proc_init_path();
	if (!path) {
		boot_mark("INIT", MARK_FAIL, "no init program (tried init=, /bin/vigil, /sbin/init, /bin/init)");
		return -ENOENT;
	}
	int err = 0;
	process_t *p = proc_alloc(NULL, &err);
	if (!p)
		return err;
	proc_set_name(p, path);
	(void)cred_init(&p->cred, 0, 0);
	rlimit_table_init(&p->rlimits);
	signal_actions_init(&p->sig_actions);
	unsigned baseline = cap_proc_init_for_pid1(&p->caps);
	p->user = platform_user_create();
	file_t *console = console_file_open();
	if (!p->user || !console) {
		if (console)
			file_release(console);
		if (p->user)
			platform_user_destroy(p->user, PLATFORM_USER_END_SIGNAL, 0);
		proc_free_unstarted(p);
		return -ENOMEM;
	}
	for (int fd = 0; fd < PROC_STDIO_FDS; fd++) {
		file_retain(console);
		(void)fdtable_install(&p->fds, console, fd, false);
	}
	file_release(console);
	console_tty_opened(p, AEGIS_O_RDWR); /* the console controls PID 1's session (TTY-120) */
	kmemcpy(p->init_exec_path, path, kstrnlen(path, sizeof(p->init_exec_path) - 1) + 1);
	if (proc_start_task(p) != 0) {
		platform_user_destroy(p->user, PLATFORM_USER_END_SIGNAL, 0);
		proc_free_unstarted(p);
		return -ENOMEM;
	}
	boot_mark("CAP", MARK_OK, "%u baseline capabilities granted to init", baseline);
	return 0;
}
