/*
 * /dev/pts (see devpts.h).  The slaves come and go with their pairs: each
 * lookup asks tty/pty.h whether the pair is there, and the names are
 * volatile, so the dentry cache keeps none of them.  A slave's vnode is
 * found by its index while something holds it and refreshed at each lookup
 * with the pair's owner.
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
static vnode_sb_t devpts_sb = { .fstype = "devpts", .dev = VNODE_DEV_DEVFS, .volatile_names = true,
				.magic = VNODE_MAGIC_DEVPTS };
static vnode_t *devpts_node; /* the directory: made once, kept by one reference of its own */

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
	(void)dir;
	int index = devpts_parse(name, len);
	pty_slave_info_t info;
	if (index < 0 || pty_slave_info((unsigned)index, &info) != 0)
		return -ENOENT;
	uint64_t ino = DEVPTS_INO_BASE + (unsigned)index;
	vnode_t *n = vnode_find(&devpts_sb, ino);
	if (!n) {
		n = vnode_alloc(&devpts_sb, ino, &devpts_slave_ops, true);
		if (!n)
			return -ENOMEM;
		n->rdev = DEVPTS_RDEV(PTY_SLAVE_MAJOR, (unsigned)index);
		n->mode = AEGIS_S_IFCHR | PTY_SLAVE_PERM;
		n->data = (void *)(uintptr_t)index;
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

/* The slave's open: -EIO while the pair is locked (as Linux), -ENOENT when it went away. */
static file_t *devpts_open(vnode_t *node, process_t *p, uint32_t flags, int *err)
{
	file_t *f = NULL;
	*err = pty_open_slave(p, (unsigned)(uintptr_t)node->data, flags, &f);
	return *err == 0 ? f : NULL;
}

static const vnode_ops_t devpts_dir_ops = { .lookup = devpts_lookup, .list = devpts_list };
static const vnode_ops_t devpts_slave_ops = { .open_device = devpts_open };

vnode_t *devpts_dir(uint64_t ino)
{
	if (!devpts_node) {
		devpts_node = vnode_alloc(&devpts_sb, ino, &devpts_dir_ops, false);
		if (!devpts_node)
			return NULL;
		devpts_node->mode = AEGIS_S_IFDIR | DEVPTS_DIR_PERM;
		devpts_node->nlink = DEVPTS_DIR_NLINK;
	}
	vnode_hold(devpts_node);
	return devpts_node;
}
