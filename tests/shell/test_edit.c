/* The line editor and history (spec/shell.md SH-071..SH-079, SH-100, SH-101), fed byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "shell/sh_edit.h"

static sh_edit_t ed;
static sh_hist_t hist;
static char screen[4096]; /* every echo, concatenated */
static size_t shown;

static sh_edit_result_t type(const char *keys)
{
	sh_edit_result_t r = SH_EDIT_MORE;
	for (size_t i = 0; keys[i] != '\0' && r == SH_EDIT_MORE; i++) {
		r = sh_edit_feed(&ed, (unsigned char)keys[i]);
		memcpy(screen + shown, ed.out, ed.outlen);
		shown += ed.outlen;
		screen[shown] = '\0';
	}
	return r;
}

static void start(void)
{
	sh_edit_start(&ed, &hist);
	shown = 0;
	screen[0] = '\0';
}

/* What a terminal shows after the echo: apply \b as "cursor left" over a line of cells. */
static void render(char *out)
{
	size_t col = 0, width = 0;
	for (size_t i = 0; i < shown; i++) {
		if (screen[i] == '\b') {
			col--;
			continue;
		}
		if (screen[i] == '\n')
			break;
		out[col++] = screen[i];
		if (col > width)
			width = col;
	}
	while (width > 0 && out[width - 1] == ' ')
		width--;
	out[width] = '\0';
}

static void expect_line(const char *want)
{
	char seen[sizeof(screen)];
	size_t n = strlen(want);
	assert_string_equal(ed.line, want);
	render(seen);
	while (n > 0 && want[n - 1] == ' ')
		n--; /* the screen cannot tell trailing blanks from nothing */
	assert_int_equal(strlen(seen), n);
	assert_memory_equal(seen, want, n);
}

/* SH-071, SH-076: insert, backspace, arrows, home/end. */
static void test_sh_071_editing(void **state)
{
	start();
	assert_int_equal(type("ehco"), SH_EDIT_MORE);
	type("\x1b[D\x1b[D\x7f\x1b[Ch");
	expect_line("echo");
	type("\x01X\x05Y");
	expect_line("XechoY");
	type("\x1b[H\x1b[3~\x1b[F\x08");
	expect_line("echo");
	type("\x1b[1~>\x1b[4~<\x02\x02\x06!");
	expect_line(">echo!<");
	type("\x1bOH[\x1bOF]");
	expect_line("[>echo!<]");
	assert_int_equal(type("\r"), SH_EDIT_DONE);
	assert_string_equal(ed.line, "[>echo!<]");
	start();
	type("x");
	assert_int_equal(type("\n"), SH_EDIT_DONE);
}

/* SH-072: ^U and ^K. */
static void test_sh_072_kill(void **state)
{
	start();
	type("hello world\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D");
	type("\x0b");
	expect_line("hello ");
	type("\x1b[D\x15");
	expect_line(" ");
	start();
	type("abc\x15");
	expect_line("");
}

/* SH-073: ^C abandons, ^D ends an empty line or erases. */
static void test_sh_073_ctrl_c_d(void **state)
{
	start();
	type("abc");
	assert_int_equal(type("\x03"), SH_EDIT_CANCEL);
	assert_string_equal(ed.line, "");
	assert_non_null(strstr(screen, "^C\n"));
	start();
	assert_int_equal(type("\x04"), SH_EDIT_EOF);
	start();
	type("ab\x01\x04");
	assert_int_equal(ed.len, 1);
	expect_line("b");
	type("\x1bZq");
	expect_line("qb");
}

/* SH-074: a full line refuses more and rings the bell. */
static void test_sh_074_full(void **state)
{
	start();
	for (int i = 0; i < SH_LINE_MAX; i++)
		sh_edit_feed(&ed, 'a');
	assert_int_equal(ed.len, SH_LINE_MAX);
	assert_int_equal(ed.full, 0);
	sh_edit_feed(&ed, 'b');
	assert_int_equal(ed.len, SH_LINE_MAX);
	assert_int_equal(ed.full, 1);
	assert_int_equal(ed.outlen, 1);
	assert_int_equal(ed.out[0], '\a');
}

/* SH-075: history ring, up and down, the line being typed comes back. */
static void test_sh_075_history(void **state)
{
	sh_hist_init(&hist);
	assert_null(sh_hist_get(&hist, 0));
	sh_hist_add(&hist, "first");
	sh_hist_add(&hist, "second");
	sh_hist_add(&hist, "second");
	sh_hist_add(&hist, "");
	assert_int_equal(hist.count, 2);
	start();
	type("typed");
	type("\x1b[A");
	expect_line("second");
	type("\x10");
	expect_line("first");
	type("\x1b[A");
	expect_line("first");
	type("\x1b[B");
	expect_line("second");
	type("\x0e");
	expect_line("typed");
	type("\x1b[B");
	expect_line("typed");
	char line[16];
	for (int i = 0; i < SH_HIST_MAX + 5; i++) {
		snprintf(line, sizeof(line), "cmd%d", i);
		sh_hist_add(&hist, line);
	}
	assert_int_equal(hist.count, SH_HIST_MAX);
	snprintf(line, sizeof(line), "cmd%d", SH_HIST_MAX + 4);
	assert_string_equal(sh_hist_get(&hist, 0), line);
	assert_string_equal(sh_hist_get(&hist, SH_HIST_MAX - 1), "cmd5");
	assert_null(sh_hist_get(&hist, SH_HIST_MAX));
	start();
	ed.hist = NULL;
	type("\x1b[Ax");
	expect_line("x");
}

/* SH-077: ^W erases the blanks and then the word before the cursor. */
static void test_sh_077_ctrl_w(void **state)
{
	start();
	type("\x17" "echo one  two\x17");
	expect_line("echo one  ");
	type("\x17");
	expect_line("echo ");
	type("a b\x1b[D\x1b[D\x17");
	expect_line("echo  b");
	assert_int_equal(ed.cursor, 5);
	type("\x01\x17");
	expect_line("echo  b");
	assert_int_equal(ed.cursor, 0);
	type("\x1b[F\x17\x17");
	expect_line("");
}

/* SH-078: ^L clears the screen and writes the prompt and the line, cursor where it was. */
static void test_sh_078_ctrl_l(void **state)
{
	start();
	type("abc\x1b[D");
	type("\x0c");
	assert_int_equal(ed.outlen, strlen("\x1b[H\x1b[2Jabc\b"));
	assert_memory_equal(ed.out, "\x1b[H\x1b[2Jabc\b", ed.outlen);
	sh_edit_options(&ed, "$ ", NULL);
	type("\x0c");
	assert_memory_equal(ed.out, "\x1b[H\x1b[2J$ abc\b", ed.outlen);
	assert_string_equal(ed.line, "abc");
	assert_int_equal(ed.cursor, 2);
}

/* A PATH of one directory, /bin, and a working directory with a directory and a file. */
static void fake_list(void *ctx, const char *dir, sh_complete_t *c)
{
	static const char *const bin[] = { "echo", "sh", "shpause", "shutdown", "who", "whoami", NULL };
	(void)ctx;
	for (size_t i = 0; strcmp(dir, "/bin") == 0 && bin[i] != NULL; i++)
		sh_complete_offer(c, bin[i], false);
	if (strcmp(dir, ".") == 0) {
		sh_complete_offer(c, "docs", true);
		sh_complete_offer(c, "notes", false);
	}
}

static const char *const builtins[] = { "echo", "exit", NULL };
static const sh_complete_src_t source = { .list = fake_list, .path = "/bin", .builtins = builtins };

/* SH-100: Tab completes a unique match with ' ' or '/', several to their shared prefix, none not at all. */
static void test_sh_100_tab(void **state)
{
	start();
	type("ech\t");
	expect_line("ech"); /* no source: Tab does nothing */
	start();
	sh_edit_options(&ed, "$ ", &source);
	type("ech\t");
	expect_line("echo ");
	type("/bin/whoa\t");
	expect_line("echo /bin/whoami ");
	type("d\t");
	expect_line("echo /bin/whoami docs/");
	type("\x15zz\t");
	assert_int_equal(ed.outlen, 0);
	expect_line("zz");
	type("\x15wh\t");
	expect_line("who");
	type("\x15x\x01" "exi\t");
	expect_line("exit x"); /* the word ends at the cursor */
	assert_int_equal(ed.cursor, 5);
	start();
	sh_edit_options(&ed, "$ ", &source);
	for (int i = 0; i < SH_LINE_MAX - 6; i++)
		sh_edit_feed(&ed, 'a');
	type("; ech\t"); /* one byte of room, "o " needs two */
	assert_int_equal(ed.len, SH_LINE_MAX - 1);
	assert_int_equal(ed.full, 1);
	assert_int_equal(ed.outlen, 1);
	assert_int_equal(ed.out[0], '\a');
}

/* Cells as wide as the widest name and two spaces; the prompt, the line and the cursor's way back after. */
#define LIST_SH "\nsh        shpause   shutdown\n$ /bin/sh"
#define LIST_ALL "\necho      exit      sh        shpause   shutdown  who       whoami\n$ who\b\b\b"

/* SH-101: a second Tab lists the matches, then the prompt and the line again; another key in between resets. */
static void test_sh_101_list(void **state)
{
	start();
	sh_edit_options(&ed, "$ ", &source);
	type("/bin/sh\t");
	assert_int_equal(ed.outlen, 0);
	type("\t");
	assert_int_equal(ed.outlen, strlen(LIST_SH));
	assert_memory_equal(ed.out, LIST_SH, ed.outlen);
	type("\t");
	assert_int_equal(ed.outlen, strlen(LIST_SH));
	type("x\x7f\t");
	assert_int_equal(ed.outlen, 0);
	start();
	sh_edit_options(&ed, "$ ", &source);
	type("cat \x1b[D\t");
	expect_line("cat "); /* cursor after "cat": a command word, and no command starts with "cat" */
	type("\x1b[C\t\t");
	assert_int_equal(ed.outlen, strlen("\ndocs/  notes\n$ cat "));
	assert_memory_equal(ed.out, "\ndocs/  notes\n$ cat ", ed.outlen);
	type("w\t\t");
	assert_string_equal(ed.line, "cat w"); /* no match in the working directory: nothing, not even a listing */
	assert_int_equal(ed.outlen, 0);
	start();
	sh_edit_options(&ed, "$ ", &source);
	type("wh\t\t");
	assert_int_equal(ed.outlen, strlen("\nwho     whoami\n$ who"));
	assert_memory_equal(ed.out, "\nwho     whoami\n$ who", ed.outlen);
	type("\x01\t\t");
	assert_int_equal(ed.outlen, strlen(LIST_ALL));
	assert_memory_equal(ed.out, LIST_ALL, ed.outlen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_071_editing), cmocka_unit_test(test_sh_072_kill),
		cmocka_unit_test(test_sh_073_ctrl_c_d), cmocka_unit_test(test_sh_074_full),
		cmocka_unit_test(test_sh_075_history), cmocka_unit_test(test_sh_077_ctrl_w),
		cmocka_unit_test(test_sh_078_ctrl_l),  cmocka_unit_test(test_sh_100_tab),
		cmocka_unit_test(test_sh_101_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
