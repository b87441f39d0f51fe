/*
 * PID 1's first program (see cap_proc_first.h): what an exec of it gives
 * (baseline + service tier, never the admin tier: init is outside any
 * session), merged with init's seven, kind by kind.
 */
#include "cap/cap_proc_first.h"

#include <stddef.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_table.h"

int cap_proc_exec_first(cap_proc_t *p, const cap_policy_t *policy)
{
	if (p == NULL)
		return -EINVAL;
	cap_proc_t init;
	(void)cap_proc_init_for_pid1(&init);
	*p = init;
	(void)cap_proc_exec(p, policy);
	for (uint32_t kind = 1; kind <= CAP_KIND_MAX; kind++) {
		uint32_t rights = cap_table_rights(&init.held, kind);
		if (rights != 0)
			(void)cap_table_grant(&p->held, kind, rights);
	}
	return 0;
}
