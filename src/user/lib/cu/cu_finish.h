/*
 * The last step of a tool that prints through cu_out (spec/coreutils.md
 * CU-011): flush, and when output could not be written say
 * `prog: write error: <message>` and fail, as GNU tools do.
 */
#ifndef AEGIS_CU_FINISH_H
#define AEGIS_CU_FINISH_H

#include "cu/cu_out.h"

/* Flush o; returns status, or CU_EXIT_FAIL after reporting a write error. */
int cu_finish(cu_out_t *o, const char *prog, int status);

#endif
