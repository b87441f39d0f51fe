/*
 * /bin/kill: send a signal to processes, like procps-ng's kill
 * (spec/coreutils.md CU-412).  `kill [-s SIG | -SIG] PID...` (SIG a name
 * with or without SIG, or a number; default TERM), negative PIDs name
 * process groups (after `--` or a signal option), `kill -l` lists the
 * names, `kill -l N` and `kill -l NAME` convert.  A failure is
 * `kill: (PID): <error>` (ENOCAP: `Capability not held`) and status 1.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/signal.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "cu/cu_signal.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define KILL_NAMES_PER_LINE 16

static int kill_list(int argc, char **argv)
{
	cu_out_t out;
	cu_out_init(&out, CU_STDOUT);
	if (argc == 0) {
		for (int sig = 1; sig <= CU_SIGNAL_LAST; sig++)
			cu_out_printf(&out, "%s%c", cu_signal_name(sig),
				      sig % KILL_NAMES_PER_LINE == 0 || sig == CU_SIGNAL_LAST ? '\n' : ' ');
		return cu_finish(&out, "kill", CU_EXIT_OK);
	}
	int sig = cu_signal_parse(argv[0]);
	if (sig < 0 || cu_signal_name(sig) == NULL) {
		cu_msg("kill", "unknown signal name %s", argv[0]);
		return CU_EXIT_FAIL;
	}
	if (argv[0][0] >= '0' && argv[0][0] <= '9')
		cu_out_printf(&out, "%s\n", cu_signal_name(sig));
	else
		cu_out_printf(&out, "%d\n", sig);
	return cu_finish(&out, "kill", CU_EXIT_OK);
}

static bool kill_pid(const char *text, int *pid)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (!*text || *end || v < INT32_MIN || v > INT32_MAX)
		return false;
	*pid = (int)v;
	return true;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = CU_EXIT_OK;

	if (i < argc && strcmp(argv[i], "-l") == 0)
		return kill_list(argc - 2, argv + 2);
	if (i < argc && strcmp(argv[i], "--help") == 0) {
		uio_printf(CU_STDOUT, "Usage: kill [-s SIGNAL | -SIGNAL] PID...\n       kill -l [SIGNAL]\n");
		return CU_EXIT_OK;
	}
	if (i < argc && (strcmp(argv[i], "-s") == 0 || (argv[i][0] == '-' && argv[i][1] && !(argv[i][1] == '-' && !argv[i][2])))) {
		const char *name = strcmp(argv[i], "-s") == 0 ? argv[++i] : argv[i] + 1;
		if (!name) {
			cu_msg("kill", "option requires an argument -- 's'");
			cu_usage_try("kill");
			return CU_EXIT_FAIL;
		}
		sig = cu_signal_parse(name);
		if (sig < 0) {
			cu_msg("kill", "unknown signal name %s", name);
			return CU_EXIT_FAIL;
		}
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		cu_msg("kill", "not enough arguments");
		cu_usage_try("kill");
		return CU_EXIT_FAIL;
	}
	for (; i < argc; i++) {
		int pid;
		if (!kill_pid(argv[i], &pid)) {
			cu_msg("kill", "failed to parse argument: '%s'", argv[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		long r = sys_kill(pid, sig);
		if (r < 0) {
			cu_msg_err("kill", r, "(%d)", pid);
			status = CU_EXIT_FAIL;
		}
	}
	return status;
}
