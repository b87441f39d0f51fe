/*
 * The status word wait4(2) reports, Linux encoding (spec/signals.md
 * SIG-040..042), and the decoders (the W* macros of <sys/wait.h>) the tests
 * and userland glue use.
 *
 *   exited with code c        (c & 0xff) << 8
 *   killed by signal s        s, | 0x80 when a core was dumped
 *   stopped by signal s       (s << 8) | 0x7f
 *   continued                 0xffff
 */
#ifndef AEGIS_KERNEL_PROC_WAIT_STATUS_H
#define AEGIS_KERNEL_PROC_WAIT_STATUS_H

#include <stdbool.h>

#define WAIT_STATUS_CORE_FLAG 0x80
#define WAIT_STATUS_STOPPED_LOW 0x7f
#define WAIT_STATUS_CONTINUED 0xffff
#define WAIT_STATUS_BYTE_SHIFT 8
#define WAIT_STATUS_BYTE_MASK 0xff
#define WAIT_STATUS_SIG_MASK 0x7f

/* Encoders: only the low 8 bits of code and 7 bits of sig are kept. */
int wait_status_exited(int code);
int wait_status_killed(int sig, bool core);
int wait_status_stopped(int sig);
int wait_status_continued(void);

/* Decoders (WIFEXITED, WEXITSTATUS, ...). */
bool wait_status_is_exited(int status);
int wait_status_exit_code(int status);
bool wait_status_is_signaled(int status);
int wait_status_term_sig(int status);
bool wait_status_core_dumped(int status);
bool wait_status_is_stopped(int status);
int wait_status_stop_sig(int status);
bool wait_status_is_continued(int status);

#endif
