/*
 * Between the input files (input_kbd.c, input_mouse.c, input_boot.c) and
 * their host tests: each device's boot step and a switch that stands in for
 * the platform's answer, so the sim's tests can open devices the sim lacks.
 */
#ifndef AEGIS_KERNEL_INPUT_INPUT_INTERNAL_H
#define AEGIS_KERNEL_INPUT_INPUT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

void input_kbd_boot(void);
void input_mouse_boot(void);

/* Tests: behave as if the platform's init step had (not) found the device. */
void input_kbd_set_present(bool present);
void input_mouse_set_present(bool present);

/* Bytes the mouse decoder threw away to find a packet start again. */
uint64_t input_mouse_resyncs(void);

#endif
