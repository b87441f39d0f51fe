/*
 * The simulator's console: the serial log is the host's standard output,
 * written with write(2) directly so it is never lost in a stdio buffer when
 * the run ends in a fault.  There is no text screen.
 */
#include <errno.h>
#include <unistd.h>

#include "platform.h"
#include "sim_internal.h"

void sim_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return; /* stdout closed: the log has nowhere to go */
		}
		buf += n;
		len -= (size_t)n;
	}
}

platform_result_t platform_serial_init(void)
{
	return (platform_result_t){PLATFORM_OK, "host stdout console"};
}

platform_result_t platform_screen_init(void)
{
	return (platform_result_t){PLATFORM_ABSENT, "no text screen in the simulator"};
}

void platform_serial_write(const char *buf, size_t len)
{
	sim_write_all(STDOUT_FILENO, buf, len);
}

void platform_screen_write(const char *buf, size_t len)
{
	(void)buf;
	(void)len;
}
