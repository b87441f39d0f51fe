/*
 * Parsing touch's dates (see touch_date.h).
 */
#include "touch_date.h"

#include <string.h>

#include "cu/cu_time.h"

#define DATE_YEAR_DIGITS 4
#define DATE_PART_DIGITS 2
#define STAMP_SHORT 8      /* MMDDhhmm */
#define STAMP_YY 10        /* YYMMDDhhmm */
#define STAMP_CCYY 12      /* CCYYMMDDhhmm */
#define STAMP_PIVOT 69     /* YY from 69 is 19YY */
#define CENTURY_1900 1900
#define CENTURY_2000 2000
#define DECIMAL 10
#define STAMP_DEFAULT_YEAR 2026 /* -t MMDDhhmm: Aegis has no "current year" it can trust; documented */

/* n digits at *p as a number, advancing *p; -1 when they are not all digits. */
static int64_t date_digits(const char **p, int n)
{
	int64_t v = 0;

	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * DECIMAL + (**p - '0');
	}
	return v;
}

static bool date_finish(civil_time_t *c, int64_t *secs)
{
	if (!civil_is_valid(c))
		return false;
	*secs = civil_time_to_epoch(c);
	return true;
}

bool touch_date_parse(const char *text, int64_t *secs)
{
	civil_time_t c = {0};
	const char *p = text;

	if (*p == '@') {
		p++;
		bool neg = *p == '-';
		p += neg;
		size_t len = strlen(p);
		int64_t v = len > 0 && len < DECIMAL + DECIMAL - 2 ? date_digits(&p, (int)len) : -1;
		if (v < 0)
			return false;
		*secs = neg ? -v : v;
		return true;
	}
	c.year = date_digits(&p, DATE_YEAR_DIGITS);
	if (c.year < 0 || *p++ != '-')
		return false;
	c.month = (int)date_digits(&p, DATE_PART_DIGITS);
	if (*p++ != '-')
		return false;
	c.day = (int)date_digits(&p, DATE_PART_DIGITS);
	if (*p == '\0')
		return date_finish(&c, secs);
	if (*p != ' ' && *p != 'T')
		return false;
	p++;
	c.hour = (int)date_digits(&p, DATE_PART_DIGITS);
	if (*p++ != ':')
		return false;
	c.minute = (int)date_digits(&p, DATE_PART_DIGITS);
	if (*p == ':') {
		p++;
		c.second = (int)date_digits(&p, DATE_PART_DIGITS);
	}
	return *p == '\0' && date_finish(&c, secs);
}

bool touch_stamp_parse(const char *text, int64_t *secs)
{
	civil_time_t c = {0};
	const char *dot = strchr(text, '.');
	size_t len = dot ? (size_t)(dot - text) : strlen(text);
	const char *p = text;

	if (len == STAMP_CCYY) {
		c.year = date_digits(&p, DATE_YEAR_DIGITS);
	} else if (len == STAMP_YY) {
		int64_t yy = date_digits(&p, DATE_PART_DIGITS);
		c.year = yy < 0 ? -1 : yy + (yy >= STAMP_PIVOT ? CENTURY_1900 : CENTURY_2000);
	} else if (len == STAMP_SHORT) {
		c.year = STAMP_DEFAULT_YEAR;
	} else {
		return false;
	}
	c.month = (int)date_digits(&p, DATE_PART_DIGITS);
	c.day = (int)date_digits(&p, DATE_PART_DIGITS);
	c.hour = (int)date_digits(&p, DATE_PART_DIGITS);
	c.minute = (int)date_digits(&p, DATE_PART_DIGITS);
	if (*p == '.') {
		p++;
		c.second = (int)date_digits(&p, DATE_PART_DIGITS);
	}
	return c.year >= 0 && *p == '\0' && date_finish(&c, secs);
}
