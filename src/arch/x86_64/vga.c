/*
 * VGA text screen, 80x25, at physical 0xB8000 (reached through the direct map).
 *
 * A simple terminal: printable bytes advance a cursor, '\n' starts a new
 * line, '\r' returns to column 0, '\t' moves to the next multiple of 8,
 * '\b' steps back; the last line scrolls the screen up.  A full row wraps
 * only when the next character arrives (as a VT100 does), so a line of
 * exactly 80 characters followed by '\n' leaves no empty row.  The hardware cursor
 * follows.  Nothing is written before platform_screen_init(), so an early
 * printk never scribbles over a graphics framebuffer GRUB may have set up.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "io.h"
#include "platform.h"

#define VGA_TEXT_PHYS 0xB8000u
#define VGA_COLS 80u
#define VGA_ROWS 25u
#define VGA_ATTR_DEFAULT 0x07u /* light grey on black */
#define VGA_TAB_WIDTH 8u
#define VGA_CRTC_INDEX 0x3D4
#define VGA_CRTC_DATA 0x3D5
#define VGA_CRTC_CURSOR_HIGH 0x0E
#define VGA_CRTC_CURSOR_LOW 0x0F
#define VGA_GC_INDEX 0x3CE
#define VGA_GC_DATA 0x3CF
#define VGA_GC_MISC 0x06
#define VGA_GC_MISC_GRAPHICS 0x01 /* alphanumeric mode disabled */
#define IO_FLOATING_BUS 0xFF       /* what a read from a port nobody decodes returns */

static volatile uint16_t *vga_cells;
static unsigned vga_row, vga_col;

static uint16_t vga_cell(char c)
{
	return (uint16_t)((VGA_ATTR_DEFAULT << 8) | (uint8_t)c);
}

static void vga_move_cursor(void)
{
	unsigned col = vga_col < VGA_COLS ? vga_col : VGA_COLS - 1; /* a pending wrap shows on the last cell */
	uint16_t pos = (uint16_t)(vga_row * VGA_COLS + col);
	io_out8(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_HIGH);
	io_out8(VGA_CRTC_DATA, (uint8_t)(pos >> 8));
	io_out8(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_LOW);
	io_out8(VGA_CRTC_DATA, (uint8_t)(pos & 0xFF));
}

static void vga_clear_row(unsigned row)
{
	for (unsigned col = 0; col < VGA_COLS; col++)
		vga_cells[row * VGA_COLS + col] = vga_cell(' ');
}

static void vga_scroll(void)
{
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		vga_cells[i] = vga_cells[i + VGA_COLS];
	vga_clear_row(VGA_ROWS - 1);
}

static void vga_newline(void)
{
	vga_col = 0;
	if (vga_row + 1 < VGA_ROWS)
		vga_row++;
	else
		vga_scroll();
}

static void vga_put(char c)
{
	switch (c) {
	case '\n':
		vga_newline();
		return;
	case '\r':
		vga_col = 0;
		return;
	case '\t':
		if (vga_col >= VGA_COLS)
			vga_newline();
		vga_col = (vga_col / VGA_TAB_WIDTH + 1) * VGA_TAB_WIDTH;
		if (vga_col > VGA_COLS)
			vga_col = VGA_COLS;
		return;
	case '\b':
		if (vga_col >= VGA_COLS)
			vga_col = VGA_COLS - 1;
		else if (vga_col > 0)
			vga_col--;
		return;
	default:
		break;
	}
	if (vga_col >= VGA_COLS)
		vga_newline();
	vga_cells[vga_row * VGA_COLS + vga_col] = vga_cell(c);
	vga_col++;
}

platform_result_t platform_screen_init(void)
{
	/* The graphics controller says whether the loader left a graphics mode (GRUB's framebuffer). */
	io_out8(VGA_GC_INDEX, VGA_GC_MISC);
	uint8_t misc = io_in8(VGA_GC_DATA);
	if (misc == IO_FLOATING_BUS)
		return (platform_result_t){ PLATFORM_ABSENT, "no VGA adapter" };
	if (misc & VGA_GC_MISC_GRAPHICS)
		return (platform_result_t){ PLATFORM_ABSENT, "display is in graphics mode, no text screen" };
	vga_cells = arch_phys_to_virt(VGA_TEXT_PHYS);
	for (unsigned row = 0; row < VGA_ROWS; row++)
		vga_clear_row(row);
	vga_row = 0;
	vga_col = 0;
	vga_move_cursor();
	return (platform_result_t){ PLATFORM_OK, "text mode 80x25" };
}

void platform_screen_write(const char *buf, size_t len)
{
	if (vga_cells == NULL)
		return;
	for (size_t i = 0; i < len; i++)
		vga_put(buf[i]);
	vga_move_cursor();
}
