/*
 * /dev: the kernel's device nodes (spec/filesystems.md FS-030..): null,
 * zero, random, urandom, console and tty, and the pseudo-terminals' ptmx
 * and pts directory (spec/tty.md TTY-110, fs/devpts.c).  The table is
 * fixed; each node is made on first lookup and opens to a file with the
 * device's operations.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "core/rng.h"
#include "fs/devpts.h"
#include "fs/vfs_union.h"
#include "proc/process.h"
#include "proc/fdtable.h"
#include "tty/console_file.h"
#include "tty/pty.h"

#define DEVFS_DIR_PERM 0755u
#define DEVFS_MAJOR_MEM 1u
#define DEVFS_MAJOR_TTY 5u
#define DEVFS_RDEV(major, minor) (((uint64_t)(major) << 8) | (minor))

static int64_t devfs_null_read(file_t *f, void *buf, size_t len)
{
	(void)f;
	(void)buf;
	(void)len;
	return 0;
}

static int64_t devfs_sink_write(file_t *f, const void *buf, size_t len)
{
	(void)f;
	(void)buf;
	return (int64_t)len;
}

static int64_t devfs_zero_read(file_t *f, void *buf, size_t len)
{
	(void)f;
	kmemset(buf, 0, len);
	return (int64_t)len;
}

static int64_t devfs_random_read(file_t *f, void *buf, size_t len)
{
	(void)f;
	rng_bytes(buf, len);
	return (int64_t)len;
}

static file_t *devfs_console_open(uint32_t flags)
{
	(void)flags;
	return console_file_open();
}

/* A new pseudo-terminal pair; NULL (read as -ENOMEM) when the table is full too. */
static file_t *devfs_ptmx_open(uint32_t flags)
{
	file_t *f = NULL;
	return pty_open_master(proc_current(), flags, &f) == 0 ? f : NULL;
}

static const file_ops_t devfs_null_ops = { .read = devfs_null_read, .write = devfs_sink_write };
static const file_ops_t devfs_zero_ops = { .read = devfs_zero_read, .write = devfs_sink_write };
static const file_ops_t devfs_random_ops = { .read = devfs_random_read, .write = devfs_sink_write };

typedef struct {
	const char *name;
	uint32_t mode;
	uint32_t major, minor;
	const file_ops_t *ops;           /* NULL: open makes the file */
	file_t *(*open)(uint32_t flags); /* the console, ptmx */
} devfs_entry_t;

static const devfs_entry_t devfs_table[] = {
	{ "null", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 3, &devfs_null_ops, NULL },
	{ "zero", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 5, &devfs_zero_ops, NULL },
	{ "random", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 8, &devfs_random_ops, NULL },
	{ "urandom", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 9, &devfs_random_ops, NULL },
	{ "tty", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_TTY, 0, NULL, devfs_console_open },
	{ "console", AEGIS_S_IFCHR | 0600u, DEVFS_MAJOR_TTY, 1, NULL, devfs_console_open },
	{ "ptmx", AEGIS_S_IFCHR | 0666u, PTY_MASTER_MAJOR, PTY_MASTER_MINOR, NULL, devfs_ptmx_open },
};
#define DEVFS_COUNT (sizeof(devfs_table) / sizeof(devfs_table[0]))
#define DEVFS_INO_PTS (DEVFS_COUNT + 2u) /* after the devices' i + 2 */

static const vnode_ops_t devfs_dir_ops;
static const vnode_ops_t devfs_dev_ops;
static vnode_t *devfs_dir;

static int devfs_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (kstrlen(DEVPTS_NAME) == len && kmemcmp(DEVPTS_NAME, name, len) == 0) {
		*out = devpts_dir(dir, DEVFS_INO_PTS);
		return *out ? 0 : -ENOMEM;
	}
	for (size_t i = 0; i < DEVFS_COUNT; i++) {
		const devfs_entry_t *e = &devfs_table[i];
		if (kstrlen(e->name) != len || kmemcmp(e->name, name, len) != 0)
			continue;
		vnode_t *n = vnode_new_child(dir, name, len, &devfs_dev_ops);
		if (!n)
			return -ENOMEM;
		n->data = (void *)e;
		n->mode = e->mode;
		n->dev = VNODE_DEV_DEVFS;
		n->ino = i + 2u;
		n->rdev = DEVFS_RDEV(e->major, e->minor);
		vnode_cache_add(n);
		*out = n;
		return 0;
	}
	return -ENOENT;
}

static int devfs_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	for (size_t i = 0; i < DEVFS_COUNT; i++) {
		vnode_dirent_t d = { devfs_table[i].name, kstrlen(devfs_table[i].name), i + 2u, AEGIS_DT_CHR };
		int r = fn(ctx, &d);
		if (r != 0)
			return r;
	}
	vnode_dirent_t pts = { DEVPTS_NAME, kstrlen(DEVPTS_NAME), DEVFS_INO_PTS, AEGIS_DT_DIR };
	return fn(ctx, &pts);
}

static file_t *devfs_open(vnode_t *node, uint32_t flags)
{
	const devfs_entry_t *e = node->data;
	if (e->open)
		return e->open(flags);
	return file_create(e->ops, NULL, flags);
}

static void devfs_forget(vnode_t *node)
{
	if (node == devfs_dir)
		devfs_dir = NULL;
}

static const vnode_ops_t devfs_dir_ops = { .lookup = devfs_lookup, .list = devfs_list, .forget = devfs_forget };
static const vnode_ops_t devfs_dev_ops = { .open_device = devfs_open };

vnode_t *devfs_root(void)
{
	if (!devfs_dir)
		devfs_dir = vnode_new_kernel_dir("/dev", &devfs_dir_ops, VNODE_DEV_DEVFS, DEVFS_DIR_PERM);
	return devfs_dir;
}
