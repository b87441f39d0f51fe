/*
 * reboot (spec/vigil.md VIG-117): ask Vigil to stop every service and restart the machine,
 * the same request as `vigictl reboot`.
 */
#include "uio/uio.h"
#include "vigilctl/vigilctl.h"

#define REBOOT_STDERR 2

int main(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		(void)uio_printf(REBOOT_STDERR, "usage: reboot\n");
		return VIGILCTL_EXIT_USAGE;
	}
	return vigilctl_request("reboot", VIGIL_CTL_REBOOT, NULL);
}
