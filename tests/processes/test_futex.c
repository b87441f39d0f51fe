/*
 * The futex wait table on the sim's task threads (spec/processes.md
 * PROC-110, PROC-111, PROC-113, PROC-115): wakes pick at most N waiters,
 * oldest first, only on the same key (address space and address, even when
 * another key shares the bucket), bitsets filter, timeouts and signals take
 * a waiter off the table, and a wake that counted a waiter is never lost.
 *
 * As in test_sched.c the test's main thread is the idle task: each waiter
 * is a task that blocks in futex_wait; sched_yield_cpu() returns once
 * nothing else can run.
 */
#include "memory/mem_fixture.h"

#include "core/timer.h"
#include "ipc/futex.h"
#include "platform.h"
#include "sched/sched.h"

#define FUTEX_TEST_MEM (64ull << 20)
#define FUTEX_TEST_WAITERS 4
#define FUTEX_TEST_SPACE_A 0x1000ull
#define FUTEX_TEST_SPACE_B 0x2000ull
#define FUTEX_TEST_ADDR 0x400000ull
#define FUTEX_TEST_WORD 4ull
#define FUTEX_TEST_SEARCH_LIMIT 100000u
#define FUTEX_TEST_NOT_DONE 1
#define SLEEP_NS 30000000ull /* 30 ms */
#define FUTEX_TEST_TICK_LIMIT 1000
#define BITSET_LOW 0x1u
#define BITSET_HIGH 0x2u
#define BITSET_BOTH (BITSET_LOW | BITSET_HIGH)

typedef struct {
	futex_key_t key;
	uint32_t bitset;
	uint64_t deadline;
	int result;
	bool done;
	task_t *task;
} waiter_t;

static waiter_t waiters[FUTEX_TEST_WAITERS];
static char wake_order[FUTEX_TEST_WAITERS + 1];
static size_t wake_len;

static void setup_machine(void)
{
	mem_log_capture();
	mem_machine(FUTEX_TEST_MEM);
	sched_init();
	memset(waiters, 0, sizeof(waiters));
	memset(wake_order, 0, sizeof(wake_order));
	wake_len = 0;
}

static void waiter_main(void *arg)
{
	sched_task_begin();
	waiter_t *w = arg;
	w->result = futex_wait(&w->key, w->bitset, w->deadline);
	w->done = true;
	wake_order[wake_len++] = (char)('0' + (w - waiters));
	sched_exit_current();
}

/* Start waiter i on key with bitset and deadline; it runs until it blocks. */
static waiter_t *start_waiter(int i, futex_key_t key, uint32_t bitset, uint64_t deadline)
{
	waiter_t *w = &waiters[i];
	w->key = key;
	w->bitset = bitset;
	w->deadline = deadline;
	w->result = FUTEX_TEST_NOT_DONE;
	w->done = false;
	w->task = sched_task_create("futex-waiter", waiter_main, w, NULL);
	assert_non_null(w->task);
	sched_yield_cpu();
	assert_false(w->done);
	assert_int_equal(w->task->state, TASK_BLOCKED);
	return w;
}

static futex_key_t key_of(uint64_t space, uint64_t addr)
{
	return (futex_key_t){ space, addr };
}

/* PROC-111: a wake picks at most N waiters, oldest first, and says how many. */
static void test_proc_111_wake_at_most_n_in_fifo_order(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	for (int i = 0; i < FUTEX_TEST_WAITERS; i++)
		start_waiter(i, k, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	assert_int_equal(futex_waiter_count(&k), FUTEX_TEST_WAITERS);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 2), 2);
	assert_int_equal(futex_waiter_count(&k), FUTEX_TEST_WAITERS - 2);
	sched_yield_cpu();
	assert_string_equal(wake_order, "01");
	assert_int_equal(waiters[0].result, 0);
	assert_int_equal(waiters[1].result, 0);
	assert_false(waiters[2].done);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 1), 1);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, FUTEX_TEST_WAITERS), 1);
	sched_yield_cpu();
	assert_string_equal(wake_order, "0123");
	assert_int_equal(futex_waiter_count(&k), 0);
	sched_reap_exited();
}

/* PROC-111: no waiters, or a wake of 0, wakes nobody. */
static void test_proc_111_wake_without_waiters(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, FUTEX_TEST_WAITERS), 0);
	start_waiter(0, k, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 0), 0);
	assert_int_equal(futex_waiter_count(&k), 1);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 1), 1);
	sched_yield_cpu();
	assert_true(waiters[0].done);
	sched_reap_exited();
}

/* PROC-111: FUTEX_WAKE's val is the most it wakes, and 0 or less still wakes one, as on Linux. */
static void test_proc_111_wake_limit_follows_linux(void **state)
{
	(void)state;
	assert_int_equal(futex_wake_limit(3), 3);
	assert_int_equal(futex_wake_limit(1), 1);
	assert_int_equal(futex_wake_limit(0), 1);
	assert_int_equal(futex_wake_limit(-5), 1);
	assert_int_equal(futex_wake_limit(INT32_MAX), (unsigned)INT32_MAX);
}

/* An address in space whose key shares a bucket with other but is not other. */
static futex_key_t colliding_key(const futex_key_t *other, uint64_t space)
{
	unsigned bucket = futex_key_bucket(other);
	for (unsigned i = 1; i < FUTEX_TEST_SEARCH_LIMIT; i++) {
		futex_key_t k = key_of(space, other->addr + i * FUTEX_TEST_WORD);
		if (futex_key_bucket(&k) == bucket)
			return k;
	}
	fail_msg("no colliding key found");
	return *other;
}

/* PROC-111: only waiters on the same key wake: not another space, another address, or a bucket neighbour. */
static void test_proc_111_wake_only_the_same_key(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t mine = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	futex_key_t other_space = key_of(FUTEX_TEST_SPACE_B, FUTEX_TEST_ADDR);
	futex_key_t other_addr = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR + FUTEX_TEST_WORD);
	futex_key_t neighbour = colliding_key(&mine, FUTEX_TEST_SPACE_A);
	assert_int_equal(futex_key_bucket(&neighbour), futex_key_bucket(&mine));
	start_waiter(0, other_space, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	start_waiter(1, neighbour, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	start_waiter(2, other_addr, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	start_waiter(3, mine, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	assert_int_equal(futex_wake(&mine, FUTEX_BITSET_MATCH_ANY, FUTEX_TEST_WAITERS), 1);
	sched_yield_cpu();
	assert_string_equal(wake_order, "3");
	for (int i = 0; i < 3; i++) {
		assert_false(waiters[i].done);
		assert_int_equal(futex_waiter_count(&waiters[i].key), 1);
		assert_int_equal(futex_wake(&waiters[i].key, FUTEX_BITSET_MATCH_ANY, 1), 1);
	}
	sched_yield_cpu();
	assert_string_equal(wake_order, "3012");
	sched_reap_exited();
}

/* PROC-113: a wake picks only waiters whose bitset shares a bit with its own. */
static void test_proc_113_bitsets_filter_wakes(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	start_waiter(0, k, BITSET_LOW, SCHED_NO_DEADLINE);
	start_waiter(1, k, BITSET_HIGH, SCHED_NO_DEADLINE);
	assert_int_equal(futex_wake(&k, BITSET_HIGH, FUTEX_TEST_WAITERS), 1);
	sched_yield_cpu();
	assert_string_equal(wake_order, "1");
	assert_int_equal(futex_wake(&k, BITSET_HIGH, FUTEX_TEST_WAITERS), 0);
	assert_int_equal(futex_wake(&k, BITSET_BOTH, FUTEX_TEST_WAITERS), 1);
	sched_yield_cpu();
	assert_string_equal(wake_order, "10");
	sched_reap_exited();
}

/* PROC-110, PROC-115: a deadline ends the wait with -ETIMEDOUT and takes the waiter off the table. */
static void test_proc_115_timeout_leaves_the_table(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	uint64_t deadline = platform_time_ns() + SLEEP_NS;
	waiter_t *w = start_waiter(0, k, FUTEX_BITSET_MATCH_ANY, deadline);
	/* No timer runs in this test: each wait is followed by the tick it stands for. */
	for (int i = 0; i < FUTEX_TEST_TICK_LIMIT && !w->done; i++) {
		platform_wait_for_interrupt(deadline);
		kernel_timer_tick();
		sched_yield_cpu();
	}
	assert_true(w->done);
	assert_int_equal(w->result, -ETIMEDOUT);
	assert_true(platform_time_ns() >= deadline);
	assert_int_equal(futex_waiter_count(&k), 0);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 1), 0);
	sched_reap_exited();
}

/* PROC-110, PROC-115: a signal ends the wait with -EINTR and takes the waiter off the table. */
static void test_proc_115_interrupt_leaves_the_table(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	waiter_t *w = start_waiter(0, k, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	start_waiter(1, k, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	sched_interrupt(w->task);
	sched_yield_cpu();
	assert_true(w->done);
	assert_int_equal(w->result, -EINTR);
	assert_int_equal(futex_waiter_count(&k), 1);
	/* The wake goes to the one still waiting, not to the one that left. */
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 1), 1);
	sched_yield_cpu();
	assert_int_equal(waiters[1].result, 0);
	assert_string_equal(wake_order, "01");
	sched_reap_exited();
}

/* PROC-115: a waiter woken after a signal ended its sleep, before it ran, still reports the wake. */
static void test_proc_115_counted_wake_is_never_lost(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	waiter_t *w = start_waiter(0, k, FUTEX_BITSET_MATCH_ANY, SCHED_NO_DEADLINE);
	sched_interrupt(w->task);
	assert_int_equal(futex_wake(&k, FUTEX_BITSET_MATCH_ANY, 1), 1);
	sched_yield_cpu();
	assert_true(w->done);
	assert_int_equal(w->result, 0);
	assert_int_equal(futex_waiter_count(&k), 0);
	sched_reap_exited();
}

/* PROC-115: a deadline already past answers -ETIMEDOUT at once and leaves nothing behind. */
static void test_proc_115_past_deadline(void **state)
{
	(void)state;
	setup_machine();
	futex_key_t k = key_of(FUTEX_TEST_SPACE_A, FUTEX_TEST_ADDR);
	platform_wait_for_interrupt(platform_time_ns() + SLEEP_NS);
	waiter_t *w = &waiters[0];
	w->key = k;
	w->bitset = FUTEX_BITSET_MATCH_ANY;
	w->deadline = 1;
	assert_non_null(sched_task_create("late", waiter_main, w, NULL));
	sched_yield_cpu();
	assert_true(w->done);
	assert_int_equal(w->result, -ETIMEDOUT);
	assert_int_equal(futex_waiter_count(&k), 0);
	sched_reap_exited();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proc_111_wake_at_most_n_in_fifo_order),
		cmocka_unit_test(test_proc_111_wake_without_waiters),
		cmocka_unit_test(test_proc_111_wake_only_the_same_key),
		cmocka_unit_test(test_proc_111_wake_limit_follows_linux),
		cmocka_unit_test(test_proc_113_bitsets_filter_wakes),
		cmocka_unit_test(test_proc_115_timeout_leaves_the_table),
		cmocka_unit_test(test_proc_115_interrupt_leaves_the_table),
		cmocka_unit_test(test_proc_115_counted_wake_is_never_lost),
		cmocka_unit_test(test_proc_115_past_deadline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
