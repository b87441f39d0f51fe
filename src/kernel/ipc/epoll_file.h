/*
 * epoll instances (spec/filesystems.md FS-062): a file holding an interest
 * list of (descriptor, events, data), level-triggered, with EPOLLONESHOT
 * and an edge-triggered mode that reports a readiness bit only when it rises
 * again after a report.  Readiness comes from each file's poll op and waits
 * use the poll queue (ipc/poll_wait.h).
 */
#ifndef AEGIS_KERNEL_IPC_EPOLL_FILE_H
#define AEGIS_KERNEL_IPC_EPOLL_FILE_H

#include <stdint.h>

#include <aegis/linux_abi.h>

#include "proc/process.h"

#define EPOLL_WATCH_MAX 256u /* descriptors one instance watches */

/* epoll_create1: the new descriptor or -EINVAL, -EMFILE, -ENOMEM. */
int64_t epoll_create(process_t *p, uint32_t flags);

/* epoll_ctl with a kernel copy of the event (NULL for EPOLL_CTL_DEL). */
int64_t epoll_control(process_t *p, int epfd, int op, int fd, const aegis_epoll_event_t *event);

/* epoll_wait: up to max events into out (a kernel buffer), waiting until deadline_ns; the count or -errno. */
int64_t epoll_collect(process_t *p, int epfd, aegis_epoll_event_t *out, int max, uint64_t deadline_ns);

#endif
