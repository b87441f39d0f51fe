/*
 * inputcheck: /dev/kbd and /dev/mouse as a program sees them
 * (spec/input-devices.md INPUT-001..INPUT-042), run as PID 1
 * ("init=/bin/inputcheck test=init").  On the sim, which has no PS/2
 * controller, it checks that both devices are listed and refuse to open
 * with ENODEV.  In QEMU it prints a prompt line before each step and the
 * test driver (tests/input-devices/test_inputcheck.py) answers through the
 * monitor with mouse_move, mouse_button and sendkey.  One "ok - ID text" or
 * "not ok - ID text: detail" line per check, then a summary.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/input.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define IC_EAGAIN 11
#define IC_EFAULT 14
#define IC_ENODEV 19
#define IC_EINVAL 22
#define IC_EBUSY 16
#define IC_ENOTTY 25
#define IC_POLLIN 0x001
#define IC_BAD_PTR 8ul
#define IC_SHORT_READ 3u
#define IC_WAIT_MS 10000      /* how long a step waits for the driver's input */
#define IC_MOVE_DX 10          /* what the driver sends: mouse_move 10 20 */
#define IC_MOVE_DY 20
#define IC_EVENTS_MAX 64u      /* key events one step reads at most */
#define IC_LINE_MAX 64u
#define IC_MODE_MASK 07777u
#define IC_S_IFMT 0170000u
#define IC_S_IFCHR 0020000u
#define IC_RDEV(major, minor) (((major) << 8) | (minor))

/* INPUT-001: the two nodes, with their numbers and modes, in the /dev listing. */
static void ic_nodes(void)
{
	aegis_stat_t m, k;
	long rm = sys_stat("/dev/mouse", &m), rk = sys_stat("/dev/kbd", &k);
	bool mouse_ok = rm == 0 && (m.st_mode & IC_S_IFMT) == IC_S_IFCHR && (m.st_mode & IC_MODE_MASK) == 0444 &&
			m.st_rdev == IC_RDEV(AEGIS_INPUT_MAJOR, AEGIS_INPUT_MOUSE_MINOR);
	bool kbd_ok = rk == 0 && (k.st_mode & IC_S_IFMT) == IC_S_IFCHR && (k.st_mode & IC_MODE_MASK) == 0400 &&
		      k.st_rdev == IC_RDEV(AEGIS_INPUT_MAJOR, AEGIS_INPUT_KBD_MINOR);
	tcheck(mouse_ok && kbd_ok && tcheck_dir_has("/dev", "mouse") && tcheck_dir_has("/dev", "kbd"), "INPUT-001",
	       "/dev/mouse is 13,0 mode 0444 and /dev/kbd 13,1 mode 0400, both listed", "%ld 0%o 0x%lx %ld 0%o 0x%lx",
	       rm, (unsigned)m.st_mode, (unsigned long)m.st_rdev, rk, (unsigned)k.st_mode, (unsigned long)k.st_rdev);
}

/* INPUT-002 INPUT-003: with nothing queued: EAGAIN, EINVAL, no POLLIN, no drops, ENOTTY. */
static void ic_idle(int mouse)
{
	char buf[IC_LINE_MAX];
	long again = sys_read(mouse, buf, sizeof(buf));
	long shortr = sys_read(mouse, buf, IC_SHORT_READ);
	aegis_pollfd_t p = { mouse, IC_POLLIN, 0 };
	long pr = sys_poll(&p, 1, 0);
	tcheck(again == -IC_EAGAIN && shortr == -IC_EINVAL && pr == 0, "INPUT-002",
	       "an idle /dev/mouse: EAGAIN, EINVAL for a short buffer, poll not readable", "%ld %ld %ld", again, shortr,
	       pr);
	uint64_t dropped = 1;
	long d = sys_ioctl(mouse, AEGIS_INPUT_IOC_DROPPED, (unsigned long)&dropped);
	long bad = sys_ioctl(mouse, AEGIS_INPUT_IOC_DROPPED, IC_BAD_PTR);
	long other = sys_ioctl(mouse, TCGETS, (unsigned long)buf);
	tcheck(d == 0 && dropped == 0 && bad == -IC_EFAULT && other == -IC_ENOTTY, "INPUT-003",
	       "the drop count is 0, a bad pointer gives EFAULT, other ioctls ENOTTY", "%ld %lu %ld %ld", d,
	       (unsigned long)dropped, bad, other);
}

/* INPUT-042 INPUT-030: mouse_move 10 20, then the left button down and up. */
static void ic_mouse(int mouse)
{
	uio_printf(1, "inputcheck: move the mouse\n");
	long sum_dx = 0, sum_dy = 0;
	bool pressed = false, released = false, whole = true;
	unsigned records = 0;
	while (!(released && sum_dx == IC_MOVE_DX && sum_dy == IC_MOVE_DY)) {
		aegis_pollfd_t p = { mouse, IC_POLLIN, 0 };
		if (sys_poll(&p, 1, IC_WAIT_MS) != 1)
			break;
		uint8_t buf[AEGIS_MOUSE_EVENT_SIZE * 8u];
		long n = sys_read(mouse, buf, sizeof(buf));
		if (n <= 0 || n % AEGIS_MOUSE_EVENT_SIZE)
			whole = false;
		for (long off = 0; n > 0 && off + (long)AEGIS_MOUSE_EVENT_SIZE <= n; off += AEGIS_MOUSE_EVENT_SIZE) {
			aegis_mouse_event_t ev;
			memcpy(&ev, buf + off, sizeof(ev));
			sum_dx += ev.dx;
			sum_dy += ev.dy;
			if (ev.buttons & AEGIS_MOUSE_LEFT)
				pressed = true;
			else if (pressed)
				released = true;
			whole = whole && ev.scroll == 0;
			records++;
		}
	}
	tcheck(whole && pressed && released && sum_dx == IC_MOVE_DX && sum_dy == IC_MOVE_DY, "INPUT-042",
	       "mouse_move and mouse_button arrive on /dev/mouse as whole 7-byte records",
	       "%u records, dx %ld dy %ld, pressed %d released %d whole %d", records, sum_dx, sum_dy, pressed, released,
	       whole);
}

/* Blocking reads of key events until Enter comes up: the count read. */
static unsigned ic_keys_until_enter(int kbd, aegis_kbd_event_t *evs)
{
	unsigned n = 0;
	while (n < IC_EVENTS_MAX) {
		long r = sys_read(kbd, &evs[n], AEGIS_KBD_EVENT_SIZE);
		if (r != (long)AEGIS_KBD_EVENT_SIZE)
			break;
		n++;
		if (evs[n - 1].code == AEGIS_KEY_ENTER && evs[n - 1].value == AEGIS_KEY_RELEASE)
			break;
	}
	return n;
}

/* Is there an event with this code and value (and, for presses, character and modifiers)? */
static bool ic_has(const aegis_kbd_event_t *evs, unsigned n, uint16_t code, uint8_t value, uint8_t ch, int mods)
{
	for (unsigned i = 0; i < n; i++)
		if (evs[i].code == code && evs[i].value == value && evs[i].ch == ch && (mods < 0 || evs[i].mods == mods))
			return true;
	return false;
}

/* INPUT-042 INPUT-013: "a", "B", Enter reach /dev/kbd and the console. */
static void ic_keys(int kbd)
{
	uio_printf(1, "inputcheck: type a, B and Enter\n");
	aegis_kbd_event_t evs[IC_EVENTS_MAX];
	unsigned n = ic_keys_until_enter(kbd, evs);
	bool ok = ic_has(evs, n, AEGIS_KEY_A, AEGIS_KEY_PRESS, 'a', 0) &&
		  ic_has(evs, n, AEGIS_KEY_A, AEGIS_KEY_RELEASE, 0, 0) &&
		  ic_has(evs, n, AEGIS_KEY_LEFTSHIFT, AEGIS_KEY_PRESS, 0, AEGIS_MOD_SHIFT) &&
		  ic_has(evs, n, AEGIS_KEY_B, AEGIS_KEY_PRESS, 'B', AEGIS_MOD_SHIFT) &&
		  ic_has(evs, n, AEGIS_KEY_B, AEGIS_KEY_RELEASE, 0, -1) &&
		  ic_has(evs, n, AEGIS_KEY_ENTER, AEGIS_KEY_PRESS, '\r', 0);
	tcheck(ok, "INPUT-042", "sendkey a, shift-b and ret arrive on /dev/kbd with codes, modifiers and characters",
	       "%u events, first code %u value %u", n, n ? evs[0].code : 0u, n ? evs[0].value : 0u);
	char line[IC_LINE_MAX] = { 0 };
	long got = sys_read(0, line, sizeof(line) - 1);
	tcheck(got == 3 && strcmp(line, "aB\n") == 0, "INPUT-013", "the console received the same keys as a line",
	       "read %ld '%s'", got, line);
}

/* INPUT-014: under a grab the keys reach /dev/kbd only. */
static void ic_grab(int kbd)
{
	long other = sys_open("/dev/kbd", AEGIS_O_RDONLY, 0);
	long g1 = sys_ioctl(kbd, AEGIS_INPUT_IOC_GRAB, 1);
	long g2 = other >= 0 ? sys_ioctl((int)other, AEGIS_INPUT_IOC_GRAB, 1) : other;
	uio_printf(1, "inputcheck: type c and Enter under the grab\n");
	aegis_kbd_event_t evs[IC_EVENTS_MAX];
	unsigned n = ic_keys_until_enter(kbd, evs);
	bool seen = ic_has(evs, n, AEGIS_KEY_C, AEGIS_KEY_PRESS, 'c', 0);
	long fl = sys_fcntl(0, AEGIS_F_GETFL, 0);
	sys_fcntl(0, AEGIS_F_SETFL, (unsigned long)fl | AEGIS_O_NONBLOCK);
	char buf[IC_LINE_MAX];
	long console = sys_read(0, buf, sizeof(buf));
	sys_fcntl(0, AEGIS_F_SETFL, (unsigned long)fl);
	long u1 = other >= 0 ? sys_ioctl((int)other, AEGIS_INPUT_IOC_GRAB, 0) : other;
	long u2 = sys_ioctl(kbd, AEGIS_INPUT_IOC_GRAB, 0);
	tcheck(g1 == 0 && g2 == -IC_EBUSY && seen && console == -IC_EAGAIN && u1 == -IC_EINVAL && u2 == 0, "INPUT-014",
	       "a grab keeps the keys from the console; a second grab is EBUSY; only the holder releases it",
	       "grab %ld %ld seen %d console %ld release %ld %ld", g1, g2, seen, console, u1, u2);
	if (other >= 0)
		sys_close((int)other);
}

int main(void)
{
	uio_printf(1, "inputcheck: pid %ld\n", sys_getpid());
	ic_nodes();
	long mouse = sys_open("/dev/mouse", AEGIS_O_RDONLY | AEGIS_O_NONBLOCK, 0);
	long kbd = sys_open("/dev/kbd", AEGIS_O_RDONLY, 0);
	if (mouse == -IC_ENODEV) {
		tcheck(kbd == -IC_ENODEV, "INPUT-041", "with no PS/2 controller both devices refuse to open with ENODEV",
		       "mouse %ld kbd %ld", mouse, kbd);
		return tcheck_summary("inputcheck") ? 0 : 1;
	}
	tcheck(mouse >= 0 && kbd >= 0, "INPUT-040", "with the PS/2 devices ready both open", "mouse %ld kbd %ld", mouse,
	       kbd);
	if (mouse < 0 || kbd < 0)
		return tcheck_summary("inputcheck") ? 0 : 1;
	ic_idle((int)mouse);
	ic_mouse((int)mouse);
	ic_keys((int)kbd);
	ic_grab((int)kbd);
	sys_close((int)mouse);
	sys_close((int)kbd);
	return tcheck_summary("inputcheck") ? 0 : 1;
}
