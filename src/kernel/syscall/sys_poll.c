/*
 * poll and ppoll (spec/filesystems.md FS-060..): readiness of up to
 * FDTABLE_MAX descriptors, sleeping on the one poll wait queue
 * (ipc/poll_wait.h) until one is ready, the timeout passes or a signal
 * comes.  ppoll's signal mask works as rt_sigsuspend's: swapped in for the
 * wait, and the old one back afterwards (or in a handler's frame).
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define POLL_ALWAYS (POLL_ERR | POLL_HUP | POLL_NVAL) /* reported whether asked for or not */

/* Fill revents for every entry: the number of entries with any. */
static int poll_scan(process_t *p, aegis_pollfd_t *fds, size_t n)
{
	int ready = 0;
	for (size_t i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		file_t *f = fdtable_get(&p->fds, fds[i].fd);
		uint32_t have = f ? poll_file_events(f) : POLL_NVAL;
		fds[i].revents = (int16_t)(have & ((uint16_t)fds[i].events | POLL_ALWAYS));
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* The common body: deadline SCHED_NO_DEADLINE waits forever, 0 (past) does not wait. */
static int64_t poll_run(process_t *p, uint64_t ufds, uint64_t nfds, uint64_t deadline)
{
	if (nfds > FDTABLE_MAX)
		return -EINVAL;
	size_t n = (size_t)nfds;
	aegis_pollfd_t *fds = kmalloc(n ? n * sizeof(*fds) : 1u);
	if (!fds)
		return -ENOMEM;
	int64_t r = n && copy_from_user(p, fds, ufds, n * sizeof(*fds)) != 0 ? -EFAULT : 0;
	for (bool done = r != 0; !done;) {
		uint64_t seen = poll_generation();
		int ready = poll_scan(p, fds, n);
		int w = ready > 0 ? -ETIMEDOUT : poll_wait_once(p, deadline, seen);
		done = w != 0;
		r = w == -EINTR ? -EINTR : ready;
	}
	if (r >= 0 && n && copy_to_user(p, ufds, fds, n * sizeof(*fds)) != 0)
		r = -EFAULT;
	kfree(fds);
	return r;
}

SYSCALL_HANDLER(poll)
{
	return poll_run(p, args->a[0], args->a[1], poll_deadline_ms((int)args->a[2]));
}

SYSCALL_HANDLER(ppoll)
{
	uint64_t deadline = SCHED_NO_DEADLINE;
	if (args->a[2]) {
		int r = poll_deadline_timespec(p, args->a[2], &deadline);
		if (r != 0)
			return r;
	}
	if (args->a[3]) {
		int r = proc_signal_mask_swap(p, args->a[3], (size_t)args->a[4]);
		if (r != 0)
			return r;
	}
	return poll_run(p, args->a[0], args->a[1], deadline);
}
