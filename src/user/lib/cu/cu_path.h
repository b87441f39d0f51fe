/*
 * Path text for the file tools (spec/coreutils.md CU-100..): joining a
 * directory and a name (`dir/name`, no doubled slash) and the last
 * component of a path (`a/b/` -> `b`), as cp, mv, ln and ls -R need them.
 */
#ifndef AEGIS_CU_PATH_H
#define AEGIS_CU_PATH_H

#include <stddef.h>

#define CU_PATH_MAX 4096

/* dir + "/" + name into out (no extra slash when dir ends in one); -ENAMETOOLONG when it does not fit. */
long cu_path_join(const char *dir, const char *name, char *out, size_t size);

/* The last component of path without trailing slashes into out ("/" for "/"); -ENAMETOOLONG when too long. */
long cu_path_base(const char *path, char *out, size_t size);

#endif
