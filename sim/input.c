/*
 * Console input for the simulator: the file (or standard input, "-") given
 * with --input, handed to the kernel one line at a time.  A line arrives
 * when the machine waits with no deadline, that is when every task waits for
 * something only input (or nothing) can bring: the user types when the
 * system waits for the user.  A run with the same --input and --seed
 * therefore replays exactly.  A sleeping task (a timeout, nanosleep) lets
 * virtual time move first.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

#define SIM_INPUT_LINE_MAX 1024u

static const char *input_path;
static int input_fd = -1;
static bool input_started;
static bool input_ended;

void sim_input_set(const char *path)
{
	input_path = path;
}

platform_result_t platform_console_input_start(void)
{
	if (!input_path)
		return (platform_result_t){ PLATFORM_ABSENT, "no --input: the console has no input" };
	input_fd = strcmp(input_path, "-") == 0 ? STDIN_FILENO : open(input_path, O_RDONLY | O_CLOEXEC);
	if (input_fd < 0)
		return (platform_result_t){ PLATFORM_FAIL, "cannot open the --input file" };
	input_started = true;
	return (platform_result_t){ PLATFORM_OK, "console input from --input, a line whenever the machine waits for it" };
}

/* Whether a byte can be read now; with wait, block until one can (or the source ends). */
static bool sim_input_ready(bool wait)
{
	struct pollfd p = { input_fd, POLLIN, 0 };
	int r;
	do
		r = poll(&p, 1, wait ? -1 : 0);
	while (r < 0 && errno == EINTR);
	return r > 0;
}

bool sim_input_deliver(bool may_block)
{
	if (!input_started || input_ended)
		return false;
	if (!sim_input_ready(may_block))
		return false;
	uint8_t line[SIM_INPUT_LINE_MAX];
	size_t n = 0;
	while (n < sizeof(line)) {
		ssize_t got = read(input_fd, line + n, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			input_ended = true;
			break;
		}
		if (line[n++] == '\n')
			break;
	}
	if (n == 0)
		return false;
	unsigned long irq = platform_irq_save();
	kernel_console_input(line, n);
	platform_irq_restore(irq);
	return true;
}
