/*
 * vigictl (spec/vigil.md VIG-112): `vigictl status|start|stop|restart|
 * shutdown|reboot [service]`, one request over Vigil's control FIFO; the
 * answer is printed here, by vigictl.
 */
#include <stdbool.h>

#include "uio/uio.h"
#include "vigilctl/vigilctl.h"

#define VIGICTL_STDERR 2

static int usage(void)
{
	(void)uio_printf(VIGICTL_STDERR, "usage: vigictl status [service]\n"
					 "       vigictl start|stop|restart service\n"
					 "       vigictl shutdown|reboot\n");
	return VIGILCTL_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	vigil_ctl_cmd_t cmd;
	if (argc < 2 || argc > 3 || vigil_ctl_command(argv[1], &cmd) != 0)
		return usage();
	bool needs = cmd == VIGIL_CTL_START || cmd == VIGIL_CTL_STOP || cmd == VIGIL_CTL_RESTART;
	bool takes = needs || cmd == VIGIL_CTL_STATUS;
	if ((needs && argc != 3) || (!takes && argc != 2))
		return usage();
	return vigilctl_request("vigictl", cmd, argc == 3 ? argv[2] : NULL);
}
