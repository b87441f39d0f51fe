/*
 * The console file (see console_file.h).
 */
#include "tty/console_file.h"

#include "platform.h"

#define O_RDWR 02u

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

static const file_ops_t console_ops = {
	.read = console_read,
	.write = console_write,
	.release = NULL,
};

file_t *console_file_open(void)
{
	return file_create(&console_ops, NULL, O_RDWR);
}
