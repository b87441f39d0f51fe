/*
 * /bin/clear: clear the terminal with ANSI sequences (spec/coreutils.md
 * CU-403): ESC [ H (cursor home), ESC [ 2 J (erase the screen) and
 * ESC [ 3 J (erase the scroll-back), the bytes ncurses's clear sends for
 * an xterm; -x leaves the scroll-back (no ESC [ 3 J).  Anything else is
 * refused with ncurses's usage line and status 1.
 */
#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "uio/uio.h"

#include <stdbool.h>
#include <string.h>

#define CLEAR_SCREEN "\033[H\033[2J"
#define CLEAR_SCROLLBACK "\033[3J"

int main(int argc, char **argv)
{
	cu_out_t out;

	bool keep = argc == 2 && strcmp(argv[1], "-x") == 0;

	if (argc > 1 && !keep) {
		uio_printf(CU_STDERR, "Usage: clear [-x]\n");
		return CU_EXIT_FAIL;
	}
	cu_out_init(&out, CU_STDOUT);
	cu_out_str(&out, CLEAR_SCREEN);
	if (!keep)
		cu_out_str(&out, CLEAR_SCROLLBACK);
	return cu_finish(&out, "clear", CU_EXIT_OK);
}
