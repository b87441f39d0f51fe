/*
 * Reading a whole small file (the account files /etc/passwd and /etc/group)
 * into a caller's buffer through the glue, for the identity library and
 * programs (spec/credentials.md CRED-103).  A file is read completely or
 * not at all: one larger than the buffer is refused, never cut.
 */
#ifndef AEGIS_USER_IDENT_FILE_H
#define AEGIS_USER_IDENT_FILE_H

#include <stddef.h>

/* The most bytes an account file may hold (larger ones are -EFBIG). */
#define IDENT_FILE_MAX 65536u

#define IDENT_PASSWD_PATH "/etc/passwd"
#define IDENT_GROUP_PATH "/etc/group"

/*
 * Read path into buf (cap bytes); on success *len is the file's size and the
 * result 0.  -EFBIG when the file holds more than cap bytes, else the -errno
 * of open or read.  *len is 0 after any failure.
 */
long ident_file_read(const char *path, char *buf, size_t cap, size_t *len);

#endif
