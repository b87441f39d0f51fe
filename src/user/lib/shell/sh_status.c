/* Decoding wait4 status words (sh_status.h), as Linux encodes them. */
#include "shell/sh_status.h"

#define SH_WAIT_SIG_MASK 0x7f
#define SH_WAIT_STOPPED 0x7f
#define SH_WAIT_LOW_MASK 0xff
#define SH_WAIT_HIGH_SHIFT 8

int sh_status_stopped(int wstatus)
{
	return (wstatus & SH_WAIT_LOW_MASK) == SH_WAIT_STOPPED;
}

int sh_status_signal(int wstatus)
{
	int sig = wstatus & SH_WAIT_SIG_MASK;
	return sh_status_stopped(wstatus) ? 0 : sig;
}

int sh_status_of_wait(int wstatus)
{
	if (sh_status_stopped(wstatus))
		return SH_STATUS_SIGNAL_BASE + ((wstatus >> SH_WAIT_HIGH_SHIFT) & SH_WAIT_LOW_MASK);
	if (sh_status_signal(wstatus) != 0)
		return SH_STATUS_SIGNAL_BASE + sh_status_signal(wstatus);
	return (wstatus >> SH_WAIT_HIGH_SHIFT) & SH_WAIT_LOW_MASK;
}
