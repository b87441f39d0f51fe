/*
 * date's conversions (spec/coreutils.md CU-415), always in UTC: %a %A %b
 * %B %h %c %C %d %D %e %F %H %I %j %k %l %m %M %n %N %p %P %R %s %S %t %T
 * %u %w %x %X %y %Y %z %Z %%; an unknown one is printed as it stands.
 */
#include "date_format.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "cu/cu_time.h"

#define DATE_HALF_DAY 12
#define DATE_CENTURY 100

static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March",     "April",   "May",      "June",
					    "July",    "August",   "September", "October", "November", "December" };

static int date_hour12(int hour)
{
	return hour % DATE_HALF_DAY ? hour % DATE_HALF_DAY : DATE_HALF_DAY;
}

/* One conversion; false when c is not one date knows. */
static bool date_one(cu_out_t *out, char c, const civil_time_t *t, int64_t secs, long nsec)
{
	switch (c) {
	case 'a': cu_out_str(out, cu_time_day_abbr(t->weekday)); break;
	case 'A': cu_out_str(out, day_names[t->weekday]); break;
	case 'b':
	case 'h': cu_out_str(out, cu_time_month_abbr(t->month)); break;
	case 'B': cu_out_str(out, month_names[t->month - 1]); break;
	case 'c': date_format(out, "%a %b %e %H:%M:%S %Y", secs, nsec); break;
	case 'C': cu_out_printf(out, "%02" PRId64, t->year / DATE_CENTURY); break;
	case 'd': cu_out_printf(out, "%02d", t->day); break;
	case 'D':
	case 'x': date_format(out, "%m/%d/%y", secs, nsec); break;
	case 'e': cu_out_printf(out, "%2d", t->day); break;
	case 'F': date_format(out, "%Y-%m-%d", secs, nsec); break;
	case 'H': cu_out_printf(out, "%02d", t->hour); break;
	case 'I': cu_out_printf(out, "%02d", date_hour12(t->hour)); break;
	case 'j': cu_out_printf(out, "%03d", t->yearday + 1); break;
	case 'k': cu_out_printf(out, "%2d", t->hour); break;
	case 'l': cu_out_printf(out, "%2d", date_hour12(t->hour)); break;
	case 'm': cu_out_printf(out, "%02d", t->month); break;
	case 'M': cu_out_printf(out, "%02d", t->minute); break;
	case 'n': cu_out_char(out, '\n'); break;
	case 'N': cu_out_printf(out, "%09ld", nsec); break;
	case 'p': cu_out_str(out, t->hour < DATE_HALF_DAY ? "AM" : "PM"); break;
	case 'P': cu_out_str(out, t->hour < DATE_HALF_DAY ? "am" : "pm"); break;
	case 'R': date_format(out, "%H:%M", secs, nsec); break;
	case 's': cu_out_printf(out, "%" PRId64, secs); break;
	case 'S': cu_out_printf(out, "%02d", t->second); break;
	case 't': cu_out_char(out, '\t'); break;
	case 'T':
	case 'X': date_format(out, "%H:%M:%S", secs, nsec); break;
	case 'u': cu_out_printf(out, "%d", t->weekday ? t->weekday : 7); break;
	case 'w': cu_out_printf(out, "%d", t->weekday); break;
	case 'y': cu_out_printf(out, "%02d", (int)(t->year % DATE_CENTURY)); break;
	case 'Y': cu_out_printf(out, "%" PRId64, t->year); break;
	case 'z': cu_out_str(out, "+0000"); break;
	case 'Z': cu_out_str(out, "UTC"); break;
	case '%': cu_out_char(out, '%'); break;
	default: return false;
	}
	return true;
}

void date_format(cu_out_t *out, const char *fmt, int64_t secs, long nsec)
{
	civil_time_t t;
	civil_from_epoch(secs, &t);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			cu_out_char(out, *p);
		} else if (p[1] == '\0') {
			cu_out_char(out, '%');
		} else if (!date_one(out, p[1], &t, secs, nsec)) {
			cu_out_char(out, '%');
			cu_out_char(out, p[1]);
			p++;
		} else {
			p++;
		}
	}
}
