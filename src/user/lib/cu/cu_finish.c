/*
 * Flush and report a write error (see cu_finish.h).
 */
#include "cu/cu_finish.h"

#include "cu/cu_msg.h"

int cu_finish(cu_out_t *o, const char *prog, int status)
{
	long err = cu_out_flush(o);

	if (err == 0)
		return status;
	cu_msg_err(prog, err, "write error");
	return CU_EXIT_FAIL;
}
