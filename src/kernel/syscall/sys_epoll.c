/*
 * epoll_create1, epoll_ctl and epoll_wait (spec/filesystems.md
 * FS-062) over ipc/epoll_file.h: arguments are copied here.
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "ipc/epoll_file.h"
#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define EPOLL_CTL_DEL_OP 2
#define EPOLL_WAIT_MAX 1024 /* events one call returns at most */

SYSCALL_HANDLER(epoll_create1)
{
	return epoll_create(p, (uint32_t)args->a[0]);
}

SYSCALL_HANDLER(epoll_ctl)
{
	aegis_epoll_event_t ev;
	const aegis_epoll_event_t *evp = NULL;
	if ((int)args->a[1] != EPOLL_CTL_DEL_OP) {
		if (copy_from_user(p, &ev, args->a[3], sizeof(ev)) != 0)
			return -EFAULT;
		evp = &ev;
	}
	return epoll_control(p, (int)args->a[0], (int)args->a[1], (int)args->a[2], evp);
}

/* epoll_wait and epoll_pwait once the mask is in place. */
static int64_t epoll_wait_common(process_t *p, const syscall_args_t *args)
{
	int max = (int)args->a[2];
	if (max <= 0 || max > EPOLL_WAIT_MAX)
		return -EINVAL;
	if (!user_range_ok(args->a[1], (size_t)max * sizeof(aegis_epoll_event_t)))
		return -EFAULT;
	uint64_t deadline = poll_deadline_ms((int)args->a[3]);
	aegis_epoll_event_t *out = kmalloc((size_t)max * sizeof(*out));
	if (!out)
		return -ENOMEM;
	int64_t n = epoll_collect(p, (int)args->a[0], out, max, deadline);
	if (n > 0 && copy_to_user(p, args->a[1], out, (size_t)n * sizeof(*out)) != 0)
		n = -EFAULT;
	kfree(out);
	return n;
}

SYSCALL_HANDLER(epoll_wait)
{
	return epoll_wait_common(p, args);
}

/* epoll_pwait: epoll_wait with the signal mask replaced for the wait (as ppoll). */
SYSCALL_HANDLER(epoll_pwait)
{
	if (args->a[4]) {
		int r = proc_signal_mask_swap(p, args->a[4], (size_t)args->a[5]);
		if (r != 0)
			return r;
	}
	return epoll_wait_common(p, args);
}
