/*
 * Decoding wait statuses in proctest (Linux encoding; spec/signals.md).
 */
#ifndef AEGIS_PROCTEST_STATUS_H
#define AEGIS_PROCTEST_STATUS_H

#include <stdbool.h>

static inline bool pt_exited(int s) { return (s & 0x7f) == 0; }
static inline int pt_exit_code(int s) { return (s >> 8) & 0xff; }
static inline bool pt_signaled(int s) { return (s & 0x7f) != 0 && (s & 0x7f) != 0x7f; }
static inline int pt_term_sig(int s) { return s & 0x7f; }

#define PT_WNOHANG 1
#define PT_ENOENT 2
#define PT_EACCES 13
#define PT_EINTR 4
#define PT_ENOEXEC 8
#define PT_ECHILD 10
#define PT_EFAULT 14
#define PT_EINVAL 22
#define PT_ENOSYS 38

#endif
