/*
 * Names for dates the tools print (spec/coreutils.md CU-010): the English
 * day and month abbreviations of the C locale.  The calendar itself is
 * civil_from_epoch (civil/civil_time.h, CU-005); Aegis keeps no time zones,
 * so every tool shows UTC.
 */
#ifndef AEGIS_CU_TIME_H
#define AEGIS_CU_TIME_H

#include "civil/civil_time.h"

/* "Sun".."Sat" for weekday 0..6 and "Jan".."Dec" for month 1..12; "???" out of range. */
const char *cu_time_day_abbr(int weekday);
const char *cu_time_month_abbr(int month);

#endif
