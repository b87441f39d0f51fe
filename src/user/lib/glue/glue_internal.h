/*
 * What the glue's own files share: the public declarations, the system-call
 * numbers and the transport.  Not for programs: they include glue/glue.h.
 */
#ifndef AEGIS_GLUE_INTERNAL_H
#define AEGIS_GLUE_INTERNAL_H

#include <stdint.h>

#include <aegis/syscall_nr.h>

#include "glue/glue.h"
#include "glue/glue_call.h"

/* An address as a system-call argument. */
#define GLUE_PTR(p) ((long)(uintptr_t)(p))

#endif
