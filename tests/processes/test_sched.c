/*
 * The scheduler on the sim's task threads (spec/processes.md PROC-010,
 * PROC-011, PROC-013): round-robin order, wait queues, timed sleeps,
 * interruption, and exited tasks being freed by the idle side.
 *
 * The test's main thread is the boot task (the idle task); it lets the
 * others run with sched_yield_cpu(), which returns when nothing else is
 * runnable, and moves virtual time with platform_wait_for_interrupt.
 */
#include "memory/mem_fixture.h"

#include "core/timer.h"
#include "platform.h"
#include "sched/sched.h"

#define SCHED_TEST_TASKS 3
#define SCHED_TEST_ROUNDS 3
#define SCHED_TEST_MEM (64ull << 20)
#define SLEEP_NS 30000000ull /* 30 ms */
#define SCHED_TEST_TICK_LIMIT 1000

static char order[SCHED_TEST_TASKS * SCHED_TEST_ROUNDS + 1];
static size_t order_len;

static void setup_machine(void)
{
	mem_log_capture();
	mem_machine(SCHED_TEST_MEM);
	sched_init();
	order_len = 0;
	memset(order, 0, sizeof(order));
}

static void record_and_yield(void *arg)
{
	sched_task_begin();
	char id = (char)(uintptr_t)arg;
	for (int i = 0; i < SCHED_TEST_ROUNDS; i++) {
		order[order_len++] = id;
		sched_yield_cpu();
	}
	sched_exit_current();
}

/* PROC-010 round-robin FIFO order; PROC-013 exited tasks are freed by the idle side. */
static void test_round_robin(void **state)
{
	(void)state;
	setup_machine();
	for (int i = 0; i < SCHED_TEST_TASKS; i++)
		assert_non_null(sched_task_create("rr", record_and_yield, (void *)(uintptr_t)('a' + i), NULL));
	assert_int_equal(sched_task_count(), 1 + SCHED_TEST_TASKS);
	sched_yield_cpu();
	assert_string_equal(order, "abcabcabc");
	assert_int_equal(sched_task_count(), 1);
	sched_reap_exited();
	assert_ptr_equal(sched_current()->owner, NULL);
}

static waitq_t queue = WAITQ_INIT;
static int sleep_result;
static bool sleeper_done;
static uint64_t sleep_deadline;

static void sleeper(void *arg)
{
	(void)arg;
	sched_task_begin();
	sleep_result = sched_sleep(&queue, sleep_deadline);
	sleeper_done = true;
	sched_exit_current();
}

static task_t *start_sleeper(uint64_t deadline)
{
	sleeper_done = false;
	sleep_result = 1;
	sleep_deadline = deadline;
	task_t *t = sched_task_create("sleeper", sleeper, NULL, NULL);
	assert_non_null(t);
	sched_yield_cpu(); /* it runs and blocks */
	assert_false(sleeper_done);
	assert_int_equal(t->state, TASK_BLOCKED);
	return t;
}

/* PROC-011: woken by its queue. */
static void test_wake_by_queue(void **state)
{
	(void)state;
	setup_machine();
	start_sleeper(SCHED_NO_DEADLINE);
	waitq_wake_all(&queue);
	sched_yield_cpu();
	assert_true(sleeper_done);
	assert_int_equal(sleep_result, 0);
	assert_null(queue.head);
	sched_reap_exited();
}

/* PROC-011: woken by its deadline, off the queue afterwards. */
static void test_wake_by_deadline(void **state)
{
	(void)state;
	setup_machine();
	uint64_t deadline = platform_time_ns() + SLEEP_NS;
	start_sleeper(deadline);
	/* No timer runs in this test: each wait is followed by the tick it stands for. */
	for (int i = 0; i < SCHED_TEST_TICK_LIMIT && !sleeper_done; i++) {
		platform_wait_for_interrupt(deadline);
		kernel_timer_tick();
		sched_yield_cpu();
	}
	assert_true(sleeper_done);
	assert_int_equal(sleep_result, -ETIMEDOUT);
	assert_true(platform_time_ns() >= deadline);
	assert_null(queue.head);
	sched_reap_exited();
}

/* PROC-011: a signal interrupts the sleep (-EINTR). */
static void test_wake_by_interrupt(void **state)
{
	(void)state;
	setup_machine();
	task_t *t = start_sleeper(platform_time_ns() + SLEEP_NS);
	sched_interrupt(t);
	sched_yield_cpu();
	assert_true(sleeper_done);
	assert_int_equal(sleep_result, -EINTR);
	assert_null(queue.head);
	sched_reap_exited();
}

/* PROC-011: a deadline already past returns at once without blocking. */
static void test_past_deadline(void **state)
{
	(void)state;
	setup_machine();
	sleeper_done = false;
	sleep_deadline = 1; /* boot time is past it after the first tick */
	platform_wait_for_interrupt(platform_time_ns() + SLEEP_NS);
	assert_non_null(sched_task_create("late", sleeper, NULL, NULL));
	sched_yield_cpu();
	assert_true(sleeper_done);
	assert_int_equal(sleep_result, -ETIMEDOUT);
	sched_reap_exited();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_robin),
		cmocka_unit_test(test_wake_by_queue),
		cmocka_unit_test(test_wake_by_deadline),
		cmocka_unit_test(test_wake_by_interrupt),
		cmocka_unit_test(test_past_deadline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
