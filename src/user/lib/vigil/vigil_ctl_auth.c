/*
 * Vigil library: who may send which control request (spec/vigil.md
 * VIG-119), decided from the peer's capability table as the kernel saw it
 * at connect (SO_PEERCAPS).  status needs nothing; start, stop and restart
 * need PROC_READ(W), the right to signal processes that are not one's own
 * (CAP-112); shutdown and reboot need POWER(R), what reboot(2) needs.
 */
#include "vigil/vigil_ctl.h"

#include <aegis/errno.h>
#include <stdio.h>

vigil_ctl_need_t vigil_ctl_need(vigil_ctl_cmd_t cmd)
{
	vigil_ctl_need_t need = { CAP_KIND_NULL, 0 };
	if (vigil_ctl_needs_service(cmd)) {
		need.kind = CAP_KIND_PROC_READ;
		need.rights = CAP_RIGHTS_WRITE;
	} else if (cmd == VIGIL_CTL_SHUTDOWN || cmd == VIGIL_CTL_REBOOT) {
		need.kind = CAP_KIND_POWER;
		need.rights = CAP_RIGHTS_READ;
	}
	return need;
}

/* Whether caps hold kind with every bit of rights (slot kind - 1, as cap_query lays it out). */
static bool vigil_ctl_holds(const aegis_peercaps_t *caps, uint32_t kind, uint32_t rights)
{
	if (!caps || kind == CAP_KIND_NULL || kind > CAP_KIND_MAX || caps->count < kind)
		return false;
	const cap_slot_t *slot = &caps->slots[kind - 1u];
	return slot->kind == kind && (slot->rights & rights) == rights;
}

int vigil_ctl_authorize(vigil_ctl_cmd_t cmd, const aegis_peercaps_t *caps, char *reason, size_t cap)
{
	vigil_ctl_need_t need = vigil_ctl_need(cmd);
	if (need.kind == CAP_KIND_NULL || vigil_ctl_holds(caps, need.kind, need.rights))
		return 0;
	(void)snprintf(reason, cap, "%s needs %s(%s)", vigil_ctl_command_name(cmd),
		       need.kind == CAP_KIND_POWER ? "POWER" : "PROC_READ", need.rights == CAP_RIGHTS_WRITE ? "W" : "R");
	return -ENOCAP;
}
