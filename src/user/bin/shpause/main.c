/*
 * shpause: a test helper for the shell's system tests (tests/shell): says
 * "shpause: waiting" and waits for a signal with no deadline, so the sim
 * types the next --input line (a Ctrl-C) while it runs in the foreground.
 * It sets no handler, so SIGINT ends it.
 * With an argument N it exits N right away instead (exit statuses).
 */
#include <stdlib.h>

#include "glue/glue.h"
#include "uio/uio.h"

int main(int argc, char **argv)
{
	if (argc > 1)
		return atoi(argv[1]);
	uio_write_str(1, "shpause: waiting\n");
	for (;;)
		sys_pause();
}
