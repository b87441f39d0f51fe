/*
 * date's +FORMAT (spec/coreutils.md CU-415).
 */
#ifndef DATE_FORMAT_H
#define DATE_FORMAT_H

#include <stdint.h>

#include "cu/cu_out.h"

/* Write secs.nsec (UTC) as fmt says. */
void date_format(cu_out_t *out, const char *fmt, int64_t secs, long nsec);

#endif
