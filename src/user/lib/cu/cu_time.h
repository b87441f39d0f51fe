/*
 * Calendar dates of seconds since the epoch, in UTC (Aegis keeps no time
 * zone), for ls -l, stat and touch -d/-t (spec/coreutils.md CU-100, CU-150,
 * CU-330): days-from-civil arithmetic, valid for any 64-bit time.
 */
#ifndef AEGIS_CU_TIME_H
#define AEGIS_CU_TIME_H

#include <stdint.h>

typedef struct {
	int64_t year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
	int hour, minute, second;
} cu_civil_t;

/* The UTC calendar date and time of secs. */
void cu_time_civil(int64_t secs, cu_civil_t *out);

/* Seconds since the epoch of a UTC date (check it with cu_time_valid first). */
int64_t cu_time_seconds(const cu_civil_t *c);

/* True when c names a real date and time (month 1..12, day within the month, 00:00:00..23:59:60). */
int cu_time_valid(const cu_civil_t *c);

/* "Jan".."Dec" for month 1..12. */
const char *cu_time_month_abbr(int month);

#endif
