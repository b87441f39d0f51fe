/*
 * The dentry tree (see dentry.h): child lists, reference counts, the LRU
 * list of unused dentries, renames and removals, and paths.
 */
#include "fs/dentry.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "fs/mount.h"
#include "mm/kheap.h"

#define DENTRY_DELETED_SUFFIX " (deleted)"

static dentry_t *lru_head, *lru_tail; /* oldest first */
static size_t dentry_live, dentry_unused;

static void lru_remove(dentry_t *d)
{
	if (d->lru_prev)
		d->lru_prev->lru_next = d->lru_next;
	else
		lru_head = d->lru_next;
	if (d->lru_next)
		d->lru_next->lru_prev = d->lru_prev;
	else
		lru_tail = d->lru_prev;
	d->lru_prev = d->lru_next = NULL;
	dentry_unused--;
}

static void lru_append(dentry_t *d)
{
	d->lru_prev = lru_tail;
	d->lru_next = NULL;
	if (lru_tail)
		lru_tail->lru_next = d;
	else
		lru_head = d;
	lru_tail = d;
	dentry_unused++;
}

static dentry_t *dentry_alloc(const char *name, size_t len, vnode_t *node)
{
	dentry_t *d = kcalloc(1, sizeof(*d));
	char *copy = kmalloc(len ? len : 1u);
	if (!d || !copy) {
		kfree(d);
		kfree(copy);
		return NULL;
	}
	kmemcpy(copy, name, len);
	d->name = copy;
	d->name_len = len;
	d->node = node;
	d->refs = 1;
	dentry_live++;
	return d;
}

dentry_t *dentry_new_root(vnode_t *node)
{
	dentry_t *d = dentry_alloc("/", 1, node);
	if (!d)
		vnode_put(node);
	return d;
}

void dentry_hold(dentry_t *d)
{
	if (d->refs++ == 0)
		lru_remove(d);
}

dentry_t *dentry_find_child(dentry_t *dir, const char *name, size_t len)
{
	for (dentry_t *c = dir->children; c; c = c->sibling) {
		if (c->name_len == len && kmemcmp(c->name, name, len) == 0)
			return c;
	}
	return NULL;
}

static void dentry_link_child(dentry_t *dir, dentry_t *d)
{
	d->parent = dir;
	d->sibling = dir->children;
	dir->children = d;
	dentry_hold(dir);
}

dentry_t *dentry_add_child(dentry_t *dir, const char *name, size_t len, vnode_t *node)
{
	dentry_t *d = dentry_alloc(name, len, node);
	if (!d) {
		vnode_put(node);
		return NULL;
	}
	dentry_link_child(dir, d);
	d->refs = 0;
	lru_append(d);
	return d;
}

/* Take d out of its parent's child list (the parent reference stays with d). */
static void dentry_unlink_child(dentry_t *d)
{
	if (!d->parent || d->unhashed)
		return;
	dentry_t **at = &d->parent->children;
	while (*at && *at != d)
		at = &(*at)->sibling;
	if (*at)
		*at = d->sibling;
	d->sibling = NULL;
}

/* Free an unused dentry with no children; its parent may become unused in turn. */
static void dentry_free(dentry_t *d)
{
	dentry_unlink_child(d);
	dentry_t *parent = d->parent;
	vnode_put(d->node);
	kfree(d->name);
	kfree(d);
	dentry_live--;
	dentry_put(parent);
}

static bool dentry_volatile(const dentry_t *d)
{
	return d->node && d->node->sb && d->node->sb->volatile_names;
}

void dentry_put(dentry_t *d)
{
	if (!d || --d->refs != 0)
		return;
	/* A removed name, or a root no mount holds, is freed at its last use; others stay cached. */
	if ((d->unhashed || !d->parent) && !d->children && !d->mounted && !d->root_of) {
		dentry_free(d);
		return;
	}
	lru_append(d);
}

void dentry_unhash(dentry_t *d)
{
	dentry_unlink_child(d);
	d->unhashed = true;
}

int dentry_move(dentry_t *d, dentry_t *new_dir, const char *new_name, size_t new_len)
{
	char *copy = kmalloc(new_len ? new_len : 1u);
	if (!copy) {
		dentry_unhash(d);
		return -ENOMEM;
	}
	kmemcpy(copy, new_name, new_len);
	dentry_unlink_child(d);
	dentry_t *old_parent = d->parent;
	kfree(d->name);
	d->name = copy;
	d->name_len = new_len;
	dentry_link_child(new_dir, d);
	dentry_put(old_parent);
	return 0;
}

/* Where d's path goes up: a mount root climbs to its mount point first. */
static const dentry_t *dentry_up(const dentry_t *d, bool *at_root)
{
	while (d->root_of && d->root_of->point)
		d = d->root_of->point;
	*at_root = d->parent == NULL;
	return d;
}

long dentry_path(const dentry_t *d, char *buf, size_t cap)
{
	if (cap == 0)
		return -ENAMETOOLONG;
	bool deleted = d->unhashed;
	size_t suffix = deleted ? sizeof(DENTRY_DELETED_SUFFIX) - 1u : 0u;
	/* Build right to left at the end of buf, then move to the front. */
	size_t at = cap - 1u;
	buf[at] = '\0';
	if (suffix > at)
		return -ENAMETOOLONG;
	at -= suffix;
	kmemcpy(buf + at, DENTRY_DELETED_SUFFIX, suffix);
	bool root;
	const dentry_t *cur = dentry_up(d, &root);
	bool any = false;
	while (!root) {
		if (cur->name_len + 1u > at)
			return -ENAMETOOLONG;
		at -= cur->name_len;
		kmemcpy(buf + at, cur->name, cur->name_len);
		buf[--at] = '/';
		any = true;
		cur = dentry_up(cur->parent, &root);
	}
	if (!any) {
		if (at == 0)
			return -ENAMETOOLONG;
		buf[--at] = '/';
	}
	size_t len = cap - 1u - at;
	kmemmove(buf, buf + at, len + 1u);
	return (long)len;
}

static bool dentry_can_free(const dentry_t *d)
{
	return !d->children && !d->mounted && !d->root_of && d->parent;
}

/*
 * One pass from the oldest unused dentry: free those wanted (all, or over
 * the bound, or volatile).  Freeing a leaf may put its parent at the tail,
 * where the same pass reaches it; nodes ahead on the list are unaffected.
 */
static void dentry_trim_pass(bool all)
{
	dentry_t *d = lru_head;
	while (d) {
		dentry_t *next = d->lru_next;
		bool wanted = all || dentry_unused > DENTRY_CACHE_MAX || dentry_volatile(d);
		if (wanted && dentry_can_free(d)) {
			lru_remove(d);
			dentry_free(d);
		}
		d = next;
	}
}

void dentry_trim(void)
{
	dentry_trim_pass(false);
}

void dentry_trim_all(void)
{
	dentry_trim_pass(true);
}

size_t dentry_count(void)
{
	return dentry_live;
}

size_t dentry_unused_count(void)
{
	return dentry_unused;
}
