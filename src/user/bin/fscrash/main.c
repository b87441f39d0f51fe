/*
 * fscrash's entry point (fscrash.h): the writer, or the reader when started
 * as /bin/fscrash-verify (how a PID 1 that gets no arguments picks it) or
 * with the argument "verify".
 */
#include <string.h>

#include "fscrash.h"

/* The last component of path. */
static const char *fc_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	int verify = (argc > 1 && strcmp(argv[1], FC_VERIFY_ARG) == 0) ||
	             (argc > 0 && strcmp(fc_basename(argv[0]), FC_VERIFY_NAME) == 0);
	return verify ? fc_verify_rounds() : fc_write_rounds();
}
