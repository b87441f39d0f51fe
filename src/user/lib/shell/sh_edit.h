/*
 * The interactive line editor (spec/shell.md SH-070..SH-079, SH-100..SH-102), pure: bytes
 * typed in raw mode go in one at a time, the line and the text to echo come
 * out.  The echo uses only relative moves (backspace to go left, rewriting
 * characters to go right, spaces to erase), so it works on any terminal the
 * console offers.  Keys:
 *   printable      insert at the cursor        Backspace/DEL  erase before it
 *   Left/Right, Ctrl-B/Ctrl-F  move             Home/End, Ctrl-A/Ctrl-E
 *   Ctrl-U  erase before the cursor             Ctrl-K  erase from the cursor
 *   Up/Down, Ctrl-P/Ctrl-N  history             Ctrl-C  abandon the line
 *   Ctrl-D  end of input on an empty line, else erase at the cursor
 *   Ctrl-W  erase the word before the cursor    Ctrl-L  clear the screen, redraw
 *   Delete (ESC [ 3 ~)  erase at the cursor     Tab  complete (sh_complete.h)
 *   Enter (CR or LF)  the line is done
 */
#ifndef AEGIS_SH_EDIT_H
#define AEGIS_SH_EDIT_H

#include <stddef.h>

#include "shell/sh_complete.h"
#include "shell/sh_hist.h"

#define SH_EDIT_PROMPT_MAX 256 /* bytes of a prompt, its NUL included */
/* Room for a completion listing: every kept name padded, its newline, the "more" line. */
#define SH_EDIT_LIST_MAX ((SH_COMPLETE_MAX + 1) * (SH_COMPLETE_NAME_MAX + SH_COMPLETE_GAP + 2))
/* Room for the echo of one key: the longest is a listing, then the prompt and the line redrawn. */
#define SH_EDIT_OUT_MAX (4 * SH_LINE_MAX + SH_EDIT_LIST_MAX + SH_EDIT_PROMPT_MAX + 16)
#define SH_EDIT_SEQ_MAX 8 /* bytes of one escape sequence kept */

typedef enum {
	SH_EDIT_MORE,   /* keep feeding */
	SH_EDIT_DONE,   /* Enter: line holds the line */
	SH_EDIT_CANCEL, /* Ctrl-C: the line was abandoned */
	SH_EDIT_EOF,    /* Ctrl-D on an empty line */
} sh_edit_result_t;

typedef struct {
	char line[SH_LINE_MAX + 1];
	size_t len;
	size_t cursor;
	char saved[SH_LINE_MAX + 1]; /* the line being typed while history is shown */
	size_t back;                 /* 0: the line being typed; k: the k-th newest history line */
	const sh_hist_t *hist;       /* may be NULL */
	char seq[SH_EDIT_SEQ_MAX];   /* the escape sequence read so far */
	size_t seqlen;
	char out[SH_EDIT_OUT_MAX]; /* the echo of the last key */
	size_t outlen;
	int full; /* a key was refused because the line is SH_LINE_MAX long (the echo rings the bell) */
	const char *prompt;              /* written again by Ctrl-L and after a listing; may be NULL */
	const sh_complete_src_t *source; /* where Tab finds names; NULL: Tab does nothing */
	int tab_many;                    /* the last key was a Tab that left several matches */
	sh_complete_t comp;              /* the matches of the last Tab */
} sh_edit_t;

/* Start an empty line (no prompt, no completion). */
void sh_edit_start(sh_edit_t *ed, const sh_hist_t *hist);

/* After sh_edit_start: the prompt to redraw and the source of completions (both kept, may be NULL). */
void sh_edit_options(sh_edit_t *ed, const char *prompt, const sh_complete_src_t *source);

/* Feed one typed byte; ed->out[0..outlen) is what to echo for it. */
sh_edit_result_t sh_edit_feed(sh_edit_t *ed, unsigned char byte);

#endif
