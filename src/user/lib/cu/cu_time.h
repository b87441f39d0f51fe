/*
 * Calendar dates in UTC from seconds since 1970 (spec/coreutils.md CU-010),
 * for date and ps: Aegis keeps no time zones, so every tool shows UTC.
 */
#ifndef AEGIS_CU_TIME_H
#define AEGIS_CU_TIME_H

#include <stdint.h>

typedef struct {
	int64_t year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
	int hour, minute, second;
	int weekday; /* 0 = Sunday */
	int yearday; /* 0 = 1 January */
} cu_time_t;

/* The UTC calendar time of secs (negative: before 1970). */
void cu_time_civil(int64_t secs, cu_time_t *t);

/* "Sun".."Sat" and "Jan".."Dec". */
const char *cu_time_day_abbr(int weekday);
const char *cu_time_month_abbr(int month);

#endif
