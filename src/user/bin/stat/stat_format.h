/*
 * stat's % sequences (spec/coreutils.md CU-330), with printf-style flags,
 * width and precision (`%-10s`, `%04a`, `%10.10A`), used by -c and by the
 * default format alike.
 */
#ifndef AEGIS_STAT_FORMAT_H
#define AEGIS_STAT_FORMAT_H

#include <stdbool.h>

#include <aegis/linux_abi.h>

#include "cu/cu_out.h"
#include "ident/ident_names.h"

/* fmt for the file name with status st onto out; followed: -L (%N shows no link target). */
void stat_format(cu_out_t *out, const ident_db_t *db, const char *fmt, const char *name, const aegis_stat_t *st,
		 bool followed);

/* A character or block device (the default format then shows its type). */
bool stat_is_device(const aegis_stat_t *st);

#endif
