/*
 * siginfo builders (spec/signals.md SIG-050..054).
 */
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/signal_info.h"
#include "proc/signal_set.h"

static void signal_info_start(aegis_siginfo_t *info, int sig, int code)
{
	kmemset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
}

int signal_info_kill(aegis_siginfo_t *info, int sig, int32_t sender_pid, uint32_t sender_uid)
{
	if (!signal_is_valid(sig))
		return -EINVAL;
	signal_info_start(info, sig, AEGIS_SI_USER);
	info->u.kill.pid = sender_pid;
	info->u.kill.uid = sender_uid;
	return 0;
}

int signal_info_kernel(aegis_siginfo_t *info, int sig)
{
	if (!signal_is_valid(sig))
		return -EINVAL;
	signal_info_start(info, sig, AEGIS_SI_KERNEL);
	return 0;
}

int signal_info_chld(aegis_siginfo_t *info, int cld_code, int32_t pid, uint32_t uid, int32_t status,
                     int64_t utime, int64_t stime)
{
	if (cld_code < AEGIS_CLD_EXITED || cld_code > AEGIS_CLD_CONTINUED || cld_code == AEGIS_CLD_TRAPPED)
		return -EINVAL;
	signal_info_start(info, SIGCHLD, cld_code);
	info->u.chld.pid = pid;
	info->u.chld.uid = uid;
	info->u.chld.status = status;
	info->u.chld.utime = utime;
	info->u.chld.stime = stime;
	return 0;
}

int signal_info_fault(aegis_siginfo_t *info, int sig, int code, uint64_t addr)
{
	if (sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE && sig != SIGTRAP)
		return -EINVAL;
	signal_info_start(info, sig, code);
	info->u.fault.addr = addr;
	return 0;
}
