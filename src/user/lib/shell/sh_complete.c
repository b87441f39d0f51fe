/* Tab completion's rules (sh_complete.h): the word, its sources, the sorted matches and their listing. */
#include "shell/sh_complete.h"

#include <stdio.h>
#include <string.h>

#include "shell/sh_limits.h"

#define SH_COMPLETE_DEFAULT_PATH "/bin"
#define SH_COMPLETE_HERE "."

static bool sh_complete_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether the word starting at ws is a command name: only blanks, or ; | & then blanks, before it. */
static bool sh_complete_command_position(const char *line, size_t ws)
{
	while (ws > 0 && sh_complete_blank(line[ws - 1]))
		ws--;
	return ws == 0 || line[ws - 1] == ';' || line[ws - 1] == '|' || line[ws - 1] == '&';
}

static bool sh_complete_hidden(const sh_complete_t *c, const char *name)
{
	if (name[0] != '.')
		return false;
	if (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))
		return true;
	return c->wantlen == 0 || c->want[0] != '.';
}

/* Keep name in the sorted names (dropping the greatest when full); false for a name already kept. */
static bool sh_complete_keep(sh_complete_t *c, const char *name, size_t len, bool dir)
{
	size_t i = 0;
	while (i < c->kept) {
		int cmp = strcmp(name, c->names[i].name);
		if (cmp == 0)
			return false;
		if (cmp < 0)
			break;
		i++;
	}
	if (i == SH_COMPLETE_MAX)
		return true; /* counted, not kept */
	if (c->kept < SH_COMPLETE_MAX)
		c->kept++;
	memmove(&c->names[i + 1], &c->names[i], (c->kept - 1 - i) * sizeof(c->names[0]));
	memcpy(c->names[i].name, name, len + 1);
	c->names[i].dir = dir;
	return true;
}

void sh_complete_offer(sh_complete_t *c, const char *name, bool dir)
{
	size_t len = strlen(name);

	if ((c->commands && dir) || len > SH_COMPLETE_NAME_MAX || len < c->wantlen ||
	    (c->wantlen > 0 && memcmp(name, c->want, c->wantlen) != 0) || sh_complete_hidden(c, name))
		return;
	if (!sh_complete_keep(c, name, len, dir))
		return;
	if (c->total++ == 0) {
		memcpy(c->common, name, len + 1);
		c->commonlen = len;
		return;
	}
	size_t same = 0;
	while (same < c->commonlen && name[same] == c->common[same])
		same++;
	c->commonlen = same;
	c->common[same] = '\0';
}

/* List directory dir[0..len) (the working directory when len is 0: an empty PATH entry). */
static void sh_complete_list(const sh_complete_src_t *src, const char *dir, size_t len, sh_complete_t *c)
{
	char path[SH_PATH_MAX];

	if (len == 0) {
		dir = SH_COMPLETE_HERE;
		len = strlen(SH_COMPLETE_HERE);
	}
	if (len >= sizeof(path))
		return;
	memcpy(path, dir, len);
	path[len] = '\0';
	src->list(src->ctx, path, c);
}

static void sh_complete_commands(const sh_complete_src_t *src, sh_complete_t *c)
{
	const char *path = src->path != NULL ? src->path : SH_COMPLETE_DEFAULT_PATH;

	for (size_t i = 0; src->builtins != NULL && src->builtins[i] != NULL; i++)
		sh_complete_offer(c, src->builtins[i], false);
	for (;;) {
		const char *end = strchr(path, ':');
		size_t len = end != NULL ? (size_t)(end - path) : strlen(path);
		sh_complete_list(src, path, len, c);
		if (end == NULL)
			break;
		path = end + 1;
	}
}

bool sh_complete_gather(const sh_complete_src_t *src, const char *line, size_t cursor, sh_complete_t *c,
			size_t *wordlen)
{
	size_t ws = cursor, slash = cursor;

	while (ws > 0 && !sh_complete_blank(line[ws - 1]))
		ws--;
	for (size_t i = ws; i < cursor; i++)
		if (line[i] == '/')
			slash = i;
	c->kept = 0;
	c->total = 0;
	c->commonlen = 0;
	c->common[0] = '\0';
	c->commands = slash == cursor && sh_complete_command_position(line, ws);
	c->want = slash == cursor ? line + ws : line + slash + 1;
	c->wantlen = (size_t)(line + cursor - c->want);
	*wordlen = c->wantlen;
	if (c->wantlen > SH_COMPLETE_NAME_MAX)
		return false;
	if (c->commands)
		sh_complete_commands(src, c);
	else if (slash == cursor)
		sh_complete_list(src, SH_COMPLETE_HERE, strlen(SH_COMPLETE_HERE), c);
	else /* the directory without its last '/', unless that is the root's */
		sh_complete_list(src, line + ws, slash == ws ? 1 : slash - ws, c);
	return true;
}

/* Append text to out[*len..cap) as far as it fits. */
static void sh_complete_put(char *out, size_t cap, size_t *len, const char *text, size_t n)
{
	if (n > cap - *len)
		n = cap - *len;
	memcpy(out + *len, text, n);
	*len += n;
}

size_t sh_complete_format(const sh_complete_t *c, char *out, size_t cap)
{
	size_t widest = 0, len = 0;

	for (size_t i = 0; i < c->kept; i++) {
		size_t w = strlen(c->names[i].name) + (c->names[i].dir ? 1 : 0);
		widest = w > widest ? w : widest;
	}
	size_t cell = widest + SH_COMPLETE_GAP;
	size_t cols = cell < SH_COMPLETE_WIDTH ? SH_COMPLETE_WIDTH / cell : 1;
	size_t rows = (c->kept + cols - 1) / cols;
	for (size_t r = 0; r < rows; r++) {
		for (size_t k = r; k < c->kept; k += rows) {
			const sh_complete_name_t *n = &c->names[k];
			size_t w = strlen(n->name);
			sh_complete_put(out, cap, &len, n->name, w);
			sh_complete_put(out, cap, &len, "/", n->dir ? 1 : 0);
			for (size_t pad = w + (n->dir ? 1 : 0); k + rows < c->kept && pad < cell; pad++)
				sh_complete_put(out, cap, &len, " ", 1);
		}
		sh_complete_put(out, cap, &len, "\n", 1);
	}
	if (c->total > c->kept) {
		char more[SH_COMPLETE_WIDTH];
		int n = snprintf(more, sizeof(more), "(more than %d matches)\n", SH_COMPLETE_MAX);
		sh_complete_put(out, cap, &len, more, n > 0 ? (size_t)n : 0);
	}
	return len;
}
