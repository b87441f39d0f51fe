/*
 * vigictl (spec/vigil.md VIG-112): `vigictl status|start|stop|restart|
 * shutdown|reboot [service]`, one request over Vigil's control socket; the
 * answer is printed here, by vigictl.
 */
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
	if ((vigil_ctl_needs_service(cmd) && argc != 3) || (!vigil_ctl_takes_service(cmd) && argc != 2))
		return usage();
	return vigilctl_request("vigictl", cmd, argc == 3 ? argv[2] : NULL);
}
