/*
 * /bin/true: do nothing, successfully; arguments are ignored
 * (spec/coreutils.md CU-400).
 */
#include "cu/cu_msg.h"

int main(void)
{
	return CU_EXIT_OK;
}
