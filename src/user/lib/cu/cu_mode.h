/*
 * File modes as the tools print them (spec/coreutils.md CU-100, CU-330): the
 * ten-letter string of `ls -l` and `stat` (`drwxr-sr-t`) and the file type
 * names of `stat` (`regular file`, `directory`, ...).
 */
#ifndef AEGIS_CU_MODE_H
#define AEGIS_CU_MODE_H

#include <stdint.h>

#define CU_MODE_TEXT 11u /* ten letters and the NUL */
#define CU_MODE_PERM_MASK 07777u
#define CU_MODE_TYPE_MASK 0170000u

/* "-rwxr-xr-x" of mode into out (CU_MODE_TEXT bytes). */
void cu_mode_text(uint32_t mode, char *out);

/* stat's name of the file type; an empty regular file is "regular empty file". */
const char *cu_mode_type_name(uint32_t mode, int64_t size);

/* True when mode is a directory (symbolic link, regular file). */
int cu_mode_is_dir(uint32_t mode);
int cu_mode_is_link(uint32_t mode);
int cu_mode_is_reg(uint32_t mode);

#endif
