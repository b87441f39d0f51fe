/*
 * Controlling terminals (see ctty.h): the registry of terminals that can
 * control a session, acquiring one on open, /dev/tty, disassociation and the
 * session leader's exit.
 */
#include "tty/ctty.h"

#include <stddef.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "proc/proc_internal.h"

#define CTTY_NO_FG 0            /* the line discipline's "no foreground group" */
#define CTTY_MINOR_LOW 0xffu    /* Linux's new_encode_dev: the low minor byte ... */
#define CTTY_MAJOR_SHIFT 8u     /* ... then the major ... */
#define CTTY_MINOR_HIGH_SHIFT 12u /* ... then the rest of the minor */

static tty_ctty_t *ctty_list;

void ctty_register(tty_ctty_t *t, tty_ldisc_t *ld, uint32_t major, uint32_t minor, tty_ctty_open_fn open,
		   void *owner)
{
	t->sid = CTTY_NO_SESSION;
	t->ld = ld;
	t->major = major;
	t->minor = minor;
	t->open = open;
	t->owner = owner;
	t->next = ctty_list;
	ctty_list = t;
}

void ctty_unregister(tty_ctty_t *t)
{
	ctty_disassociate(t);
	for (tty_ctty_t **link = &ctty_list; *link; link = &(*link)->next) {
		if (*link == t) {
			*link = t->next;
			t->next = NULL;
			return;
		}
	}
}

/* The terminal session sid controls, or NULL. */
static tty_ctty_t *ctty_of_session(int sid)
{
	if (sid == CTTY_NO_SESSION)
		return NULL;
	for (tty_ctty_t *t = ctty_list; t; t = t->next)
		if (t->sid == sid)
			return t;
	return NULL;
}

tty_ctty_t *ctty_of(const process_t *p)
{
	if (!p || p->ctty_dropped)
		return NULL;
	return ctty_of_session(p->sid);
}

void ctty_open_acquire(tty_ctty_t *t, process_t *p, uint32_t flags)
{
	if (!p || (flags & AEGIS_O_NOCTTY) || p->pid != p->sid)
		return;
	if (t->sid != CTTY_NO_SESSION || ctty_of(p))
		return;
	ctty_attach(t, p);
}

void ctty_attach(tty_ctty_t *t, process_t *p)
{
	p->ctty_dropped = false;
	t->sid = p->sid;
	t->ld->fg_pgrp = p->pgid;
}

int ctty_open_current(process_t *p, uint32_t flags, file_t **out)
{
	tty_ctty_t *t = ctty_of(p);
	if (!t)
		return -ENXIO;
	return t->open(t, p, flags | AEGIS_O_NOCTTY, out);
}

void ctty_disassociate(tty_ctty_t *t)
{
	t->sid = CTTY_NO_SESSION;
	t->ld->fg_pgrp = CTTY_NO_FG;
}

void ctty_session_hangup(tty_ctty_t *t)
{
	int32_t fg = t->ld->fg_pgrp;
	ctty_disassociate(t);
	if (fg > 0) {
		proc_signal_group(fg, SIGHUP);
		proc_signal_group(fg, SIGCONT);
	}
}

void ctty_leader_exit(process_t *p)
{
	tty_ctty_t *t = p && p->pid == p->sid ? ctty_of(p) : NULL;
	if (t)
		ctty_session_hangup(t);
}

uint32_t ctty_tty_nr(const process_t *p)
{
	const tty_ctty_t *t = ctty_of(p);
	if (!t)
		return 0;
	return (t->minor & CTTY_MINOR_LOW) | (t->major << CTTY_MAJOR_SHIFT) |
	       ((t->minor & ~CTTY_MINOR_LOW) << CTTY_MINOR_HIGH_SHIFT);
}

int ctty_tpgid(const process_t *p)
{
	const tty_ctty_t *t = ctty_of(p);
	return t && t->ld->fg_pgrp > 0 ? t->ld->fg_pgrp : CTTY_NO_PGRP;
}
