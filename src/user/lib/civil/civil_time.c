/*
 * The calendar arithmetic (see civil_time.h): days are counted in 400-year
 * eras of 146097 days starting on 1 March, so leap days fall at the end of
 * a year and every era is alike.
 */
#include "civil/civil_time.h"

#define CIVIL_SEC_PER_MIN 60
#define CIVIL_SEC_PER_HOUR 3600
#define CIVIL_SEC_PER_DAY 86400
#define CIVIL_DAYS_PER_ERA 146097
#define CIVIL_YEARS_PER_ERA 400
#define CIVIL_DAYS_TO_1970 719468 /* days from 0000-03-01 to 1970-01-01 */
#define CIVIL_EPOCH_WEEKDAY 4     /* 1970-01-01 was a Thursday */
#define CIVIL_DAYS_PER_WEEK 7
#define CIVIL_MONTHS 12
#define CIVIL_HOURS 24
#define CIVIL_MINUTES 60
#define CIVIL_LEAP_SECOND 60
#define CIVIL_FEBRUARY 2

static int64_t civil_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}


/* Days since 1970-01-01 of year-month-day (month 1..12). */
static int64_t civil_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = civil_floor_div(y, CIVIL_YEARS_PER_ERA);
	int64_t yoe = y - era * CIVIL_YEARS_PER_ERA;
	int64_t mp = (m + 9) % CIVIL_MONTHS; /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * CIVIL_DAYS_PER_ERA + doe - CIVIL_DAYS_TO_1970;
}

void civil_from_epoch(int64_t seconds, civil_time_t *out)
{
	int64_t days = civil_floor_div(seconds, CIVIL_SEC_PER_DAY);
	int64_t rest = seconds - days * CIVIL_SEC_PER_DAY;
	int64_t z = days + CIVIL_DAYS_TO_1970;
	int64_t era = civil_floor_div(z, CIVIL_DAYS_PER_ERA);
	int64_t doe = z - era * CIVIL_DAYS_PER_ERA;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = yoe + era * CIVIL_YEARS_PER_ERA + (out->month <= 2);
	out->hour = (int)(rest / CIVIL_SEC_PER_HOUR);
	out->minute = (int)(rest % CIVIL_SEC_PER_HOUR / CIVIL_SEC_PER_MIN);
	out->second = (int)(rest % CIVIL_SEC_PER_MIN);
	int64_t wd = (days + CIVIL_EPOCH_WEEKDAY) % CIVIL_DAYS_PER_WEEK;
	out->weekday = (int)(wd < 0 ? wd + CIVIL_DAYS_PER_WEEK : wd);
	out->yearday = (int)(days - civil_days(out->year, 1, 1));
}

int64_t civil_to_epoch(int64_t year, int month, int day, int hour, int minute, int second)
{
	int64_t m0 = month - 1;
	year += civil_floor_div(m0, CIVIL_MONTHS);
	m0 -= civil_floor_div(m0, CIVIL_MONTHS) * CIVIL_MONTHS;
	int64_t days = civil_days(year, (int)m0 + 1, 1) + day - 1;
	return days * CIVIL_SEC_PER_DAY + (int64_t)hour * CIVIL_SEC_PER_HOUR + (int64_t)minute * CIVIL_SEC_PER_MIN +
	       second;
}

static bool civil_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool civil_is_valid(const civil_time_t *t)
{
	static const int month_days[CIVIL_MONTHS] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (t->month < 1 || t->month > CIVIL_MONTHS)
		return false;
	int days = month_days[t->month - 1] + (t->month == CIVIL_FEBRUARY && civil_is_leap(t->year));
	return t->day >= 1 && t->day <= days && t->hour >= 0 && t->hour < CIVIL_HOURS && t->minute >= 0 &&
	       t->minute < CIVIL_MINUTES && t->second >= 0 && t->second <= CIVIL_LEAP_SECOND;
}

int64_t civil_time_to_epoch(const civil_time_t *t)
{
	return civil_to_epoch(t->year, t->month, t->day, t->hour, t->minute, t->second);
}
