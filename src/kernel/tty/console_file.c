/*
 * The console file (see console_file.h): reads, writes and ioctls go to the
 * console terminal (tty/console_tty.h).
 */
#include "tty/console_file.h"

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "core/format.h"
#include "proc/process.h"
#include "tty/console_tty.h"

#define CONSOLE_PERM 0600u
#define CONSOLE_RDEV ((CONSOLE_MAJOR << 8) | CONSOLE_MINOR)

static int64_t console_read(file_t *f, void *buf, size_t len)
{
	return console_tty_read(proc_current(), buf, len, (f->flags & AEGIS_O_NONBLOCK) != 0);
}

static int64_t console_write(file_t *f, const void *buf, size_t len)
{
	(void)f;
	return console_tty_write(buf, len);
}

static int64_t console_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg)
{
	(void)f;
	return console_tty_ioctl(p, cmd, arg);
}

/* The console as Linux shows /dev/console: character device 5,1. */
static void console_stat(file_t *f, aegis_stat_t *st)
{
	(void)f;
	st->st_mode = AEGIS_S_IFCHR | CONSOLE_PERM;
	st->st_nlink = 1;
	st->st_rdev = CONSOLE_RDEV;
}

static uint32_t console_poll(file_t *f)
{
	(void)f;
	return console_tty_poll();
}

static size_t console_link_name(file_t *f, char *buf, size_t cap)
{
	(void)f;
	return ksnprintf(buf, cap, "/dev/console");
}

static const file_ops_t console_ops = {
	.read = console_read,
	.write = console_write,
	.release = NULL,
	.stat = console_stat,
	.ioctl = console_ioctl,
	.poll = console_poll,
	.link_name = console_link_name,
};

file_t *console_file_open(void)
{
	return file_create(&console_ops, NULL, AEGIS_O_RDWR);
}
