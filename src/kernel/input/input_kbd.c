/*
 * /dev/kbd (spec/input-devices.md INPUT-010..INPUT-014): the keyboard's
 * scancodes become key events for every open /dev/kbd file and, unless a
 * reader grabbed the device, the bytes a terminal sends for the console.
 */
#include <aegis/input.h>

#include "core/kstring.h"
#include "core/log.h"
#include "input/input.h"
#include "input/input_dev.h"
#include "input/input_internal.h"
#include "input/key_console.h"
#include "input/ps2_kbd.h"
#include "platform.h"

static ps2_kbd_decoder_t kbd_decoder;
static input_dev_t kbd_dev = {
	.rec_size = AEGIS_KBD_EVENT_SIZE,
	.ring_cap = INPUT_KBD_RING,
	.grab_allowed = true,
	.readers = WAITQ_INIT,
};

_Static_assert(sizeof(aegis_kbd_event_t) == AEGIS_KBD_EVENT_SIZE, "the /dev/kbd record is 8 bytes");

/* IRQ context: decode, publish, and feed the console unless grabbed. */
void kernel_keyboard_input(const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		ps2_key_t key;
		if (!ps2_kbd_feed(&kbd_decoder, bytes[i], &key))
			continue;
		uint8_t seq[KEY_CONSOLE_MAX];
		size_t n = key.value == AEGIS_KEY_RELEASE ? 0 : key_console_bytes(key.code, key.mods, seq);
		aegis_kbd_event_t ev;
		kmemset(&ev, 0, sizeof(ev));
		ev.code = key.code;
		ev.value = key.value;
		ev.mods = key.mods;
		ev.ch = n == 1 ? seq[0] : 0;
		input_dev_publish(&kbd_dev, &ev);
		if (n && !input_dev_grabbed(&kbd_dev))
			kernel_console_input(seq, n);
	}
}

int input_kbd_open(process_t *p, uint32_t flags, file_t **out)
{
	(void)p;
	return input_dev_open(&kbd_dev, flags, out);
}

void input_kbd_boot(void)
{
	ps2_kbd_init(&kbd_decoder);
	platform_result_t r = platform_keyboard_init();
	boot_mark_platform("KBD", r);
	kbd_dev.present = r.status == PLATFORM_OK;
}

void input_kbd_set_present(bool present)
{
	kbd_dev.present = present;
}
