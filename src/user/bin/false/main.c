/*
 * /bin/false: do nothing, unsuccessfully; arguments are ignored
 * (spec/coreutils.md CU-400).
 */
#include "cu/cu_msg.h"

int main(void)
{
	return CU_EXIT_FAIL;
}
