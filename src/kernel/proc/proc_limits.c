/*
 * Privilege and limit enforcement for one process (see proc_limits.h).
 */
#include "proc/proc_limits.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/signal.h>

#include "mm/uvm.h"
#include "proc/proc_cap.h"
#include "proc/proc_internal.h"
#include "proc/rlimit.h"

_Static_assert(RL_NOFILE_CEILING == FDTABLE_MAX,
	       "RLIMIT_NOFILE's ceiling must be the descriptor table's size (CRED-065)");

bool proc_holds_setuid(const process_t *p)
{
	return proc_cap_holds(p, CAP_KIND_SETUID, CAP_RIGHTS_WRITE);
}

uint32_t proc_fd_limit(const process_t *p)
{
	uint64_t soft = p->rlimits.lim[RL_NOFILE].cur;
	return soft < FDTABLE_MAX ? (uint32_t)soft : FDTABLE_MAX;
}

int proc_fd_install(process_t *p, file_t *f, int min, bool cloexec)
{
	return fdtable_install_below(&p->fds, f, min, proc_fd_limit(p), cloexec);
}

int proc_clip_write(process_t *p, uint64_t offset, size_t *len)
{
	if (!p)
		return 0;
	uint64_t want = *len;
	int r = rlimit_clip_write(&p->rlimits, offset, &want);
	if (r == -EFBIG) {
		proc_signal_send(p, SIGXFSZ);
		return r;
	}
	*len = (size_t)want;
	return r;
}

int proc_check_as(const process_t *p, uint64_t add)
{
	if (!p->uvm)
		return 0;
	uvm_stats_t st;
	uvm_stats(p->uvm, &st);
	return rlimit_check_as(&p->rlimits, st.mapped_bytes, add);
}
