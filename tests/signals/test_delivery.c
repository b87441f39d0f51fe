/* tests/signals: default actions, signal_pick, signal_decide and generation (SIG-020..027). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_action.h"
#include "proc/signal_default.h"
#include "proc/signal_pending.h"
#include "proc/signal_set.h"

/* SIG-020: the signal(7) table, every standard signal and the real-time ones. */
static void test_SIG_020_default_table(void **state)
{
	(void)state;
	static const struct {
		int sig;
		signal_default_t d;
	} table[] = {
		{ SIGHUP, SIGNAL_DEFAULT_TERM },   { SIGINT, SIGNAL_DEFAULT_TERM },
		{ SIGQUIT, SIGNAL_DEFAULT_CORE },  { SIGILL, SIGNAL_DEFAULT_CORE },
		{ SIGTRAP, SIGNAL_DEFAULT_CORE },  { SIGABRT, SIGNAL_DEFAULT_CORE },
		{ SIGBUS, SIGNAL_DEFAULT_CORE },   { SIGFPE, SIGNAL_DEFAULT_CORE },
		{ SIGKILL, SIGNAL_DEFAULT_TERM },  { SIGUSR1, SIGNAL_DEFAULT_TERM },
		{ SIGSEGV, SIGNAL_DEFAULT_CORE },  { SIGUSR2, SIGNAL_DEFAULT_TERM },
		{ SIGPIPE, SIGNAL_DEFAULT_TERM },  { SIGALRM, SIGNAL_DEFAULT_TERM },
		{ SIGTERM, SIGNAL_DEFAULT_TERM },  { SIGSTKFLT, SIGNAL_DEFAULT_TERM },
		{ SIGCHLD, SIGNAL_DEFAULT_IGN },   { SIGCONT, SIGNAL_DEFAULT_CONT },
		{ SIGSTOP, SIGNAL_DEFAULT_STOP },  { SIGTSTP, SIGNAL_DEFAULT_STOP },
		{ SIGTTIN, SIGNAL_DEFAULT_STOP },  { SIGTTOU, SIGNAL_DEFAULT_STOP },
		{ SIGURG, SIGNAL_DEFAULT_IGN },    { SIGXCPU, SIGNAL_DEFAULT_CORE },
		{ SIGXFSZ, SIGNAL_DEFAULT_CORE },  { SIGVTALRM, SIGNAL_DEFAULT_TERM },
		{ SIGPROF, SIGNAL_DEFAULT_TERM },  { SIGWINCH, SIGNAL_DEFAULT_IGN },
		{ SIGPOLL, SIGNAL_DEFAULT_TERM },  { SIGPWR, SIGNAL_DEFAULT_TERM },
		{ SIGSYS, SIGNAL_DEFAULT_CORE },
	};
	assert_int_equal(sizeof(table) / sizeof(table[0]), AEGIS_SIGSTD_MAX);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		assert_int_equal(table[i].sig, (int)i + 1);
		assert_int_equal(signal_default_action(table[i].sig), table[i].d);
	}
	for (int sig = AEGIS_SIGRTMIN; sig <= AEGIS_SIGRTMAX; sig++)
		assert_int_equal(signal_default_action(sig), SIGNAL_DEFAULT_TERM);
	assert_int_equal(signal_default_action(0), 0);
	assert_int_equal(signal_default_action(65), 0);
	assert_true(signal_is_stop(SIGTTOU));
	assert_false(signal_is_stop(SIGCONT));
	assert_true(signal_default_ignores(SIGCONT));
	assert_false(signal_default_ignores(SIGKILL));
}

/* SIG-021: SIGKILL first, then lowest number; KILL/STOP never blocked. */
static void test_SIG_021_pick(void **state)
{
	(void)state;
	assert_int_equal(signal_pick(0, 0), 0);
	assert_int_equal(signal_pick(signal_set_bit(SIGTERM), signal_set_bit(SIGTERM)), 0);
	aegis_sigset_t p = signal_set_bit(SIGHUP) | signal_set_bit(SIGKILL) | signal_set_bit(40);
	assert_int_equal(signal_pick(p, 0), SIGKILL);
	assert_int_equal(signal_pick(p, SIGNAL_SET_FULL), SIGKILL);
	p = signal_set_bit(SIGSEGV) | signal_set_bit(SIGINT) | signal_set_bit(33);
	assert_int_equal(signal_pick(p, 0), SIGINT);
	assert_int_equal(signal_pick(p, signal_set_bit(SIGINT)), SIGSEGV);
	assert_int_equal(signal_pick(p, signal_set_bit(SIGINT) | signal_set_bit(SIGSEGV)), 33);
	assert_int_equal(signal_pick(signal_set_bit(SIGSTOP), SIGNAL_SET_FULL), SIGSTOP);
	/* standard before real-time, real-time in number order */
	p = signal_set_bit(64) | signal_set_bit(31) | signal_set_bit(32);
	assert_int_equal(signal_pick(p, 0), 31);
	assert_int_equal(signal_pick(p, signal_set_bit(31)), 32);
	assert_int_equal(signal_pick(p, signal_set_bit(31) | signal_set_bit(32)), 64);
	/* randomized: the pick is the lowest unblocked member, or SIGKILL */
	srand(21);
	for (int i = 0; i < 10000; i++) {
		aegis_sigset_t pend = ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 11) ^ (uint64_t)rand();
		aegis_sigset_t blk = ((uint64_t)rand() << 34) ^ ((uint64_t)rand() << 3) ^ (uint64_t)rand();
		int want = 0;
		if (signal_set_has(pend, SIGKILL))
			want = SIGKILL;
		else
			for (int s = 1; s <= AEGIS_NSIG && !want; s++)
				if (signal_set_has(pend, s) && (!signal_set_has(blk, s) || s == SIGSTOP))
					want = s;
		assert_int_equal(signal_pick(pend, blk), want);
	}
}

/* SIG-022: what delivery means under each disposition. */
static void test_SIG_022_decide(void **state)
{
	(void)state;
	signal_actions_t t;
	signal_actions_init(&t);
	assert_int_equal(signal_decide(&t, SIGTERM), SIGNAL_DELIVER_TERMINATE);
	assert_int_equal(signal_decide(&t, SIGKILL), SIGNAL_DELIVER_TERMINATE);
	assert_int_equal(signal_decide(&t, SIGSEGV), SIGNAL_DELIVER_CORE);
	assert_int_equal(signal_decide(&t, SIGTSTP), SIGNAL_DELIVER_STOP);
	assert_int_equal(signal_decide(&t, SIGSTOP), SIGNAL_DELIVER_STOP);
	assert_int_equal(signal_decide(&t, SIGCONT), SIGNAL_DELIVER_CONTINUE);
	assert_int_equal(signal_decide(&t, SIGCHLD), SIGNAL_DELIVER_IGNORE);
	assert_int_equal(signal_decide(&t, 50), SIGNAL_DELIVER_TERMINATE);
	assert_int_equal(signal_decide(&t, 0), SIGNAL_DELIVER_NONE);
	assert_int_equal(signal_decide(&t, 65), SIGNAL_DELIVER_NONE);
	aegis_kernel_sigaction_t h = { 0x400000, SA_RESTORER, 0x400100, 0 };
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGSEGV, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_set(&t, SIGTERM, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_set(&t, SIGCONT, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_decide(&t, SIGSEGV), SIGNAL_DELIVER_HANDLER);
	assert_int_equal(signal_decide(&t, SIGTERM), SIGNAL_DELIVER_IGNORE);
	assert_int_equal(signal_decide(&t, SIGCONT), SIGNAL_DELIVER_HANDLER);
}

/* SIG-025: ignored and unblocked signals are discarded; blocked ones stay. */
static void test_SIG_025_generate_queue_or_discard(void **state)
{
	(void)state;
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_sigset_t pending = 0;
	assert_int_equal(signal_generate(&t, 0, &pending, SIGTERM), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_true(signal_set_has(pending, SIGTERM));
	assert_int_equal(signal_generate(&t, signal_set_bit(SIGUSR1), &pending, SIGUSR1), (int)SIGNAL_GEN_QUEUED);
	assert_true(signal_set_has(pending, SIGUSR1));
	/* default-ignored SIGCHLD, not blocked: discarded */
	assert_int_equal(signal_generate(&t, 0, &pending, SIGCHLD), 0);
	assert_false(signal_set_has(pending, SIGCHLD));
	/* blocked: kept, the disposition may change before unblocking */
	assert_int_equal(signal_generate(&t, signal_set_bit(SIGCHLD), &pending, SIGCHLD), (int)SIGNAL_GEN_QUEUED);
	assert_true(signal_set_has(pending, SIGCHLD));
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGINT, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_generate(&t, 0, &pending, SIGINT), 0);
	assert_false(signal_set_has(pending, SIGINT));
	/* a blocked set naming SIGKILL does not block it */
	assert_int_equal(signal_generate(&t, SIGNAL_SET_FULL, &pending, SIGKILL),
	                 (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE | SIGNAL_GEN_RESUME));
	assert_int_equal(signal_generate(&t, 0, &pending, 0), -EINVAL);
	assert_int_equal(signal_generate(&t, 0, &pending, 65), -EINVAL);
}

/* SIG-026: SIGCONT and stop signals cancel each other. */
static void test_SIG_026_stop_continue(void **state)
{
	(void)state;
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_sigset_t pending = signal_set_bit(SIGSTOP) | signal_set_bit(SIGTSTP) | signal_set_bit(SIGTTIN) |
	                         signal_set_bit(SIGTTOU) | signal_set_bit(SIGHUP);
	/* SIGCONT default-ignored, unblocked: continues, not queued */
	assert_int_equal(signal_generate(&t, 0, &pending, SIGCONT), (int)(SIGNAL_GEN_RESUME | SIGNAL_GEN_CONTINUED));
	assert_int_equal(pending, signal_set_bit(SIGHUP));
	/* a stop signal removes a pending SIGCONT */
	pending = signal_set_bit(SIGCONT);
	assert_int_equal(signal_generate(&t, 0, &pending, SIGTSTP), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_int_equal(pending, signal_set_bit(SIGTSTP));
	/* caught SIGCONT is queued as well */
	aegis_kernel_sigaction_t h = { 0x400000, SA_RESTORER, 0x400100, 0 };
	assert_int_equal(signal_action_set(&t, SIGCONT, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_generate(&t, 0, &pending, SIGCONT),
	                 (int)(SIGNAL_GEN_RESUME | SIGNAL_GEN_CONTINUED | SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_int_equal(pending, signal_set_bit(SIGCONT));
}

/* SIG-027: a pending signal is recorded once. */
static void test_SIG_027_pending_is_a_set(void **state)
{
	(void)state;
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_sigset_t pending = 0;
	for (int i = 0; i < 3; i++) {
		assert_true(signal_generate(&t, 0, &pending, 40) & (int)SIGNAL_GEN_QUEUED);
		assert_true(signal_generate(&t, 0, &pending, SIGUSR2) & (int)SIGNAL_GEN_QUEUED);
	}
	assert_int_equal(pending, signal_set_bit(40) | signal_set_bit(SIGUSR2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_020_default_table),
		cmocka_unit_test(test_SIG_021_pick),
		cmocka_unit_test(test_SIG_022_decide),
		cmocka_unit_test(test_SIG_025_generate_queue_or_discard),
		cmocka_unit_test(test_SIG_026_stop_continue),
		cmocka_unit_test(test_SIG_027_pending_is_a_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
