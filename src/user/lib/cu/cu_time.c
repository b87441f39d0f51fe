/*
 * UTC calendar arithmetic (see cu_time.h): days since 1970 to a proleptic
 * Gregorian date by 400-year eras, which is exact for every 64-bit second
 * count whose year fits.
 */
#include "cu/cu_time.h"

#include <stdbool.h>

#define CU_SECS_PER_DAY 86400
#define CU_SECS_PER_HOUR 3600
#define CU_SECS_PER_MINUTE 60
#define CU_DAYS_PER_ERA 146097 /* 400 years */
#define CU_YEARS_PER_ERA 400
#define CU_EPOCH_SHIFT 719468 /* days from 0000-03-01 to 1970-01-01 */
#define CU_EPOCH_WEEKDAY 4    /* 1970-01-01 was a Thursday */
#define CU_DAYS_PER_WEEK 7

static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const int days_before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

static int64_t cu_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void cu_time_civil(int64_t secs, cu_time_t *t)
{
	int64_t day = cu_floor_div(secs, CU_SECS_PER_DAY);
	int64_t rest = secs - day * CU_SECS_PER_DAY;
	t->hour = (int)(rest / CU_SECS_PER_HOUR);
	t->minute = (int)(rest % CU_SECS_PER_HOUR / CU_SECS_PER_MINUTE);
	t->second = (int)(rest % CU_SECS_PER_MINUTE);
	t->weekday = (int)((day % CU_DAYS_PER_WEEK + CU_DAYS_PER_WEEK + CU_EPOCH_WEEKDAY) % CU_DAYS_PER_WEEK);

	int64_t z = day + CU_EPOCH_SHIFT;
	int64_t era = cu_floor_div(z, CU_DAYS_PER_ERA);
	int64_t doe = z - era * CU_DAYS_PER_ERA;                                 /* 0..146096 */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;     /* 0..399 */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                   /* from 1 March */
	int64_t mp = (5 * doy + 2) / 153;                                        /* March = 0 */
	t->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	t->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	t->year = yoe + era * CU_YEARS_PER_ERA + (t->month <= 2);
	bool leap = (t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0;
	t->yearday = days_before_month[t->month - 1] + t->day - 1 + (leap && t->month > 2);
}

const char *cu_time_day_abbr(int weekday)
{
	return days[weekday];
}

const char *cu_time_month_abbr(int month)
{
	return months[month - 1];
}
