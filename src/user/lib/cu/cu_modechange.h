/*
 * Mode changes as chmod and mkdir -m take them (spec/coreutils.md CU-300):
 * an octal number (`755`, `4755`) or a comma list of symbolic clauses
 * `[ugoa]*([-+=]([rwxXst]*|[ugo]))+` (`u+x,go-w`, `a=r`, `g=u`), with GNU's
 * rules: without who letters the change applies to all classes except the
 * bits in the umask; `X` is execute when the file is a directory or already
 * has an execute bit; `s` is setuid/setgid for the classes named; `t` sticky.
 */
#ifndef AEGIS_CU_MODECHANGE_H
#define AEGIS_CU_MODECHANGE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Apply text to the permission bits of mode (file type bits kept) and store
 * the result in *out; is_dir tells X and the octal rule (a directory keeps
 * its setuid/setgid bits unless five octal digits name them).  Returns 0, or
 * -EINVAL for text that is not a mode (*out untouched).
 */
long cu_mode_change(const char *text, uint32_t mode, bool is_dir, uint32_t umask, uint32_t *out);

#endif
