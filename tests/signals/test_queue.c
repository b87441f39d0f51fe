/* tests/signals: pending signals with their siginfo records (SIG-090..094). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_default.h"
#include "proc/signal_info.h"
#include "proc/signal_pending.h"
#include "proc/signal_queue.h"
#include "proc/signal_set.h"

static signal_queue_t *new_queue(void)
{
	signal_queue_t *q = malloc(sizeof(*q));
	assert_non_null(q);
	memset(q, 0xa5, sizeof(*q)); /* init must not rely on zeroed memory */
	signal_queue_init(q);
	return q;
}

static void assert_info_equal(const aegis_siginfo_t *a, const aegis_siginfo_t *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

/* SIG-090 */
static void test_SIG_090_init_empty(void **state)
{
	(void)state;
	signal_queue_t *q = new_queue();
	assert_int_equal(q->set, 0);
	aegis_siginfo_t out;
	for (int sig = 1; sig <= AEGIS_NSIG; sig++)
		assert_int_equal(signal_queue_take(q, sig, &out), -EINVAL);
	assert_int_equal(signal_queue_take(q, 0, &out), -EINVAL);
	assert_int_equal(signal_queue_take(q, 65, &out), -EINVAL);
	free(q);
}

/* SIG-091, SIG-092: records kept, first instance wins, full siginfo back. */
static void test_SIG_091_post_and_take(void **state)
{
	(void)state;
	signal_queue_t *q = new_queue();
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_siginfo_t kill1, kill2, chld, fault, out;
	assert_int_equal(signal_info_kill(&kill1, SIGUSR1, 100, 1000), 0);
	assert_int_equal(signal_info_kill(&kill2, SIGUSR1, 200, 2000), 0);
	assert_int_equal(signal_info_chld(&chld, AEGIS_CLD_EXITED, 300, 3, 7, 123456789012ll, 987654321098ll), 0);
	assert_int_equal(signal_info_fault(&fault, SIGSEGV, AEGIS_SEGV_MAPERR, 0xdeadbeef000ull), 0);
	assert_int_equal(signal_queue_post(q, &t, 0, &kill1), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_int_equal(signal_queue_post(q, &t, 0, &kill2), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	/* SIGCHLD default-ignored: only kept while blocked */
	assert_int_equal(signal_queue_post(q, &t, 0, &chld), 0);
	assert_false(signal_set_has(q->set, SIGCHLD));
	assert_int_equal(signal_queue_post(q, &t, signal_set_bit(SIGCHLD), &chld), (int)SIGNAL_GEN_QUEUED);
	assert_int_equal(signal_queue_post(q, &t, 0, &fault), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_int_equal(signal_queue_take(q, SIGUSR1, &out), 0);
	assert_info_equal(&out, &kill1);
	assert_int_equal(signal_queue_take(q, SIGUSR1, &out), -EINVAL);
	assert_int_equal(signal_queue_take(q, SIGCHLD, &out), 0);
	assert_info_equal(&out, &chld);
	assert_int_equal(signal_queue_take(q, SIGSEGV, &out), 0);
	assert_info_equal(&out, &fault);
	assert_int_equal(q->set, 0);
	/* after take, a new instance brings its own record */
	assert_int_equal(signal_queue_post(q, &t, 0, &kill2), (int)(SIGNAL_GEN_QUEUED | SIGNAL_GEN_WAKE));
	assert_int_equal(signal_queue_take(q, SIGUSR1, &out), 0);
	assert_info_equal(&out, &kill2);
	aegis_siginfo_t bad = kill1;
	bad.si_signo = 0;
	assert_int_equal(signal_queue_post(q, &t, 0, &bad), -EINVAL);
	bad.si_signo = 65;
	assert_int_equal(signal_queue_post(q, &t, 0, &bad), -EINVAL);
	free(q);
}

/* SIG-092: a bit set without a record comes out as SI_KERNEL; the tail is zero. */
static void test_SIG_092_no_record(void **state)
{
	(void)state;
	signal_queue_t *q = new_queue();
	signal_set_add(&q->set, SIGPIPE);
	aegis_siginfo_t out, want;
	memset(&out, 0xcc, sizeof(out));
	assert_int_equal(signal_queue_take(q, SIGPIPE, &out), 0);
	assert_int_equal(signal_info_kernel(&want, SIGPIPE), 0);
	assert_info_equal(&out, &want);
	free(q);
}

/* SIG-093: the set works with pick and discarding; stale records are not handed out. */
static void test_SIG_093_set_is_shared(void **state)
{
	(void)state;
	signal_queue_t *q = new_queue();
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_siginfo_t a, b, out;
	assert_int_equal(signal_info_kill(&a, SIGTERM, 10, 1), 0);
	assert_int_equal(signal_info_kill(&b, SIGTERM, 20, 2), 0);
	assert_true(signal_queue_post(q, &t, signal_set_bit(SIGTERM), &a) & (int)SIGNAL_GEN_QUEUED);
	assert_int_equal(signal_pick(q->set, signal_set_bit(SIGTERM)), 0);
	assert_int_equal(signal_pick(q->set, 0), SIGTERM);
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 }, dfl = { AEGIS_SIG_DFL, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGTERM, &ign, NULL, AEGIS_SIGSET_SIZE, &q->set), 0);
	assert_false(signal_set_has(q->set, SIGTERM));
	assert_int_equal(signal_action_set(&t, SIGTERM, &dfl, NULL, AEGIS_SIGSET_SIZE, &q->set), 0);
	assert_true(signal_queue_post(q, &t, 0, &b) & (int)SIGNAL_GEN_QUEUED);
	assert_int_equal(signal_queue_take(q, SIGTERM, &out), 0);
	assert_info_equal(&out, &b);
	free(q);
}

/* SIG-094: forced fault signals. */
static void test_SIG_094_force(void **state)
{
	(void)state;
	signal_queue_t *q = new_queue();
	signal_actions_t t;
	signal_actions_init(&t);
	aegis_siginfo_t f1, f2, out;
	assert_int_equal(signal_info_fault(&f1, SIGSEGV, AEGIS_SEGV_MAPERR, 0x1000), 0);
	assert_int_equal(signal_info_fault(&f2, SIGSEGV, AEGIS_SEGV_ACCERR, 0x2000), 0);
	/* caught and unblocked: handler stays */
	aegis_kernel_sigaction_t h = { 0x401000, SA_RESTORER, 0x401100, 0 };
	assert_int_equal(signal_action_set(&t, SIGSEGV, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	aegis_sigset_t blocked = 0;
	assert_int_equal(signal_queue_force(q, &t, &blocked, &f1), 0);
	assert_int_equal(signal_action_get(&t, SIGSEGV)->handler, 0x401000);
	assert_true(signal_set_has(q->set, SIGSEGV));
	/* a newer fault replaces the record */
	assert_int_equal(signal_queue_force(q, &t, &blocked, &f2), 0);
	assert_int_equal(signal_queue_take(q, SIGSEGV, &out), 0);
	assert_info_equal(&out, &f2);
	/* blocked: unblocked and reset to SIG_DFL */
	blocked = signal_set_bit(SIGSEGV) | signal_set_bit(SIGINT);
	assert_int_equal(signal_queue_force(q, &t, &blocked, &f1), 0);
	assert_int_equal(blocked, signal_set_bit(SIGINT));
	assert_int_equal(signal_action_get(&t, SIGSEGV)->handler, AEGIS_SIG_DFL);
	assert_int_equal(signal_decide(&t, signal_pick(q->set, blocked)), SIGNAL_DELIVER_CORE);
	/* ignored: reset to SIG_DFL */
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGFPE, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	aegis_siginfo_t fpe;
	assert_int_equal(signal_info_fault(&fpe, SIGFPE, AEGIS_FPE_INTDIV, 0x401234), 0);
	blocked = 0;
	assert_int_equal(signal_queue_force(q, &t, &blocked, &fpe), 0);
	assert_int_equal(signal_action_get(&t, SIGFPE)->handler, AEGIS_SIG_DFL);
	assert_true(signal_set_has(q->set, SIGFPE));
	fpe.si_signo = 99;
	assert_int_equal(signal_queue_force(q, &t, &blocked, &fpe), -EINVAL);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_090_init_empty),
		cmocka_unit_test(test_SIG_091_post_and_take),
		cmocka_unit_test(test_SIG_092_no_record),
		cmocka_unit_test(test_SIG_093_set_is_shared),
		cmocka_unit_test(test_SIG_094_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
