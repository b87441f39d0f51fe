/*
 * The system-call glue for one area. Waiting for descriptors: poll, select and epoll.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_poll(aegis_pollfd_t *fds, unsigned long nfds, int timeout_ms)
{
	return glue_syscall6(SYS_poll, GLUE_PTR(fds), (long)nfds, (long)timeout_ms, 0, 0, 0);
}

long sys_ppoll(aegis_pollfd_t *fds, unsigned long nfds, const aegis_timespec_t *timeout, const aegis_sigset_t *mask, size_t sigsetsize)
{
	return glue_syscall6(SYS_ppoll, GLUE_PTR(fds), (long)nfds, GLUE_PTR(timeout), GLUE_PTR(mask), (long)sigsetsize, 0);
}

long sys_select(int nfds, void *readfds, void *writefds, void *exceptfds, aegis_timeval_t *timeout)
{
	return glue_syscall6(SYS_select, (long)nfds, GLUE_PTR(readfds), GLUE_PTR(writefds), GLUE_PTR(exceptfds), GLUE_PTR(timeout), 0);
}

long sys_pselect6(int nfds, void *readfds, void *writefds, void *exceptfds, const aegis_timespec_t *timeout, const void *sigmask)
{
	return glue_syscall6(SYS_pselect6, (long)nfds, GLUE_PTR(readfds), GLUE_PTR(writefds), GLUE_PTR(exceptfds), GLUE_PTR(timeout), GLUE_PTR(sigmask));
}

long sys_epoll_create1(int flags)
{
	return glue_syscall6(SYS_epoll_create1, (long)flags, 0, 0, 0, 0, 0);
}

long sys_epoll_ctl(int epfd, int op, int fd, aegis_epoll_event_t *event)
{
	return glue_syscall6(SYS_epoll_ctl, (long)epfd, (long)op, (long)fd, GLUE_PTR(event), 0, 0);
}

long sys_epoll_wait(int epfd, aegis_epoll_event_t *events, int maxevents, int timeout_ms)
{
	return glue_syscall6(SYS_epoll_wait, (long)epfd, GLUE_PTR(events), (long)maxevents, (long)timeout_ms, 0, 0);
}

long sys_epoll_pwait(int epfd, aegis_epoll_event_t *events, int maxevents, int timeout_ms, const aegis_sigset_t *mask,
		     size_t sigsetsize)
{
	return glue_syscall6(SYS_epoll_pwait, (long)epfd, GLUE_PTR(events), (long)maxevents, (long)timeout_ms,
			     GLUE_PTR(mask), (long)sigsetsize);
}
