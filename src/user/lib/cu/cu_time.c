/*
 * English day and month abbreviations (see cu_time.h).
 */
#include "cu/cu_time.h"

#define CU_TIME_DAYS 7
#define CU_TIME_MONTHS 12

static const char *const days[CU_TIME_DAYS] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const months[CU_TIME_MONTHS] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

const char *cu_time_day_abbr(int weekday)
{
	return weekday >= 0 && weekday < CU_TIME_DAYS ? days[weekday] : "???";
}

const char *cu_time_month_abbr(int month)
{
	return month >= 1 && month <= CU_TIME_MONTHS ? months[month - 1] : "???";
}
