/*
 * The console file (see console_file.h).
 */
#include "tty/console_file.h"

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "platform.h"

#define CONSOLE_PERM 0600u
#define CONSOLE_RDEV ((5u << 8) | 1u) /* major 5, minor 1 */

static int64_t console_read(file_t *f, void *buf, size_t len)
{
	(void)f;
	(void)buf;
	(void)len;
	return 0;
}

static int64_t console_write(file_t *f, const void *buf, size_t len)
{
	(void)f;
	platform_serial_write(buf, len);
	platform_screen_write(buf, len);
	return (int64_t)len;
}

/* The console as Linux shows /dev/console: character device 5,1. */
static void console_stat(file_t *f, aegis_stat_t *st)
{
	(void)f;
	st->st_mode = AEGIS_S_IFCHR | CONSOLE_PERM;
	st->st_nlink = 1;
	st->st_rdev = CONSOLE_RDEV;
}

static const file_ops_t console_ops = {
	.read = console_read,
	.write = console_write,
	.release = NULL,
	.stat = console_stat,
};

file_t *console_file_open(void)
{
	return file_create(&console_ops, NULL, AEGIS_O_RDWR);
}
