/* The history ring (sh_hist.h). */
#include "shell/sh_hist.h"

#include <string.h>

void sh_hist_init(sh_hist_t *h)
{
	h->count = 0;
	h->next = 0;
}

const char *sh_hist_get(const sh_hist_t *h, size_t back)
{
	if (back >= h->count)
		return NULL;
	return h->line[(h->next + SH_HIST_MAX - 1 - back) % SH_HIST_MAX];
}

void sh_hist_add(sh_hist_t *h, const char *line)
{
	const char *newest = sh_hist_get(h, 0);
	size_t len = strlen(line);

	if (len == 0 || len > SH_LINE_MAX || (newest != NULL && strcmp(newest, line) == 0))
		return;
	memcpy(h->line[h->next], line, len + 1);
	h->next = (h->next + 1) % SH_HIST_MAX;
	if (h->count < SH_HIST_MAX)
		h->count++;
}
