/* auth_elevate_session: system call 364, marking the caller's session authenticated. */
#include "authflow/authflow.h"

#include "glue/glue.h"

long auth_elevate_session(void)
{
	return sys_auth_session();
}
