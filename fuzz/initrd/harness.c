/*
 * AFL++ harness for the initrd parser (src/kernel/fs/initrd_parse.c).
 *
 * The input is a whole module.  The harness parses it in place (the drivers
 * hand over an exact-size heap copy, so any read past the end is caught) and,
 * when it is accepted, checks the index: every entry's name and data lie
 * inside the input, types and sizes agree with the rules, each entry is found
 * again by its path, paths are strictly sorted (so unique), every parent is a
 * directory that lists the entry; then frees it.  A rejected input must leave
 * *out NULL, a reason, and no heap block behind.
 *
 * Supports spec/initrd.md INITRD-010 (no crash, no read outside the module,
 * bounded work, everything freed on failure), INITRD-003, INITRD-005,
 * INITRD-007, INITRD-008 (the accepted index obeys the rules) and
 * INITRD-009 (a rejection carries a printable reason).  A broken property
 * aborts.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <aegis/errno.h>

#include "boot/bootinfo.h"
#include "fs/initrd.h"
#include "fuzz.h"
#include "fuzz_machine.h"
#include "mm/kheap.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"
#include "sim.h"

#define FZ_INPUT_MAX (1024u * 1024u)

static void fz_fail(const char *what)
{
	fprintf(stderr, "initrd harness: invariant broken: %s\n", what);
	abort();
}


typedef struct {
	const initrd_t *rd;
	const uint8_t *base;
	size_t size;
	const char *prev;
	size_t prev_len;
	size_t visited;
} fz_walk_t;

static bool inside(const fz_walk_t *w, const void *p, size_t len)
{
	const uint8_t *b = p;
	return b >= w->base && b <= w->base + w->size && len <= (size_t)(w->base + w->size - b);
}

static int child_matches(void *ctx, const initrd_entry_t *e)
{
	return strcmp(e->path, ctx) == 0 ? 1 : 0;
}

static int check_entry(void *ctx, const initrd_entry_t *e)
{
	fz_walk_t *w = ctx;
	w->visited++;
	if (e->path_len == 0 || !inside(w, e->path, e->path_len + 1) || e->path[e->path_len] != '\0' ||
	    strlen(e->path) != e->path_len)
		fz_fail("path outside the input or not terminated");
	if (e->path[0] == '/' || strstr(e->path, "//") || e->path[e->path_len - 1] == '/')
		fz_fail("path not normalised");
	if (e->size && !inside(w, e->data, e->size))
		fz_fail("data outside the input");
	switch (e->type) {
	case INITRD_TYPE_FILE:
		if (e->target != NULL)
			fz_fail("file with a target");
		break;
	case INITRD_TYPE_DIR:
		if (e->size != 0)
			fz_fail("directory with data");
		break;
	case INITRD_TYPE_SYMLINK:
		if (e->target == NULL || strlen(e->target) != e->size || e->size == 0 || e->size > INITRD_TARGET_MAX ||
		    memcmp(e->target, e->data, e->size) != 0)
			fz_fail("bad symlink target");
		break;
	default:
		fz_fail("unknown type");
	}
	if (w->prev != NULL) {
		size_t n = w->prev_len < e->path_len ? w->prev_len : e->path_len;
		int c = memcmp(w->prev, e->path, n);
		if (c > 0 || (c == 0 && w->prev_len >= e->path_len))
			fz_fail("paths not strictly sorted (a duplicate?)");
	}
	w->prev = e->path;
	w->prev_len = e->path_len;
	initrd_entry_t again;
	if (initrd_find(w->rd, e->path, &again) != 0 || again.data != e->data || again.path != e->path)
		fz_fail("entry not found again by its path");
	/* the parent is a directory that lists this entry */
	char parent[INITRD_NAME_MAX];
	size_t plen = (size_t)(e->name - e->path);
	memcpy(parent, e->path, plen);
	parent[plen ? plen - 1 : 0] = '\0';
	initrd_entry_t dir;
	if (initrd_find(w->rd, parent, &dir) != 0 || dir.type != INITRD_TYPE_DIR)
		fz_fail("parent missing or not a directory");
	if (initrd_list(w->rd, parent, child_matches, (void *)e->path) != 1)
		fz_fail("parent does not list the entry");
	return 0;
}

int fuzz_one(const uint8_t *data, size_t size)
{
	if (size > FZ_INPUT_MAX)
		return 0;
	fz_machine();
	kheap_stats_t before, after;
	kheap_stats(&before);
	initrd_t *rd = (initrd_t *)&before; /* must become NULL on failure */
	char reason[INITRD_REASON_MAX];
	int rc = initrd_parse(data, size, &rd, reason, sizeof(reason));
	if (rc == 0) {
		if (rd == NULL)
			fz_fail("parse succeeded without an index");
		fz_walk_t w = {.rd = rd, .base = data, .size = size};
		if (initrd_foreach(rd, check_entry, &w) != 0 || w.visited != initrd_count(rd) ||
		    w.visited > INITRD_MAX_ENTRIES)
			fz_fail("walk count");
		initrd_entry_t root;
		if (initrd_find(rd, "/", &root) != 0 || root.type != INITRD_TYPE_DIR)
			fz_fail("no root directory");
		initrd_free(rd);
	} else {
		if (rc != -EINVAL && rc != -ENOMEM)
			fz_fail("unexpected error code");
		if (rd != NULL)
			fz_fail("failed parse left *out set");
		if (reason[0] == '\0' || strlen(reason) >= INITRD_REASON_MAX - 1)
			fz_fail("failed parse without a reason, or a cut one");
		for (const char *p = reason; *p; p++)
			if (*p < 0x20 || *p > 0x7e)
				fz_fail("unprintable byte in a reason");
	}
	kheap_stats(&after);
	if (after.live_blocks != before.live_blocks)
		fz_fail("heap blocks leaked");
	return 0;
}
