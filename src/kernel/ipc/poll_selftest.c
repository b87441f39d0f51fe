/*
 * The poll self-test (see poll_selftest.h): an empty pipe's read end is not
 * readable, one with data is, and once the write end is closed it reports
 * POLLIN|POLLHUP (the data is still there) while the write end was writable.
 */
#include "ipc/poll_selftest.h"

#include <aegis/fcntl.h>

#include "core/log.h"
#include "ipc/pipe_file.h"
#include "ipc/poll_wait.h"

#define POLL_SELFTEST_BYTE 'p'

void poll_selftest_boot(void)
{
	file_t *rd = NULL, *wr = NULL;
	if (pipe_file_create(0, &rd, &wr) != 0) {
		boot_mark("POLL", MARK_FAIL, "no memory for the self-test pipe");
		return;
	}
	uint32_t empty = poll_file_events(rd);
	uint32_t writable = poll_file_events(wr);
	char byte = POLL_SELFTEST_BYTE;
	int64_t put = wr->ops->write(wr, &byte, 1);
	uint32_t full = poll_file_events(rd);
	file_release(wr);
	uint32_t hung = poll_file_events(rd);
	file_release(rd);
	bool ok = !(empty & POLL_IN) && (writable & POLL_OUT) && put == 1 && (full & POLL_IN) &&
		  (hung & (POLL_IN | POLL_HUP)) == (POLL_IN | POLL_HUP);
	if (ok)
		boot_mark("POLL", MARK_OK, "vfs poll pipe");
	else
		boot_mark("POLL", MARK_FAIL, "pipe poll gave empty %#x writable %#x data %#x hung up %#x", empty, writable,
			  full, hung);
}
