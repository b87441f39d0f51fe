/*
 * Vigil library: the bounds every parser enforces and the error-message
 * buffer they share (spec/vigil.md VIG-002, VIG-024, VIG-030, VIG-042).
 *
 * Design: fixed-size storage everywhere, so a parsed service can be copied by
 * value and nothing in the library allocates.  Messages are one line, never
 * empty on failure, and always NUL-terminated inside VIGIL_MSG_MAX bytes.
 */
#ifndef AEGIS_VIGIL_LIMITS_H
#define AEGIS_VIGIL_LIMITS_H

#define VIGIL_FILE_MAX 4096           /* bytes in any one service file */
#define VIGIL_RUN_MAX 1024            /* bytes of run words, one NUL each */
#define VIGIL_ARGV_MAX 32             /* words in run */
#define VIGIL_NAME_MAX 32             /* bytes in a service name */
#define VIGIL_USER_MAX 32             /* bytes in a user name */
#define VIGIL_AFTER_MAX 16            /* distinct names in after */
#define VIGIL_SERVICES_MAX 64         /* services one order can hold */
#define VIGIL_MAX_RESTARTS_LIMIT 10000
#define VIGIL_MAX_RESTARTS_DEFAULT 5  /* the original's default */
#define VIGIL_CMDLINE_MAX 512         /* bytes of /proc/cmdline read */
#define VIGIL_MSG_MAX 160             /* one message, NUL included */

#endif
