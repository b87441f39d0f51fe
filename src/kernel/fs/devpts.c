/*
 * /dev/pts (see devpts.h).  The slaves come and go with their pairs, so
 * their nodes stay out of the node cache (which keeps every node until
 * shutdown): each lookup asks tty/pty.h whether the pair is there.  One node
 * per index is made on first use and reused, refreshed at each lookup with
 * the pair's owner, so at most PTY_MAX of them ever exist.
 */
#include "fs/devpts.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "proc/process.h"
#include "tty/pty.h"

#define DEVPTS_DIR_PERM 0755u
#define DEVPTS_NAME_MAX 4u  /* decimal digits of an index below PTY_MAX, and a NUL */
#define DEVPTS_INO_BASE 2u  /* /dev/pts/N has inode N + 2 (the directory has 1) */
#define DEVPTS_DECIMAL 10u
#define DEVPTS_DIR_NLINK 2u /* ".", and its entry in /dev */
#define DEVPTS_RDEV(major, minor) (((uint64_t)(major) << 8) | (minor))

_Static_assert(PTY_MAX <= 100u, "an index must print in DEVPTS_NAME_MAX - 1 digits");

static const vnode_ops_t devpts_dir_ops;
static const vnode_ops_t devpts_slave_ops;
static vnode_t *devpts_node;
static vnode_t *devpts_slaves[PTY_MAX];

/* The index a name spells ("0".."63", no sign or leading zero), or -ENOENT. */
static int devpts_parse(const char *name, size_t len)
{
	if (len == 0 || len >= DEVPTS_NAME_MAX || (len > 1 && name[0] == '0'))
		return -ENOENT;
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -ENOENT;
		v = v * DEVPTS_DECIMAL + (unsigned)(name[i] - '0');
	}
	return v < PTY_MAX ? (int)v : -ENOENT;
}

/* An index in decimal into buf (DEVPTS_NAME_MAX bytes): its length. */
static size_t devpts_format(unsigned index, char *buf)
{
	char digits[DEVPTS_NAME_MAX];
	size_t n = 0;
	do {
		digits[n++] = (char)('0' + index % DEVPTS_DECIMAL);
		index /= DEVPTS_DECIMAL;
	} while (index);
	for (size_t i = 0; i < n; i++)
		buf[i] = digits[n - 1 - i];
	buf[n] = '\0';
	return n;
}

static int devpts_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	int index = devpts_parse(name, len);
	pty_slave_info_t info;
	if (index < 0 || pty_slave_info((unsigned)index, &info) != 0)
		return -ENOENT;
	/* Opening a locked slave fails with EIO; devfs opens cannot say so yet (spec/tty.md TTY-111). */
	if (info.locked)
		return -EIO;
	vnode_t *n = devpts_slaves[index];
	if (!n) {
		n = vnode_new_child(dir, name, len, &devpts_slave_ops);
		if (!n)
			return -ENOMEM;
		n->dev = VNODE_DEV_DEVFS;
		n->ino = DEVPTS_INO_BASE + (unsigned)index;
		n->rdev = DEVPTS_RDEV(PTY_SLAVE_MAJOR, (unsigned)index);
		n->mode = AEGIS_S_IFCHR | PTY_SLAVE_PERM;
		n->data = (void *)(uintptr_t)index;
		devpts_slaves[index] = n;
	}
	n->uid = info.uid;
	n->gid = info.gid;
	*out = n;
	return 0;
}

typedef struct {
	vnode_dirent_fn fn;
	void *ctx;
} devpts_list_ctx_t;

static int devpts_list_one(void *ctx, unsigned index)
{
	devpts_list_ctx_t *lc = ctx;
	char name[DEVPTS_NAME_MAX];
	vnode_dirent_t d = { name, devpts_format(index, name), DEVPTS_INO_BASE + index, AEGIS_DT_CHR };
	return lc->fn(lc->ctx, &d);
}

static int devpts_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	devpts_list_ctx_t lc = { fn, ctx };
	return pty_list(devpts_list_one, &lc);
}

/* The slave's open; NULL (read as -ENOMEM) when the pair went away or locked meanwhile. */
static file_t *devpts_open(vnode_t *node, uint32_t flags)
{
	file_t *f = NULL;
	if (pty_open_slave(proc_current(), (unsigned)(uintptr_t)node->data, flags, &f) != 0)
		return NULL;
	return f;
}

static void devpts_forget(vnode_t *node)
{
	if (node == devpts_node)
		devpts_node = NULL;
}

static const vnode_ops_t devpts_dir_ops = { .lookup = devpts_lookup, .list = devpts_list, .forget = devpts_forget };
static const vnode_ops_t devpts_slave_ops = { .open_device = devpts_open };

vnode_t *devpts_dir(vnode_t *dev, uint64_t ino)
{
	if (devpts_node)
		return devpts_node;
	vnode_t *n = vnode_new_child(dev, DEVPTS_NAME, kstrlen(DEVPTS_NAME), &devpts_dir_ops);
	if (!n)
		return NULL;
	n->mode = AEGIS_S_IFDIR | DEVPTS_DIR_PERM;
	n->dev = VNODE_DEV_DEVFS;
	n->ino = ino;
	n->nlink = DEVPTS_DIR_NLINK;
	vnode_cache_add(n);
	devpts_node = n;
	return n;
}
