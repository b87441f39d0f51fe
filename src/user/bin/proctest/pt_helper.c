/*
 * proctest's helper modes: what the checks exec.  Each answers with its exit
 * status (0 = as expected, 2 = bad usage, 3 = the check inside failed).
 *
 *   proctest exit N             exit with status N
 *   proctest argv A B           exit 0 when argv is exactly {proctest, argv, A, B}
 *   proctest env NAME VALUE     exit 0 when the environment has NAME=VALUE
 *   proctest pid                exit with getpid() % 256 (checks exec keeps the PID)
 */
#include <stdlib.h>
#include <string.h>

#include "glue/glue.h"
#include "proctest.h"

#define HELPER_OK 0
#define HELPER_USAGE 2
#define HELPER_MISMATCH 3
#define HELPER_STATUS_MOD 256

static int helper_env(char **envp, const char *name, const char *value)
{
	size_t nlen = strlen(name);
	for (char **e = envp; e && *e; e++)
		if (strncmp(*e, name, nlen) == 0 && (*e)[nlen] == '=' && strcmp(*e + nlen + 1, value) == 0)
			return HELPER_OK;
	return HELPER_MISMATCH;
}

int pt_helper_main(int argc, char **argv, char **envp)
{
	const char *mode = argv[1];
	if (strcmp(mode, "exit") == 0 && argc == 3)
		return (int)strtol(argv[2], NULL, 10);
	if (strcmp(mode, "argv") == 0)
		return (argc == 4 && strcmp(argv[2], "A") == 0 && strcmp(argv[3], "B c") == 0) ? HELPER_OK : HELPER_MISMATCH;
	if (strcmp(mode, "env") == 0 && argc == 4)
		return helper_env(envp, argv[2], argv[3]);
	if (strcmp(mode, "pid") == 0)
		return (int)(sys_getpid() % HELPER_STATUS_MOD);
	return HELPER_USAGE;
}
