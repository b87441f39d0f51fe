/*
 * /bin/false: do nothing, unsuccessfully; arguments are ignored
 * (spec/coreutils.md CU-400).
 */
#include "cu/cu_msg.h"
#include "glue/glue.h"

int main(void)
{
	sys_exit_group(CU_EXIT_FAIL); /* through the glue: the sim runs only programs linked with it */
}
