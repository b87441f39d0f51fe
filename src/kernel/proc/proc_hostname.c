/*
 * The node name uname reports and sethostname (170) sets
 * (spec/network-config.md NETCFG-020): one name for the whole system.
 */
#include "core/kstring.h"
#include "core/version.h"
#include "proc/proc_internal.h"

static char hostname[PROC_HOSTNAME_MAX + 1] = AEGIS_DEFAULT_HOSTNAME;

const char *proc_hostname(void)
{
	return hostname;
}

void proc_hostname_set(const char *name, size_t len)
{
	if (len > PROC_HOSTNAME_MAX)
		return;
	kmemset(hostname, 0, sizeof(hostname));
	kmemcpy(hostname, name, len);
}
