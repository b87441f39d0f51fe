/*
 * Capability gates on a process (see proc_cap.h).
 */
#include "proc/proc_cap.h"

#include <aegis/errno.h>

#include "cap/cap_table.h"

int proc_cap_require(const process_t *p, uint32_t kind, uint32_t rights)
{
	if (!p)
		return 0;
	return cap_table_check(&p->caps.held, kind, rights) == 0 ? 0 : -ENOCAP;
}

bool proc_cap_holds(const process_t *p, uint32_t kind, uint32_t rights)
{
	return proc_cap_require(p, kind, rights) == 0;
}
