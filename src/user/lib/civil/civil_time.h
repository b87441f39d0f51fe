/*
 * Seconds since the epoch to the civil date and time in UTC, and back, for
 * logs and tools that print dates (proleptic Gregorian calendar, any year a
 * 64-bit second count reaches, negative counts before 1970 included).
 */
#ifndef AEGIS_CIVIL_TIME_H
#define AEGIS_CIVIL_TIME_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	int64_t year;
	int month;   /* 1..12 */
	int day;     /* 1..31 */
	int hour;    /* 0..23 */
	int minute;  /* 0..59 */
	int second;  /* 0..59 */
	int weekday; /* 0 = Sunday .. 6 */
	int yearday; /* 0 = 1 January .. 365 */
} civil_time_t;

void civil_from_epoch(int64_t seconds, civil_time_t *out);

/* Seconds since the epoch of a UTC date and time (fields need not be normalised: day 0 is the last of the month before). */
int64_t civil_to_epoch(int64_t year, int month, int day, int hour, int minute, int second);

/* Does t name a real date and time (month 1..12, day within its month, 00:00:00..23:59:60)? */
bool civil_is_valid(const civil_time_t *t);

/* civil_to_epoch of t's year, month, day, hour, minute and second. */
int64_t civil_time_to_epoch(const civil_time_t *t);

#endif
