/*
 * Civil dates from and to seconds since the epoch (see cu_time.h), by the
 * well-known era arithmetic over 400-year cycles of the Gregorian calendar.
 */
#include "cu/cu_time.h"

#define SECS_PER_DAY 86400
#define SECS_PER_HOUR 3600
#define SECS_PER_MINUTE 60
#define DAYS_PER_ERA 146097 /* 400 years */
#define YEARS_PER_ERA 400
#define DAYS_1970_FROM_0000_03_01 719468
#define MONTHS 12
#define HOURS 24
#define MINUTES 60
#define LEAP_SECOND 60

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void cu_time_civil(int64_t secs, cu_civil_t *out)
{
	int64_t days = floor_div(secs, SECS_PER_DAY);
	int64_t rest = secs - days * SECS_PER_DAY;
	int64_t z = days + DAYS_1970_FROM_0000_03_01;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / (DAYS_PER_ERA - 1)) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);

	out->year = yoe + era * YEARS_PER_ERA + (month <= 2);
	out->month = month;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->hour = (int)(rest / SECS_PER_HOUR);
	out->minute = (int)(rest % SECS_PER_HOUR / SECS_PER_MINUTE);
	out->second = (int)(rest % SECS_PER_MINUTE);
}

int64_t cu_time_seconds(const cu_civil_t *c)
{
	int64_t y = c->year - (c->month <= 2);
	int64_t era = floor_div(y, YEARS_PER_ERA);
	int64_t yoe = y - era * YEARS_PER_ERA;
	int64_t mp = c->month > 2 ? c->month - 3 : c->month + 9;
	int64_t doy = (153 * mp + 2) / 5 + c->day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * DAYS_PER_ERA + doe - DAYS_1970_FROM_0000_03_01;

	return days * SECS_PER_DAY + (int64_t)c->hour * SECS_PER_HOUR + (int64_t)c->minute * SECS_PER_MINUTE + c->second;
}

static int cu_time_month_days(int64_t year, int month)
{
	static const int days[MONTHS] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[month - 1] + (month == 2 && leap);
}

int cu_time_valid(const cu_civil_t *c)
{
	return c->month >= 1 && c->month <= MONTHS && c->day >= 1 && c->day <= cu_time_month_days(c->year, c->month) &&
	       c->hour >= 0 && c->hour < HOURS && c->minute >= 0 && c->minute < MINUTES && c->second >= 0 &&
	       c->second <= LEAP_SECOND;
}

const char *cu_time_month_abbr(int month)
{
	static const char *const names[MONTHS] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
						   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

	return month >= 1 && month <= MONTHS ? names[month - 1] : "???";
}
