/*
 * A user program that misbehaves in the way argv[1] names, after one getpid
 * call (SIMP-040..SIMP-043):
 *   abort    - dies by SIGABRT
 *   hostexit - ends with the host's _exit(9), never telling the kernel
 *   close    - closes its channel and keeps running
 *   garbage  - sends a malformed message on its channel and waits
 *   wait     - makes a second getpid call (the test kills it while it waits)
 * The host calls here are the point of the test: a real program never makes them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <aegis/sim_channel.h>

#include "uprog_lib.h"

#define UPROG_HOSTEXIT_STATUS 9

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	uprog_call3(SYS_getpid, 0, 0, 0);
	if (strcmp(mode, "abort") == 0)
		abort();
	if (strcmp(mode, "hostexit") == 0)
		_exit(UPROG_HOSTEXIT_STATUS);
	if (strcmp(mode, "close") == 0) {
		close(SIM_CHANNEL_FD);
		for (;;)
			pause();
	}
	if (strcmp(mode, "garbage") == 0) {
		(void)!send(SIM_CHANNEL_FD, "bad", 3, 0);
		for (;;)
			pause();
	}
	uprog_call3(SYS_getpid, 0, 0, 0);
	uprog_exit(UPROG_NOT_REACHED);
}
