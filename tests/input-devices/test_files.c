/*
 * tests/input-devices: /dev/kbd and /dev/mouse as open files on the sim's
 * kernel (INPUT-002..INPUT-004, INPUT-010, INPUT-014, INPUT-041), fed
 * through the platform's entry points kernel_keyboard_input and
 * kernel_mouse_input as the x86_64 interrupt handler feeds them.  As in
 * tests/processes/test_futex.c the test's main thread is the idle task; a
 * blocking reader is a task of its own.
 */
#include "memory/mem_fixture.h"

#include <aegis/fcntl.h>
#include <aegis/input.h>

#include "input/input.h"
#include "input/input_dev.h"
#include "input/input_internal.h"
#include "ipc/poll_wait.h"
#include "proc/fdtable.h"
#include "sched/sched.h"

#define FILES_TEST_MEM (64ull << 20)
#define BIG_BUF 4096u
#define SMALL_BUF 3u
#define B0 0x08u
#define B0_LEFT 0x01u
#define SC_LSHIFT 0x2Au
#define SC_B 0x30u
#define SC_BREAK 0x80u
#define FLOOD_EXTRA 2u
#define UNKNOWN_IOCTL 0x5401u
#define NONBLOCK_RD (AEGIS_O_RDONLY | AEGIS_O_NONBLOCK)

static void setup_machine(void)
{
	mem_log_capture();
	mem_machine(FILES_TEST_MEM);
	sched_init();
	input_kbd_set_present(true);
	input_mouse_set_present(true);
}

static file_t *open_mouse(uint32_t flags)
{
	file_t *f = NULL;
	assert_int_equal(input_mouse_open(NULL, flags, &f), 0);
	assert_non_null(f);
	return f;
}

static file_t *open_kbd(uint32_t flags)
{
	file_t *f = NULL;
	assert_int_equal(input_kbd_open(NULL, flags, &f), 0);
	assert_non_null(f);
	return f;
}

static void mouse_packet(uint8_t b0, uint8_t x, uint8_t y)
{
	const uint8_t bytes[] = { b0, x, y };
	kernel_mouse_input(bytes, sizeof(bytes));
}

/* INPUT-041: a device the platform did not report OK refuses to open. */
static void test_INPUT_041_enodev(void **state)
{
	(void)state;
	setup_machine();
	input_kbd_set_present(false);
	input_mouse_set_present(false);
	file_t *f = NULL;
	assert_int_equal(input_kbd_open(NULL, AEGIS_O_RDONLY, &f), -ENODEV);
	assert_int_equal(input_mouse_open(NULL, AEGIS_O_RDONLY, &f), -ENODEV);
	assert_null(f);
}

/* INPUT-002: whole records, EINVAL for a short buffer, EAGAIN, poll, one ring per reader. */
static void test_INPUT_002_reads(void **state)
{
	(void)state;
	setup_machine();
	file_t *a = open_mouse(NONBLOCK_RD), *b = open_mouse(NONBLOCK_RD);
	uint8_t buf[BIG_BUF];
	assert_int_equal(a->ops->read(a, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(a->ops->poll(a), 0);
	mouse_packet(B0 | B0_LEFT, 5, 0);
	mouse_packet(B0, 0xFF - 2, 0); /* +253 */
	assert_int_equal(a->ops->poll(a), POLL_IN | POLL_RDNORM);
	assert_int_equal(a->ops->read(a, buf, SMALL_BUF), -EINVAL);
	assert_int_equal(a->ops->read(a, buf, AEGIS_MOUSE_EVENT_SIZE + SMALL_BUF), AEGIS_MOUSE_EVENT_SIZE);
	aegis_mouse_event_t ev;
	memcpy(&ev, buf, sizeof(ev));
	assert_int_equal(ev.buttons, AEGIS_MOUSE_LEFT);
	assert_int_equal(ev.dx, 5);
	assert_int_equal(a->ops->read(a, buf, sizeof(buf)), AEGIS_MOUSE_EVENT_SIZE);
	memcpy(&ev, buf, sizeof(ev));
	assert_int_equal(ev.buttons, 0);
	assert_int_equal(ev.dx, 253);
	assert_int_equal(a->ops->read(a, buf, sizeof(buf)), -EAGAIN);
	/* b took nothing yet: it has both records. */
	assert_int_equal(b->ops->read(b, buf, sizeof(buf)), 2 * AEGIS_MOUSE_EVENT_SIZE);
	assert_null(a->ops->write); /* writes fail with EINVAL at the system call */
	file_release(a);
	file_release(b);
}

typedef struct {
	file_t *f;
	int64_t got;
	uint8_t buf[BIG_BUF];
	bool done;
} reader_t;

static void reader_main(void *arg)
{
	sched_task_begin();
	reader_t *r = arg;
	r->got = r->f->ops->read(r->f, r->buf, sizeof(r->buf));
	r->done = true;
	sched_exit_current();
}

/* INPUT-002: a blocking read waits for the next event. */
static void test_INPUT_002_blocking(void **state)
{
	(void)state;
	setup_machine();
	static reader_t r;
	memset(&r, 0, sizeof(r));
	r.f = open_mouse(AEGIS_O_RDONLY);
	assert_non_null(sched_task_create("reader", reader_main, &r, NULL));
	sched_yield_cpu();
	assert_false(r.done);
	mouse_packet(B0, 1, 1);
	sched_yield_cpu();
	assert_true(r.done);
	assert_int_equal(r.got, AEGIS_MOUSE_EVENT_SIZE);
	sched_reap_exited();
	file_release(r.f);
}

/* INPUT-003 INPUT-004: a full ring keeps the newest records and counts the rest; closing one reader leaves the other. */
static void test_INPUT_003_overflow(void **state)
{
	(void)state;
	setup_machine();
	file_t *a = open_kbd(NONBLOCK_RD), *b = open_kbd(NONBLOCK_RD);
	for (unsigned i = 0; i < INPUT_KBD_RING / 2u + FLOOD_EXTRA; i++) {
		const uint8_t press_release[] = { SC_B, SC_B | SC_BREAK };
		kernel_keyboard_input(press_release, sizeof(press_release));
	}
	static uint8_t buf[INPUT_KBD_RING * AEGIS_KBD_EVENT_SIZE * 2u];
	assert_int_equal(a->ops->read(a, buf, sizeof(buf)), INPUT_KBD_RING * AEGIS_KBD_EVENT_SIZE);
	input_client_t *ca = a->object;
	assert_int_equal(ca->ring.dropped, 2u * FLOOD_EXTRA);
	aegis_kbd_event_t first;
	memcpy(&first, buf, sizeof(first));
	assert_int_equal(first.code, AEGIS_KEY_B);
	assert_int_equal(first.value, AEGIS_KEY_PRESS);
	file_release(a);
	const uint8_t one[] = { SC_B };
	kernel_keyboard_input(one, sizeof(one));
	assert_int_equal(b->ops->read(b, buf, sizeof(buf)), INPUT_KBD_RING * AEGIS_KBD_EVENT_SIZE);
	memcpy(&first, buf + (INPUT_KBD_RING - 1u) * AEGIS_KBD_EVENT_SIZE, sizeof(first));
	assert_int_equal(first.value, AEGIS_KEY_PRESS); /* the newest record is the last press */
	const uint8_t up[] = { SC_B | SC_BREAK };
	kernel_keyboard_input(up, sizeof(up));
	file_release(b);
}

/* INPUT-010: the 8-byte record of a shifted key, byte for byte. */
static void test_INPUT_010_record(void **state)
{
	(void)state;
	setup_machine();
	file_t *f = open_kbd(NONBLOCK_RD);
	const uint8_t seq[] = { SC_LSHIFT, SC_B, SC_B | SC_BREAK, SC_LSHIFT | SC_BREAK };
	kernel_keyboard_input(seq, sizeof(seq));
	uint8_t buf[BIG_BUF];
	assert_int_equal(f->ops->read(f, buf, sizeof(buf)), 4 * AEGIS_KBD_EVENT_SIZE);
	const uint8_t want[4][AEGIS_KBD_EVENT_SIZE] = {
		{ AEGIS_KEY_LEFTSHIFT, 0, AEGIS_KEY_PRESS, AEGIS_MOD_SHIFT, 0, 0, 0, 0 },
		{ AEGIS_KEY_B, 0, AEGIS_KEY_PRESS, AEGIS_MOD_SHIFT, 'B', 0, 0, 0 },
		{ AEGIS_KEY_B, 0, AEGIS_KEY_RELEASE, AEGIS_MOD_SHIFT, 0, 0, 0, 0 },
		{ AEGIS_KEY_LEFTSHIFT, 0, AEGIS_KEY_RELEASE, 0, 0, 0, 0, 0 },
	};
	assert_memory_equal(buf, want, sizeof(want));
	file_release(f);
}

/* INPUT-014 INPUT-003: the grab belongs to one open file; close releases it; other ioctls are refused. */
static void test_INPUT_014_grab(void **state)
{
	(void)state;
	setup_machine();
	file_t *a = open_kbd(NONBLOCK_RD), *b = open_kbd(NONBLOCK_RD), *m = open_mouse(NONBLOCK_RD);
	assert_int_equal(a->ops->ioctl(a, NULL, AEGIS_INPUT_IOC_GRAB, 1), 0);
	assert_int_equal(a->ops->ioctl(a, NULL, AEGIS_INPUT_IOC_GRAB, 1), 0);
	assert_int_equal(b->ops->ioctl(b, NULL, AEGIS_INPUT_IOC_GRAB, 1), -EBUSY);
	assert_int_equal(b->ops->ioctl(b, NULL, AEGIS_INPUT_IOC_GRAB, 0), -EINVAL);
	const uint8_t seq[] = { SC_B, SC_B | SC_BREAK };
	kernel_keyboard_input(seq, sizeof(seq));
	uint8_t buf[BIG_BUF];
	assert_int_equal(b->ops->read(b, buf, sizeof(buf)), 2 * AEGIS_KBD_EVENT_SIZE); /* other readers still see keys */
	assert_int_equal(a->ops->ioctl(a, NULL, AEGIS_INPUT_IOC_GRAB, 0), 0);
	assert_int_equal(b->ops->ioctl(b, NULL, AEGIS_INPUT_IOC_GRAB, 1), 0);
	file_release(b);
	assert_int_equal(a->ops->ioctl(a, NULL, AEGIS_INPUT_IOC_GRAB, 1), 0); /* the close released it */
	assert_int_equal(m->ops->ioctl(m, NULL, AEGIS_INPUT_IOC_GRAB, 1), -ENOTTY);
	assert_int_equal(m->ops->ioctl(m, NULL, UNKNOWN_IOCTL, 0), -ENOTTY);
	file_release(a);
	file_release(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_INPUT_041_enodev),   cmocka_unit_test(test_INPUT_002_reads),
		cmocka_unit_test(test_INPUT_002_blocking), cmocka_unit_test(test_INPUT_003_overflow),
		cmocka_unit_test(test_INPUT_010_record),   cmocka_unit_test(test_INPUT_014_grab),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
