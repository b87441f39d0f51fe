/*
 * Counts with multiplier suffixes (see cu_num.h).
 */
#include "cu/cu_num.h"

#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#define KILO 1000u
#define KIBI 1024u
#define BLOCK 512u
#define DECIMAL 10u

typedef struct {
	const char *suffix;
	uint64_t factor;
} cu_num_suffix_t;

static const cu_num_suffix_t cu_num_suffixes[] = {
	{"", 1},
	{"b", BLOCK},
	{"kB", KILO},
	{"K", KIBI},
	{"KiB", KIBI},
	{"MB", (uint64_t)KILO * KILO},
	{"M", (uint64_t)KIBI * KIBI},
	{"MiB", (uint64_t)KIBI * KIBI},
	{"GB", (uint64_t)KILO * KILO * KILO},
	{"G", (uint64_t)KIBI * KIBI * KIBI},
	{"GiB", (uint64_t)KIBI * KIBI * KIBI},
};

long cu_num_parse(const char *text, uint64_t *out)
{
	uint64_t value = 0;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t digit = (uint64_t)(*p - '0');
		if (value > (UINT64_MAX - digit) / DECIMAL)
			return -ERANGE;
		value = value * DECIMAL + digit;
	}
	for (size_t i = 0; i < sizeof(cu_num_suffixes) / sizeof(cu_num_suffixes[0]); i++) {
		if (strcmp(p, cu_num_suffixes[i].suffix) != 0)
			continue;
		if (value != 0 && cu_num_suffixes[i].factor > UINT64_MAX / value)
			return -ERANGE;
		*out = value * cu_num_suffixes[i].factor;
		return 0;
	}
	return -EINVAL;
}

void cu_num_legacy(int argc, char **argv, char *buf, unsigned size)
{
	if (argc < 2 || argv[1][0] != '-' || argv[1][1] < '0' || argv[1][1] > '9')
		return;
	for (const char *p = argv[1] + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return;
	int n = snprintf(buf, size, "-n%s", argv[1] + 1);
	if (n > 0 && (unsigned)n < size)
		argv[1] = buf;
}
