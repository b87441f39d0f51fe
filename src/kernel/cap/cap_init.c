/*
 * Capability subsystem start-up.  The table core keeps no global state, so
 * there is nothing to set up but the marker that says the subsystem is in.
 */
#include "cap/cap_init.h"
#include "core/log.h"

void cap_subsystem_init(void)
{
	boot_mark("CAP", MARK_OK, "capability subsystem initialized");
}
