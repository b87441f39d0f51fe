/*
 * The shared, reference-counted argument list of a process (see
 * proc_cmdline.h).
 */
#include "proc/proc_cmdline.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/kheap.h"

struct proc_cmdline {
	unsigned refs;
	size_t len;
	char bytes[];
};

/* Bytes the list of count arguments takes, each with its NUL, cut at PROC_CMDLINE_MAX. */
static size_t proc_cmdline_length(const exec_string_t *args, size_t count)
{
	size_t total = 0;
	for (size_t i = 0; i < count; i++) {
		if (args[i].len >= PROC_CMDLINE_MAX - total)
			return PROC_CMDLINE_MAX;
		total += args[i].len + 1;
	}
	return total;
}

int proc_cmdline_set(process_t *p, const exec_string_t *args, size_t count)
{
	size_t len = proc_cmdline_length(args, count);
	proc_cmdline_drop(p);
	struct proc_cmdline *c = kmalloc(sizeof(*c) + len);
	if (!c)
		return -ENOMEM;
	c->refs = 1;
	c->len = 0;
	for (size_t i = 0; c->len < len; i++) {
		size_t piece = args[i].len + 1 < len - c->len ? args[i].len + 1 : len - c->len;
		size_t data = piece < args[i].len ? piece : args[i].len;
		kmemcpy(c->bytes + c->len, args[i].data, data);
		if (piece > data)
			c->bytes[c->len + data] = '\0';
		c->len += piece;
	}
	p->cmdline = c;
	return 0;
}

void proc_cmdline_share(process_t *child, const process_t *parent)
{
	proc_cmdline_drop(child);
	child->cmdline = parent->cmdline;
	if (child->cmdline)
		child->cmdline->refs++;
}

void proc_cmdline_drop(process_t *p)
{
	struct proc_cmdline *c = p->cmdline;
	p->cmdline = NULL;
	if (c && --c->refs == 0)
		kfree(c);
}

size_t proc_cmdline_get(const process_t *p, const char **bytes)
{
	if (!p->cmdline) {
		*bytes = NULL;
		return 0;
	}
	*bytes = p->cmdline->bytes;
	return p->cmdline->len;
}
