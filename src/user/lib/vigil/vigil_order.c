/*
 * Vigil library: dependency order (spec/vigil.md VIG-060..063).
 *
 * n is at most VIGIL_SERVICES_MAX (64), so plain matrices and cubic loops are
 * cheap and easy to check: dep[i][j] means i starts after j.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "vigil/vigil_order.h"

typedef struct {
	const vigil_service_t *svcs;
	size_t n;
	size_t sorted[VIGIL_SERVICES_MAX]; /* valid services by name */
	size_t n_sorted;
	bool dep[VIGIL_SERVICES_MAX][VIGIL_SERVICES_MAX];
	bool reach[VIGIL_SERVICES_MAX][VIGIL_SERVICES_MAX];
	bool started[VIGIL_SERVICES_MAX];
	vigil_report_fn report;
	void *ctx;
	int problems;
	char line[VIGIL_REPORT_MAX];
} order_state_t;

static void order_report(order_state_t *st)
{
	st->problems++;
	if (st->report != NULL)
		st->report(st->line, st->ctx);
}

static int order_find(const order_state_t *st, const char *name)
{
	for (size_t k = 0; k < st->n_sorted; k++)
		if (strcmp(st->svcs[st->sorted[k]].name, name) == 0)
			return (int)st->sorted[k];
	return -1;
}

/* Keep the first service of each name, sorted by name (insertion sort). */
static void order_sort_names(order_state_t *st)
{
	for (size_t i = 0; i < st->n; i++) {
		const char *name = st->svcs[i].name;
		if (order_find(st, name) >= 0) {
			snprintf(st->line, sizeof(st->line), "service '%s' defined twice; the second is ignored", name);
			order_report(st);
			continue;
		}
		size_t k = st->n_sorted++;
		while (k > 0 && strcmp(st->svcs[st->sorted[k - 1]].name, name) > 0) {
			st->sorted[k] = st->sorted[k - 1];
			k--;
		}
		st->sorted[k] = i;
	}
}

static void order_edges(order_state_t *st)
{
	for (size_t k = 0; k < st->n_sorted; k++) {
		size_t i = st->sorted[k];
		const vigil_after_t *a = &st->svcs[i].after;
		for (size_t d = 0; d < a->count && d < VIGIL_AFTER_MAX; d++) {
			int j = order_find(st, a->names[d]);
			if (j < 0) {
				snprintf(st->line, sizeof(st->line),
					 "service '%s': after names unknown service '%s'; ignored",
					 st->svcs[i].name, a->names[d]);
				order_report(st);
				continue;
			}
			st->dep[i][j] = true;
		}
	}
}

static bool order_ready(const order_state_t *st, size_t i)
{
	for (size_t k = 0; k < st->n_sorted; k++) {
		size_t j = st->sorted[k];
		if (st->dep[i][j] && !st->started[j])
			return false;
	}
	return true;
}

static void order_kahn(order_state_t *st, vigil_order_t *out)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t k = 0; k < st->n_sorted; k++) {
			size_t i = st->sorted[k];
			if (!st->started[i] && order_ready(st, i)) {
				st->started[i] = true;
				out->index[out->count++] = i;
				progress = true;
				break;
			}
		}
	}
}

/* Transitive closure of dep over the services left out. */
static void order_closure(order_state_t *st)
{
	for (size_t i = 0; i < st->n; i++)
		for (size_t j = 0; j < st->n; j++)
			st->reach[i][j] = st->dep[i][j] && !st->started[i] && !st->started[j];
	for (size_t m = 0; m < st->n; m++)
		for (size_t i = 0; i < st->n; i++)
			if (st->reach[i][m])
				for (size_t j = 0; j < st->n; j++)
					if (st->reach[m][j])
						st->reach[i][j] = true;
}

static void order_append(order_state_t *st, size_t *used, const char *text)
{
	size_t n = strlen(text);

	if (*used >= sizeof(st->line))
		return;
	if (n > sizeof(st->line) - 1 - *used)
		n = sizeof(st->line) - 1 - *used; /* cannot happen: sized for 64 names */
	memcpy(st->line + *used, text, n);
	*used += n;
	st->line[*used] = '\0';
}

/* Report v's shortest cycle, found breadth-first in name order. */
static void order_report_cycle(order_state_t *st, size_t v)
{
	size_t parent[VIGIL_SERVICES_MAX], queue[VIGIL_SERVICES_MAX], path[VIGIL_SERVICES_MAX];
	bool seen[VIGIL_SERVICES_MAX] = { false };
	size_t head = 0, tail = 0, last = v, len = 0, used = 0;
	bool found = false;

	queue[tail++] = v;
	seen[v] = true;
	while (head < tail && !found) {
		size_t x = queue[head++];
		for (size_t k = 0; k < st->n_sorted && !found; k++) {
			size_t y = st->sorted[k];
			if (!st->dep[x][y] || st->started[y])
				continue;
			if (y == v) {
				found = true;
				last = x;
			} else if (!seen[y]) {
				seen[y] = true;
				parent[y] = x;
				queue[tail++] = y;
			}
		}
	}
	for (size_t x = last; x != v; x = parent[x])
		path[len++] = x;
	order_append(st, &used, "service '");
	order_append(st, &used, st->svcs[v].name);
	order_append(st, &used, "' not started: dependency cycle ");
	order_append(st, &used, st->svcs[v].name);
	while (len > 0) {
		order_append(st, &used, " -> ");
		order_append(st, &used, st->svcs[path[--len]].name);
	}
	order_append(st, &used, " -> ");
	order_append(st, &used, st->svcs[v].name);
	order_report(st);
}

static void order_report_left(order_state_t *st)
{
	order_closure(st);
	for (size_t k = 0; k < st->n_sorted; k++) {
		size_t v = st->sorted[k];
		if (st->started[v])
			continue;
		if (st->reach[v][v]) {
			order_report_cycle(st, v);
			continue;
		}
		for (size_t m = 0; m < st->n_sorted; m++) {
			size_t u = st->sorted[m];
			if (st->dep[v][u] && !st->started[u]) {
				snprintf(st->line, sizeof(st->line),
					 "service '%s' not started: it starts after '%s', which cannot start",
					 st->svcs[v].name, st->svcs[u].name);
				order_report(st);
				break;
			}
		}
	}
}

int vigil_order_start(const vigil_service_t *svcs, size_t n, vigil_order_t *out,
		      vigil_report_fn report, void *ctx)
{
	order_state_t st; /* about 11 KiB; reentrant, unlike a static */

	memset(out, 0, sizeof(*out));
	if (n > VIGIL_SERVICES_MAX)
		return -E2BIG;
	memset(&st, 0, sizeof(st));
	st.svcs = svcs;
	st.n = n;
	st.report = report;
	st.ctx = ctx;
	order_sort_names(&st);
	order_edges(&st);
	order_kahn(&st, out);
	order_report_left(&st);
	return st.problems;
}

void vigil_order_stop(const vigil_order_t *start, vigil_order_t *out)
{
	size_t n = start->count <= VIGIL_SERVICES_MAX ? start->count : VIGIL_SERVICES_MAX;

	for (size_t i = 0; i < n; i++)
		out->index[i] = start->index[n - 1 - i];
	out->count = n;
}
