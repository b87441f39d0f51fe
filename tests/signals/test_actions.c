/* tests/signals: the disposition table and rt_sigaction's rules (SIG-010..018). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_action.h"
#include "proc/signal_set.h"

#define HANDLER 0x401000ull
#define RESTORER 0x402000ull

static aegis_kernel_sigaction_t handler_action(uint64_t flags, aegis_sigset_t mask)
{
	aegis_kernel_sigaction_t a = { HANDLER, flags | SA_RESTORER, RESTORER, mask };
	return a;
}

static void init_dirty(signal_actions_t *t)
{
	memset(t, 0x5a, sizeof(*t)); /* init must not rely on zeroed memory */
	signal_actions_init(t);
}

/* SIG-010 */
static void test_SIG_010_init_all_default(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	for (int sig = 1; sig <= AEGIS_NSIG; sig++) {
		const aegis_kernel_sigaction_t *a = signal_action_get(&t, sig);
		assert_non_null(a);
		assert_int_equal(a->handler, AEGIS_SIG_DFL);
		assert_int_equal(a->flags, 0);
		assert_int_equal(a->restorer, 0);
		assert_int_equal(a->mask, 0);
	}
	assert_null(signal_action_get(&t, 0));
	assert_null(signal_action_get(&t, 65));
}

/* SIG-011: refusals change nothing. */
static void test_SIG_011_refusals(void **state)
{
	(void)state;
	signal_actions_t t, copy;
	init_dirty(&t);
	aegis_kernel_sigaction_t a = handler_action(0, 0), old;
	aegis_sigset_t pending = SIGNAL_SET_FULL;
	memcpy(&copy, &t, sizeof(t));
	assert_int_equal(signal_action_set(&t, SIGINT, &a, &old, 4, &pending), -EINVAL);
	assert_int_equal(signal_action_set(&t, SIGINT, &a, &old, 16, &pending), -EINVAL);
	assert_int_equal(signal_action_set(&t, SIGINT, NULL, &old, 0, NULL), -EINVAL);
	assert_int_equal(signal_action_set(&t, 0, &a, &old, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	assert_int_equal(signal_action_set(&t, 65, &a, &old, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	assert_int_equal(signal_action_set(&t, -9, NULL, &old, AEGIS_SIGSET_SIZE, NULL), -EINVAL);
	assert_int_equal(signal_action_set(&t, SIGKILL, &a, &old, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	assert_int_equal(signal_action_set(&t, SIGSTOP, &a, &old, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGKILL, &ign, NULL, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	aegis_kernel_sigaction_t dfl = { AEGIS_SIG_DFL, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGSTOP, &dfl, NULL, AEGIS_SIGSET_SIZE, &pending), -EINVAL);
	assert_memory_equal(&t, &copy, sizeof(t));
	assert_int_equal(pending, SIGNAL_SET_FULL);
	/* querying SIGKILL's action is allowed */
	assert_int_equal(signal_action_set(&t, SIGKILL, NULL, &old, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(old.handler, AEGIS_SIG_DFL);
}

/* SIG-012: old action before the change; aliasing; NULLs. */
static void test_SIG_012_old_action(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	aegis_kernel_sigaction_t a = handler_action(SA_SIGINFO, signal_set_bit(SIGUSR2)), old;
	memset(&old, 0xee, sizeof(old));
	assert_int_equal(signal_action_set(&t, SIGUSR1, &a, &old, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(old.handler, AEGIS_SIG_DFL);
	assert_int_equal(old.flags, 0);
	assert_int_equal(old.mask, 0);
	/* act and oldact the same buffer: new stored, old returned in it */
	aegis_kernel_sigaction_t both = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGUSR1, &both, &both, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_memory_equal(&both, &a, sizeof(a));
	assert_int_equal(signal_action_get(&t, SIGUSR1)->handler, AEGIS_SIG_IGN);
	/* neither: nothing happens, success */
	assert_int_equal(signal_action_set(&t, SIGUSR1, NULL, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_get(&t, SIGUSR1)->handler, AEGIS_SIG_IGN);
	/* real-time signals have dispositions too */
	assert_int_equal(signal_action_set(&t, AEGIS_SIGRTMAX, &a, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_get(&t, AEGIS_SIGRTMAX)->handler, HANDLER);
}

/* SIG-013: mask sanitised, unknown flags dropped, known ones (SA_ONSTACK too) kept. */
static void test_SIG_013_stored_action(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	uint64_t known = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER |
	                 SA_RESETHAND;
	aegis_kernel_sigaction_t a = handler_action(known | 0x400u | 0x800u | 0x20000000u | (1ull << 40),
	                                            SIGNAL_SET_FULL);
	assert_int_equal(signal_action_set(&t, SIGCHLD, &a, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	const aegis_kernel_sigaction_t *s = signal_action_get(&t, SIGCHLD);
	assert_int_equal(s->handler, HANDLER);
	assert_int_equal(s->restorer, RESTORER);
	assert_int_equal(s->flags, known | SA_RESTORER);
	assert_int_equal(s->mask, signal_set_sanitize_mask(SIGNAL_SET_FULL));
	assert_int_equal(SIGNAL_SA_KNOWN, known | SA_RESTORER);
}

/* SIG-014: ignoring discards the pending signal; catching does not. */
static void test_SIG_014_ignore_discards_pending(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	aegis_kernel_sigaction_t dfl = { AEGIS_SIG_DFL, 0, 0, 0 };
	aegis_kernel_sigaction_t h = handler_action(0, 0);
	aegis_sigset_t pending = SIGNAL_SET_FULL;
	assert_int_equal(signal_action_set(&t, SIGINT, &h, NULL, AEGIS_SIGSET_SIZE, &pending), 0);
	assert_int_equal(pending, SIGNAL_SET_FULL);
	assert_int_equal(signal_action_set(&t, SIGINT, &ign, NULL, AEGIS_SIGSET_SIZE, &pending), 0);
	assert_false(signal_set_has(pending, SIGINT));
	assert_int_equal(pending, SIGNAL_SET_FULL & ~signal_set_bit(SIGINT));
	/* SIG_DFL of a default-terminate signal keeps it pending */
	assert_int_equal(signal_action_set(&t, SIGTERM, &dfl, NULL, AEGIS_SIGSET_SIZE, &pending), 0);
	assert_true(signal_set_has(pending, SIGTERM));
	/* SIG_DFL of the default-ignore signals discards them */
	const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		assert_int_equal(signal_action_set(&t, ignored[i], &dfl, NULL, AEGIS_SIGSET_SIZE, &pending), 0);
		assert_false(signal_set_has(pending, ignored[i]));
		assert_true(signal_action_ignores(&t, ignored[i]));
	}
	assert_true(signal_action_ignores(&t, SIGINT));
	assert_false(signal_action_ignores(&t, SIGTERM));
	assert_false(signal_action_ignores(&t, 0));
	/* NULL pending is allowed */
	assert_int_equal(signal_action_set(&t, SIGHUP, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
}

/* SIG-015: fork copies, and the copies are independent. */
static void test_SIG_015_fork_copies(void **state)
{
	(void)state;
	signal_actions_t parent, child;
	init_dirty(&parent);
	aegis_kernel_sigaction_t h = handler_action(SA_RESTART, signal_set_bit(SIGALRM));
	assert_int_equal(signal_action_set(&parent, SIGUSR1, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	signal_actions_fork(&child, &parent);
	assert_memory_equal(&child, &parent, sizeof(child));
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&child, SIGUSR1, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_get(&parent, SIGUSR1)->handler, HANDLER);
}

/* SIG-016: exec resets caught handlers, keeps SIG_IGN, clears flags and masks. */
static void test_SIG_016_exec_resets(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	aegis_kernel_sigaction_t h = handler_action(SA_RESTART | SA_SIGINFO, signal_set_bit(SIGALRM));
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, SA_RESTART, 0, signal_set_bit(SIGHUP) };
	assert_int_equal(signal_action_set(&t, SIGUSR1, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_set(&t, SIGPIPE, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_set(&t, SIGCHLD, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	signal_actions_exec(&t);
	for (int sig = 1; sig <= AEGIS_NSIG; sig++) {
		const aegis_kernel_sigaction_t *a = signal_action_get(&t, sig);
		uint64_t want = (sig == SIGPIPE || sig == SIGCHLD) ? AEGIS_SIG_IGN : AEGIS_SIG_DFL;
		assert_int_equal(a->handler, want);
		assert_int_equal(a->flags, 0);
		assert_int_equal(a->restorer, 0);
		assert_int_equal(a->mask, 0);
	}
}

/* SIG-017: handler entry blocks mask + sig, SA_NODEFER, SA_RESETHAND. */
static void test_SIG_017_handler_entry(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	aegis_kernel_sigaction_t h = handler_action(SA_SIGINFO, signal_set_bit(SIGALRM));
	assert_int_equal(signal_action_set(&t, SIGUSR1, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	aegis_sigset_t blocked = signal_set_bit(SIGHUP);
	aegis_kernel_sigaction_t used;
	assert_int_equal(signal_action_enter(&t, SIGUSR1, &blocked, &used), 0);
	assert_int_equal(used.handler, HANDLER);
	assert_int_equal(used.flags, SA_SIGINFO | SA_RESTORER);
	assert_int_equal(blocked, signal_set_bit(SIGHUP) | signal_set_bit(SIGALRM) | signal_set_bit(SIGUSR1));
	assert_int_equal(signal_action_get(&t, SIGUSR1)->handler, HANDLER);

	/* SA_NODEFER: the signal itself stays unblocked */
	h = handler_action(SA_NODEFER, 0);
	assert_int_equal(signal_action_set(&t, SIGUSR2, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	blocked = 0;
	assert_int_equal(signal_action_enter(&t, SIGUSR2, &blocked, &used), 0);
	assert_int_equal(blocked, 0);

	/* SA_RESETHAND: back to SIG_DFL after this delivery, flags stay */
	h = handler_action(SA_RESETHAND, 0);
	assert_int_equal(signal_action_set(&t, SIGTERM, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	blocked = 0;
	assert_int_equal(signal_action_enter(&t, SIGTERM, &blocked, &used), 0);
	assert_int_equal(used.handler, HANDLER);
	assert_int_equal(signal_action_get(&t, SIGTERM)->handler, AEGIS_SIG_DFL);
	assert_true(signal_set_has(blocked, SIGTERM));

	/* the blocked set never gains SIGKILL/SIGSTOP, even from a tampered table */
	t.act[SIGHUP - 1] = handler_action(0, SIGNAL_SET_FULL);
	blocked = 0;
	assert_int_equal(signal_action_enter(&t, SIGHUP, &blocked, &used), 0);
	assert_int_equal(blocked, signal_set_sanitize_mask(SIGNAL_SET_FULL));

	/* no handler: refused */
	blocked = 0;
	assert_int_equal(signal_action_enter(&t, SIGTERM, &blocked, &used), -EINVAL);
	assert_int_equal(signal_action_enter(&t, 0, &blocked, &used), -EINVAL);
	assert_int_equal(signal_action_enter(&t, 99, &blocked, &used), -EINVAL);
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGINT, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_int_equal(signal_action_enter(&t, SIGINT, &blocked, &used), -EINVAL);
	assert_int_equal(blocked, 0);
}

/* SIG-018: SA_NOCLDSTOP and SA_NOCLDWAIT / SIG_IGN of SIGCHLD. */
static void test_SIG_018_sigchld_flags(void **state)
{
	(void)state;
	signal_actions_t t;
	init_dirty(&t);
	for (int code = AEGIS_CLD_EXITED; code <= AEGIS_CLD_CONTINUED; code++)
		assert_true(signal_chld_wanted(&t, code));
	assert_false(signal_chld_autoreap(&t));
	aegis_kernel_sigaction_t h = handler_action(SA_NOCLDSTOP, 0);
	assert_int_equal(signal_action_set(&t, SIGCHLD, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_false(signal_chld_wanted(&t, AEGIS_CLD_STOPPED));
	assert_false(signal_chld_wanted(&t, AEGIS_CLD_CONTINUED));
	assert_true(signal_chld_wanted(&t, AEGIS_CLD_EXITED));
	assert_true(signal_chld_wanted(&t, AEGIS_CLD_KILLED));
	assert_true(signal_chld_wanted(&t, AEGIS_CLD_DUMPED));
	assert_false(signal_chld_autoreap(&t));
	h = handler_action(SA_NOCLDWAIT, 0);
	assert_int_equal(signal_action_set(&t, SIGCHLD, &h, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_true(signal_chld_autoreap(&t));
	aegis_kernel_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGCHLD, &ign, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_true(signal_chld_autoreap(&t));
	aegis_kernel_sigaction_t dfl = { AEGIS_SIG_DFL, 0, 0, 0 };
	assert_int_equal(signal_action_set(&t, SIGCHLD, &dfl, NULL, AEGIS_SIGSET_SIZE, NULL), 0);
	assert_false(signal_chld_autoreap(&t)); /* SIG_DFL ignores SIGCHLD but children still wait */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_010_init_all_default),
		cmocka_unit_test(test_SIG_011_refusals),
		cmocka_unit_test(test_SIG_012_old_action),
		cmocka_unit_test(test_SIG_013_stored_action),
		cmocka_unit_test(test_SIG_014_ignore_discards_pending),
		cmocka_unit_test(test_SIG_015_fork_copies),
		cmocka_unit_test(test_SIG_016_exec_resets),
		cmocka_unit_test(test_SIG_017_handler_entry),
		cmocka_unit_test(test_SIG_018_sigchld_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
