/*
 * The input device ABI of Aegis (spec/input-devices.md): the records that
 * /dev/kbd and /dev/mouse read, their modifier and button bits, the key
 * codes the tests and programs name, and the two ioctls.
 *
 * Records are packed and little-endian (the byte order of x86_64); a read
 * returns whole records only.  Key codes are Linux's input event codes
 * (linux/input-event-codes.h), so a program may use Linux's table for the
 * keys not named here.
 */
#ifndef AEGIS_INPUT_H
#define AEGIS_INPUT_H

#include <stdint.h>

/* /dev/kbd: one key going down, repeating or coming up (INPUT-010). */
typedef struct __attribute__((packed)) aegis_kbd_event {
	uint16_t code;  /* AEGIS_KEY_*: Linux input event code */
	uint8_t value;  /* AEGIS_KEY_RELEASE, AEGIS_KEY_PRESS or AEGIS_KEY_REPEAT */
	uint8_t mods;   /* AEGIS_MOD_* after this event */
	uint8_t ch;     /* the byte the console gets for this press, 0 for none */
	uint8_t reserved[3]; /* zero */
} aegis_kbd_event_t;

#define AEGIS_KBD_EVENT_SIZE 8u

#define AEGIS_KEY_RELEASE 0u
#define AEGIS_KEY_PRESS 1u
#define AEGIS_KEY_REPEAT 2u

#define AEGIS_MOD_SHIFT 0x01u
#define AEGIS_MOD_CTRL 0x02u
#define AEGIS_MOD_ALT 0x04u
#define AEGIS_MOD_META 0x08u
#define AEGIS_MOD_CAPSLOCK 0x10u

/* /dev/mouse: one PS/2 packet, as the original's {u8 buttons; i16 dx, dy, scroll} (INPUT-030). */
typedef struct __attribute__((packed)) aegis_mouse_event {
	uint8_t buttons; /* AEGIS_MOUSE_* held after this packet */
	int16_t dx;      /* right is positive */
	int16_t dy;      /* down is positive (screen direction; PS/2 counts up as positive) */
	int16_t scroll;  /* always 0: the driver speaks the 3-byte protocol */
} aegis_mouse_event_t;

#define AEGIS_MOUSE_EVENT_SIZE 7u

#define AEGIS_MOUSE_LEFT 0x01u
#define AEGIS_MOUSE_RIGHT 0x02u
#define AEGIS_MOUSE_MIDDLE 0x04u

/* Key codes (Linux values) that Aegis names. */
#define AEGIS_KEY_ESC 1u
#define AEGIS_KEY_1 2u
#define AEGIS_KEY_BACKSPACE 14u
#define AEGIS_KEY_TAB 15u
#define AEGIS_KEY_Q 16u
#define AEGIS_KEY_ENTER 28u
#define AEGIS_KEY_LEFTCTRL 29u
#define AEGIS_KEY_A 30u
#define AEGIS_KEY_LEFTSHIFT 42u
#define AEGIS_KEY_B 48u
#define AEGIS_KEY_C 46u
#define AEGIS_KEY_RIGHTSHIFT 54u
#define AEGIS_KEY_LEFTALT 56u
#define AEGIS_KEY_SPACE 57u
#define AEGIS_KEY_CAPSLOCK 58u
#define AEGIS_KEY_F12 88u
#define AEGIS_KEY_KPENTER 96u
#define AEGIS_KEY_RIGHTCTRL 97u
#define AEGIS_KEY_KPSLASH 98u
#define AEGIS_KEY_SYSRQ 99u
#define AEGIS_KEY_RIGHTALT 100u
#define AEGIS_KEY_HOME 102u
#define AEGIS_KEY_UP 103u
#define AEGIS_KEY_PAGEUP 104u
#define AEGIS_KEY_LEFT 105u
#define AEGIS_KEY_RIGHT 106u
#define AEGIS_KEY_END 107u
#define AEGIS_KEY_DOWN 108u
#define AEGIS_KEY_PAGEDOWN 109u
#define AEGIS_KEY_INSERT 110u
#define AEGIS_KEY_DELETE 111u
#define AEGIS_KEY_PAUSE 119u
#define AEGIS_KEY_LEFTMETA 125u
#define AEGIS_KEY_RIGHTMETA 126u
#define AEGIS_KEY_COMPOSE 127u

/*
 * ioctls.  GRAB (Linux's EVIOCGRAB number, argument by value): nonzero takes
 * /dev/kbd for this open file alone, so the console stops receiving keys;
 * 0 gives it back (INPUT-014).  DROPPED (_IOR('I', 1, u64)): the number of
 * records this open file's ring dropped because it was full (INPUT-003).
 */
#define AEGIS_INPUT_IOC_GRAB 0x40044590u
#define AEGIS_INPUT_IOC_DROPPED 0x80084901u

/* Device numbers (INPUT-001). */
#define AEGIS_INPUT_MAJOR 13u
#define AEGIS_INPUT_MOUSE_MINOR 0u
#define AEGIS_INPUT_KBD_MINOR 1u

#endif
