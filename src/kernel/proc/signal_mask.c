/*
 * rt_sigprocmask (spec/signals.md SIG-030..033): SIG_BLOCK, SIG_UNBLOCK and
 * SIG_SETMASK on a blocked set that never holds SIGKILL or SIGSTOP; the mask
 * halves of rt_sigpending and rt_sigsuspend (SIG-034, SIG-035).
 */
#include <stddef.h>

#include <aegis/errno.h>

#include "proc/signal_mask.h"
#include "proc/signal_set.h"

int signal_mask_change(aegis_sigset_t *blocked, int how, const aegis_sigset_t *set, aegis_sigset_t *oldset,
                       size_t sigsetsize)
{
	if (sigsetsize != AEGIS_SIGSET_SIZE)
		return -EINVAL;
	aegis_sigset_t before = *blocked;
	aegis_sigset_t after = before;
	if (set != NULL) {
		switch (how) {
		case SIG_BLOCK:
			after = signal_set_or(before, *set);
			break;
		case SIG_UNBLOCK:
			after = signal_set_andnot(before, *set);
			break;
		case SIG_SETMASK:
			after = *set;
			break;
		default:
			return -EINVAL;
		}
	}
	if (oldset != NULL)
		*oldset = before;
	*blocked = signal_set_sanitize_mask(after);
	return 0;
}

int signal_mask_pending(aegis_sigset_t pending, aegis_sigset_t blocked, aegis_sigset_t *out, size_t sigsetsize)
{
	if (sigsetsize != AEGIS_SIGSET_SIZE)
		return -EINVAL;
	*out = pending & blocked;
	return 0;
}

int signal_mask_suspend(aegis_sigset_t *blocked, const aegis_sigset_t *mask, aegis_sigset_t *saved,
                        size_t sigsetsize)
{
	if (sigsetsize != AEGIS_SIGSET_SIZE)
		return -EINVAL;
	aegis_sigset_t next = signal_set_sanitize_mask(*mask);
	*saved = *blocked;
	*blocked = next;
	return 0;
}
