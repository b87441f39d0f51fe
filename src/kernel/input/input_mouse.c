/*
 * /dev/mouse (spec/input-devices.md INPUT-030..INPUT-033): the PS/2 mouse's
 * packets as 7-byte records for every open /dev/mouse file.
 */
#include <aegis/input.h>

#include "core/log.h"
#include "input/input.h"
#include "input/input_dev.h"
#include "input/input_internal.h"
#include "input/ps2_mouse.h"
#include "platform.h"

static ps2_mouse_decoder_t mouse_decoder;
static input_dev_t mouse_dev = {
	.rec_size = AEGIS_MOUSE_EVENT_SIZE,
	.ring_cap = INPUT_MOUSE_RING,
	.readers = WAITQ_INIT,
};

_Static_assert(sizeof(aegis_mouse_event_t) == AEGIS_MOUSE_EVENT_SIZE, "the /dev/mouse record is 7 bytes");

/* IRQ context: decode packets and publish them. */
void kernel_mouse_input(const uint8_t *bytes, size_t len)
{
	uint64_t now = platform_time_ns();
	for (size_t i = 0; i < len; i++) {
		aegis_mouse_event_t ev;
		if (ps2_mouse_feed(&mouse_decoder, bytes[i], now, &ev))
			input_dev_publish(&mouse_dev, &ev);
	}
}

int input_mouse_open(process_t *p, uint32_t flags, file_t **out)
{
	(void)p;
	return input_dev_open(&mouse_dev, flags, out);
}

void input_mouse_boot(void)
{
	ps2_mouse_init(&mouse_decoder);
	platform_result_t r = platform_mouse_init();
	boot_mark_platform("MOUSE", r);
	mouse_dev.present = r.status == PLATFORM_OK;
}

void input_mouse_set_present(bool present)
{
	mouse_dev.present = present;
}

uint64_t input_mouse_resyncs(void)
{
	return mouse_decoder.resyncs;
}
