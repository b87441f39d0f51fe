/*
 * The signal name table (see cu_signal.h).
 */
#include "cu/cu_signal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CU_SIGNAL_PREFIX "SIG"

static const char *const names[CU_SIGNAL_LAST + 1] = {
	NULL,   "HUP",  "INT",  "QUIT", "ILL",    "TRAP", "ABRT", "BUS",  "FPE",  "KILL",   "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM",   "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
	"TTOU", "URG",  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR",  "SYS",
};

const char *cu_signal_name(int sig)
{
	return sig > 0 && sig <= CU_SIGNAL_LAST ? names[sig] : NULL;
}

int cu_signal_parse(const char *text)
{
	char *end;

	if (text[0] >= '0' && text[0] <= '9') {
		long n = strtol(text, &end, 10);
		return *end == '\0' && n <= CU_SIGNAL_MAX ? (int)n : -1;
	}
	if (strncasecmp(text, CU_SIGNAL_PREFIX, strlen(CU_SIGNAL_PREFIX)) == 0)
		text += strlen(CU_SIGNAL_PREFIX);
	for (int sig = 1; sig <= CU_SIGNAL_LAST; sig++)
		if (strcasecmp(text, names[sig]) == 0)
			return sig;
	return -1;
}
