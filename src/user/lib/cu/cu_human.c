/*
 * Human-readable sizes (see cu_human.h), in integer arithmetic so both
 * builds round alike.
 */
#include "cu/cu_human.h"

#include <stdio.h>

#define HUMAN_BASE 1024u
#define HUMAN_TENTHS 10u
#define HUMAN_ONE_DECIMAL_BELOW 10u

void cu_human_size(uint64_t size, char *out)
{
	static const char units[] = "KMGTPE";
	uint64_t unit = 1;
	size_t e = 0;

	if (size < HUMAN_BASE) {
		snprintf(out, CU_HUMAN_TEXT, "%llu", (unsigned long long)size);
		return;
	}
	while (e + 1 < sizeof(units) - 1 && size / unit >= (uint64_t)HUMAN_BASE * HUMAN_BASE) {
		unit *= HUMAN_BASE;
		e++;
	}
	unit *= HUMAN_BASE; /* units[e] */
	uint64_t whole = size / unit;
	uint64_t rest = size % unit;
	if (whole < HUMAN_ONE_DECIMAL_BELOW) {
		/* tenths, rounded up */
		uint64_t tenths = whole * HUMAN_TENTHS + (rest * HUMAN_TENTHS + unit - 1) / unit;
		if (tenths < HUMAN_ONE_DECIMAL_BELOW * HUMAN_TENTHS) {
			snprintf(out, CU_HUMAN_TEXT, "%llu.%llu%c", (unsigned long long)(tenths / HUMAN_TENTHS),
				 (unsigned long long)(tenths % HUMAN_TENTHS), units[e]);
			return;
		}
	}
	uint64_t up = whole + (rest != 0);
	if (up >= HUMAN_BASE && e + 1 < sizeof(units) - 1) {
		snprintf(out, CU_HUMAN_TEXT, "1.0%c", units[e + 1]);
		return;
	}
	snprintf(out, CU_HUMAN_TEXT, "%llu%c", (unsigned long long)up, units[e]);
}
