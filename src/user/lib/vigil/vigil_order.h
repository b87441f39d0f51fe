/*
 * Vigil library: start and stop order of the loaded services
 * (spec/vigil.md VIG-060..063).
 *
 * Kahn's topological sort where the next service is always the smallest name
 * among those ready, so the order is a function of the set alone.  Services
 * left over sit on a cycle or wait for one; they are reported one line each
 * through the caller's callback and left out, and every other service starts.
 */
#ifndef AEGIS_VIGIL_ORDER_H
#define AEGIS_VIGIL_ORDER_H

#include <stddef.h>

#include "vigil/vigil_service.h"

/* A report line: long enough for a cycle through every service. */
#define VIGIL_REPORT_MAX (VIGIL_SERVICES_MAX * (VIGIL_NAME_MAX + 4) + VIGIL_MSG_MAX)

typedef void (*vigil_report_fn)(const char *line, void *ctx);

typedef struct {
	size_t index[VIGIL_SERVICES_MAX]; /* positions in the caller's array */
	size_t count;
} vigil_order_t;

/*
 * Order svcs[0..n).  Returns the number of problems reported (0 when every
 * service starts), or -E2BIG for n > VIGIL_SERVICES_MAX (out empty).
 * report may be NULL.
 */
int vigil_order_start(const vigil_service_t *svcs, size_t n, vigil_order_t *out,
		      vigil_report_fn report, void *ctx);

/* The stop order: start reversed (VIG-063). */
void vigil_order_stop(const vigil_order_t *start, vigil_order_t *out);

#endif
