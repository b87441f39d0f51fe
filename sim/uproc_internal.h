/*
 * Shared between the files of the user-process mechanism (sim/uproc*.c):
 * message transport over a channel and the end of a process's life.
 */
#ifndef AEGIS_SIM_UPROC_INTERNAL_H
#define AEGIS_SIM_UPROC_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

#include "uproc.h"

/* Send one message, with pass_fd attached by SCM_RIGHTS when >= 0. 0 or -errno. */
int uproc_wire_send(int fd, const void *msg, size_t len, int pass_fd);

/*
 * Receive one message into buf (at most cap bytes).  Returns its size, 0 for
 * end of file, -EPROTO for a truncated message or unexpected descriptors
 * (none is kept), or -errno.  *got_fd receives an SCM_RIGHTS descriptor
 * (CLOEXEC) when got_fd is not NULL, else -1.
 */
long uproc_wire_recv(int fd, void *buf, size_t cap, int *got_fd);

/* Receive one request and check size, magic, version and kind. 1 ok, 0 EOF, <0 error. */
int uproc_wire_recv_request(int fd, sim_request_t *req, unsigned kind, int *got_fd, const char **why);

/* Fill a reply header. */
void uproc_wire_reply(sim_reply_t *r, unsigned action, long ret);

/* A memfd (CLOEXEC) holding len bytes of image; -errno on failure. */
int uproc_image_memfd(const void *image, size_t len);

/*
 * Pack argv then envp into buf as NUL-terminated strings.  Returns the byte
 * size and sets *argc and *envc, or -E2BIG beyond the SIM_EXEC_* limits.
 */
long uproc_pack_strings(char *buf, size_t cap, char *const argv[], char *const envp[], unsigned *argc,
                        unsigned *envc);

/*
 * The process is gone or must go: close the channel, wait (at most
 * UPROC_EXIT_GRACE_MS, then SIGKILL) and reap it.  why says what we saw.
 */
void uproc_finish(uproc_t *p, const char *why);

/*
 * Receive the next request of kind from p's channel, or notice that p died
 * (its pidfd became readable with nothing to read, which covers a channel
 * kept open by a stray descendant).  1 request, 0 end of file or death,
 * <0 error with *why set.
 */
int uproc_recv_request(uproc_t *p, sim_request_t *req, unsigned kind, int *got_fd, const char **why);

/* A protocol violation: kill the process at once and reap it. */
void uproc_fail(uproc_t *p, const char *why);

/* Make this process the reaper of orphaned descendants (once). */
void uproc_become_subreaper(void);

#endif
