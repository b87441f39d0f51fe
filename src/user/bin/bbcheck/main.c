/*
 * bbcheck: Debian's unmodified busybox-static as an outside judge of the
 * process model (spec/processes.md PROC-130..).  Run as PID 1
 * ("init=/bin/bbcheck test=init") it runs busybox command lines, captures
 * their standard output and error through a pipe, and compares output and
 * exit status with what Linux gives, printing one "ok - ID text" or
 * "not ok - ID text: detail" line per case and a summary; it exits 0 only when
 * every case passed.  Where busybox is absent (the sim, whose programs are
 * host builds) it says so as a skip.
 */
#include <string.h>

#include "bbcheck.h"
#include "glue/glue.h"
#include "uio/uio.h"

static unsigned passed, failed, skipped;

/* Print at most BB_DETAIL_MAX bytes of s on one line, newlines shown as \n. */
static void bb_print_escaped(const char *s)
{
	size_t n = 0;
	for (; *s && n < BB_DETAIL_MAX; s++, n++) {
		if (*s == '\n')
			uio_printf(1, "\\n");
		else
			uio_printf(1, "%c", *s);
	}
}

static void bb_report(const bb_case_t *c, const bb_result_t *r)
{
	bool ok = r->error == 0 && r->exited && r->code == c->code && strcmp(r->output, c->output) == 0;
	if (ok) {
		passed++;
		uio_printf(1, "ok - %s %s\n", c->id, c->text);
		return;
	}
	failed++;
	uio_printf(1, "not ok - %s %s: ", c->id, c->text);
	if (r->error != 0)
		uio_printf(1, "run failed (%d)\n", r->error);
	else if (!r->exited)
		uio_printf(1, "killed by signal %d, output \"", r->signal);
	else
		uio_printf(1, "exit %d (want %d), output \"", r->code, c->code);
	if (r->error == 0) {
		bb_print_escaped(r->output);
		uio_printf(1, "\" want \"");
		bb_print_escaped(c->output);
		uio_printf(1, "\"\n");
	}
}

int main(void)
{
	uio_printf(1, "bbcheck: pid %ld, judging with %s\n", sys_getpid(), BB_PATH);
	size_t count;
	const bb_case_t *cases = bb_cases(&count);
	if (!bb_present()) {
		for (size_t i = 0; i < count; i++) {
			skipped++;
			uio_printf(1, "skip - %s %s: %s is not in this build's initrd\n", cases[i].id, cases[i].text,
				   BB_PATH);
		}
	} else {
		for (size_t i = 0; i < count; i++) {
			bb_result_t r;
			bb_run(&cases[i], &r);
			bb_report(&cases[i], &r);
		}
	}
	uio_printf(1, "bbcheck: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	return failed == 0 ? 0 : 1;
}
