/*
 * A user program for spec/sim-process.md SIMP-016: it passes the addresses
 * of two handlers to the test as getpid arguments; the test answers with
 * SIGNAL replies that make the glue call them (plain, then SA_SIGINFO) and
 * checks the rt_sigreturn that follows each.  Exits UPROG_OK_SIGNAL when both
 * handlers ran with the right arguments and every call returned the result
 * the test handed back, or UPROG_FAIL_SIGNAL.
 */
#include <aegis/signal.h>

#include "uprog_lib.h"

static volatile int plain_seen;
static volatile int info_seen;

static void on_plain(int sig)
{
	plain_seen = sig;
}

static void on_info(int sig, aegis_siginfo_t *info, void *ucontext)
{
	const aegis_ucontext_t *uc = ucontext;
	if (sig == UPROG_SIGNAL_NUMBER && info->si_signo == sig && info->si_code == UPROG_SIGNAL_CODE &&
	    uc->uc_sigmask == UPROG_SIGNAL_MASK)
		info_seen = sig;
}

int main(void)
{
	long r1 = uprog_call3(SYS_getpid, (long)on_plain, 0, 0);
	long r2 = uprog_call3(SYS_getpid, (long)on_info, 0, 0);
	if (r1 != UPROG_SIGNAL_RESULT || r2 != UPROG_SIGNAL_RESULT || plain_seen != UPROG_SIGNAL_NUMBER ||
	    info_seen != UPROG_SIGNAL_NUMBER)
		uprog_exit(UPROG_FAIL_SIGNAL);
	uprog_exit(UPROG_OK_SIGNAL);
}
