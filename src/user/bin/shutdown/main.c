/*
 * shutdown (spec/vigil.md VIG-117): ask Vigil to stop every service and power the machine off,
 * the same request as `vigictl shutdown`.
 */
#include "uio/uio.h"
#include "vigilctl/vigilctl.h"

#define SHUTDOWN_STDERR 2

int main(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		(void)uio_printf(SHUTDOWN_STDERR, "usage: shutdown\n");
		return VIGILCTL_EXIT_USAGE;
	}
	return vigilctl_request("shutdown", VIGIL_CTL_SHUTDOWN, NULL);
}
