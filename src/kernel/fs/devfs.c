/*
 * /dev: the kernel's device nodes (spec/filesystems.md FS-030..): null,
 * zero, random, urandom, console and tty (the opener's controlling
 * terminal, spec/tty.md TTY-124), the pseudo-terminals' ptmx and pts
 * directory (spec/tty.md TTY-110, fs/devpts.c), and the input devices
 * mouse and kbd (spec/input-devices.md, input/).  The table is
 * fixed; each node is made on first lookup and opens to a file with the
 * device's operations.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/input.h>

#include "core/kstring.h"
#include "core/rng.h"
#include "fs/devfs.h"
#include "fs/devpts.h"
#include "input/input.h"
#include "proc/process.h"
#include "proc/fdtable.h"
#include "tty/console_file.h"
#include "tty/console_tty.h"
#include "tty/ctty.h"
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

/* /dev/console: may become the opener's controlling terminal (spec/tty.md TTY-120). */
static int devfs_console_open(process_t *p, uint32_t flags, file_t **out)
{
	*out = console_file_open();
	if (!*out)
		return -ENOMEM;
	console_tty_opened(p, flags);
	return 0;
}

/* /dev/tty: the opener's controlling terminal, -ENXIO without one (TTY-124). */
static int devfs_tty_open(process_t *p, uint32_t flags, file_t **out)
{
	return ctty_open_current(p, flags, out);
}

/* A new pseudo-terminal pair: -ENOSPC when the table is full. */
static int devfs_ptmx_open(process_t *p, uint32_t flags, file_t **out)
{
	return pty_open_master(p, flags, out);
}

static const file_ops_t devfs_null_ops = { .read = devfs_null_read, .write = devfs_sink_write };
static const file_ops_t devfs_zero_ops = { .read = devfs_zero_read, .write = devfs_sink_write };
static const file_ops_t devfs_random_ops = { .read = devfs_random_read, .write = devfs_sink_write };

typedef struct {
	const char *name;
	uint32_t mode;
	uint32_t major, minor;
	const file_ops_t *ops;           /* NULL: open makes the file */
	int (*open)(process_t *p, uint32_t flags, file_t **out); /* the console, ptmx, input */
} devfs_entry_t;

static const devfs_entry_t devfs_table[] = {
	{ "null", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 3, &devfs_null_ops, NULL },
	{ "zero", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 5, &devfs_zero_ops, NULL },
	{ "random", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 8, &devfs_random_ops, NULL },
	{ "urandom", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_MEM, 9, &devfs_random_ops, NULL },
	{ "tty", AEGIS_S_IFCHR | 0666u, DEVFS_MAJOR_TTY, 0, NULL, devfs_tty_open },
	{ "console", AEGIS_S_IFCHR | 0600u, DEVFS_MAJOR_TTY, 1, NULL, devfs_console_open },
	{ "ptmx", AEGIS_S_IFCHR | 0666u, PTY_MASTER_MAJOR, PTY_MASTER_MINOR, NULL, devfs_ptmx_open },
	{ "mouse", AEGIS_S_IFCHR | 0444u, AEGIS_INPUT_MAJOR, AEGIS_INPUT_MOUSE_MINOR, NULL, input_mouse_open },
	{ "kbd", AEGIS_S_IFCHR | 0400u, AEGIS_INPUT_MAJOR, AEGIS_INPUT_KBD_MINOR, NULL, input_kbd_open },
};
#define DEVFS_COUNT (sizeof(devfs_table) / sizeof(devfs_table[0]))
#define DEVFS_INO_PTS (DEVFS_COUNT + 2u) /* after the devices' i + 2 */

static const vnode_ops_t devfs_dir_ops;
static const vnode_ops_t devfs_dev_ops;
static vnode_sb_t devfs_sb = { .fstype = "devfs", .dev = VNODE_DEV_DEVFS, .magic = VNODE_MAGIC_DEVFS };

#define DEVFS_ROOT_INO 1u
#define DEVFS_FIRST_INO 2u

static int devfs_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	(void)dir;
	if (kstrlen(DEVPTS_NAME) == len && kmemcmp(DEVPTS_NAME, name, len) == 0) {
		*out = devpts_dir(DEVFS_INO_PTS);
		return *out ? 0 : -ENOMEM;
	}
	for (size_t i = 0; i < DEVFS_COUNT; i++) {
		const devfs_entry_t *e = &devfs_table[i];
		if (kstrlen(e->name) != len || kmemcmp(e->name, name, len) != 0)
			continue;
		vnode_t *n = vnode_find(&devfs_sb, i + DEVFS_FIRST_INO);
		if (!n) {
			n = vnode_alloc(&devfs_sb, i + DEVFS_FIRST_INO, &devfs_dev_ops, true);
			if (!n)
				return -ENOMEM;
			n->data = (void *)e;
			n->mode = e->mode;
			n->rdev = DEVFS_RDEV(e->major, e->minor);
		}
		*out = n;
		return 0;
	}
	return -ENOENT;
}

static int devfs_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	for (size_t i = 0; i < DEVFS_COUNT; i++) {
		vnode_dirent_t d = { devfs_table[i].name, kstrlen(devfs_table[i].name), i + DEVFS_FIRST_INO,
			             AEGIS_DT_CHR };
		int r = fn(ctx, &d);
		if (r != 0)
			return r;
	}
	vnode_dirent_t pts = { DEVPTS_NAME, kstrlen(DEVPTS_NAME), DEVFS_INO_PTS, AEGIS_DT_DIR };
	return fn(ctx, &pts);
}

static file_t *devfs_open(vnode_t *node, process_t *p, uint32_t flags, int *err)
{
	const devfs_entry_t *e = node->data;
	if (e->open) {
		file_t *f = NULL;
		*err = e->open(p, flags, &f);
		return *err == 0 ? f : NULL;
	}
	*err = -ENOMEM;
	return file_create(e->ops, NULL, flags);
}

/* Devices keep their permissions and owners in memory (as a devtmpfs does). */
static int devfs_setattr(vnode_t *node)
{
	(void)node;
	return 0;
}

static const vnode_ops_t devfs_dir_ops = { .lookup = devfs_lookup, .list = devfs_list };
static const vnode_ops_t devfs_dev_ops = { .open_device = devfs_open, .setattr = devfs_setattr };

vnode_t *devfs_new_root(void)
{
	vnode_t *n = vnode_alloc(&devfs_sb, DEVFS_ROOT_INO, &devfs_dir_ops, false);
	if (n) {
		n->mode = AEGIS_S_IFDIR | DEVFS_DIR_PERM;
		n->nlink = 2;
	}
	return n;
}
