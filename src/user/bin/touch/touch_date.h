/*
 * The dates touch accepts (spec/coreutils.md CU-150), all in UTC:
 * -d `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (space or `T`), `@SECONDS`;
 * -t `[[CC]YY]MMDDhhmm[.ss]` (a two-digit year 69..99 is 19YY, else 20YY).
 */
#ifndef AEGIS_TOUCH_DATE_H
#define AEGIS_TOUCH_DATE_H

#include <stdbool.h>
#include <stdint.h>

bool touch_date_parse(const char *text, int64_t *secs);
bool touch_stamp_parse(const char *text, int64_t *secs);

#endif
