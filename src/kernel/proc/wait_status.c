/*
 * wait4 status words (spec/signals.md SIG-040..042): Linux's encoding and the
 * matching decoders.
 */
#include <stdbool.h>

#include "proc/wait_status.h"

int wait_status_exited(int code)
{
	return (code & WAIT_STATUS_BYTE_MASK) << WAIT_STATUS_BYTE_SHIFT;
}

int wait_status_killed(int sig, bool core)
{
	return (sig & WAIT_STATUS_SIG_MASK) | (core ? WAIT_STATUS_CORE_FLAG : 0);
}

int wait_status_stopped(int sig)
{
	return ((sig & WAIT_STATUS_BYTE_MASK) << WAIT_STATUS_BYTE_SHIFT) | WAIT_STATUS_STOPPED_LOW;
}

int wait_status_continued(void)
{
	return WAIT_STATUS_CONTINUED;
}

bool wait_status_is_exited(int status)
{
	return (status & WAIT_STATUS_SIG_MASK) == 0;
}

int wait_status_exit_code(int status)
{
	return (status >> WAIT_STATUS_BYTE_SHIFT) & WAIT_STATUS_BYTE_MASK;
}

bool wait_status_is_signaled(int status)
{
	int low = status & WAIT_STATUS_SIG_MASK;
	return low != 0 && low != WAIT_STATUS_STOPPED_LOW;
}

int wait_status_term_sig(int status)
{
	return status & WAIT_STATUS_SIG_MASK;
}

bool wait_status_core_dumped(int status)
{
	return wait_status_is_signaled(status) && (status & WAIT_STATUS_CORE_FLAG) != 0;
}

bool wait_status_is_stopped(int status)
{
	return (status & WAIT_STATUS_BYTE_MASK) == WAIT_STATUS_STOPPED_LOW;
}

int wait_status_stop_sig(int status)
{
	return (status >> WAIT_STATUS_BYTE_SHIFT) & WAIT_STATUS_BYTE_MASK;
}

bool wait_status_is_continued(int status)
{
	return status == WAIT_STATUS_CONTINUED;
}
