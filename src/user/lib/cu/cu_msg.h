/*
 * Diagnostics of the command-line tools in the usual form, on standard error
 * (spec/coreutils.md CU-002): `prog: text` and `prog: text: <error message>`,
 * e.g. `ls: cannot access 'x': No such file or directory`.
 */
#ifndef AEGIS_CU_MSG_H
#define AEGIS_CU_MSG_H

#include "uio/uio.h"

#define CU_STDIN 0
#define CU_STDOUT 1
#define CU_STDERR 2
#define CU_EXIT_OK 0
#define CU_EXIT_FAIL 1

/* Where the lines go: sys_write unless a test sets another writer. */
extern uio_write_fn cu_msg_writer;

/* "prog: <formatted text>\n" on standard error. */
void cu_msg(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "prog: <formatted text>: <message of err>\n"; err is errno or -errno. */
void cu_msg_err(const char *prog, long err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
