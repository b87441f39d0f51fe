/*
 * cat's line filter (see cat_filter.h).
 */
#include "cat_filter.h"

#define CAT_NUMBER_FMT "%6lu\t"
#define CAT_DEL 0x7f
#define CAT_HIGH 0x80
#define CAT_CTRL_OFFSET 0x40
#define CAT_PRINTABLE_FIRST 0x20
#define CAT_EMPTY_LINE_RUN 2 /* a newline right after a newline ends an empty line */

void cat_state_init(cat_state_t *s)
{
	s->line = 0;
	s->at_line_start = true;
	s->newlines_seen = 1; /* the start of input counts as after a newline */
}

static void cat_visible(const cat_flags_t *f, cu_out_t *out, unsigned char c)
{
	if (c == '\t') {
		cu_out_str(out, f->tabs ? "^I" : "\t");
		return;
	}
	if (!f->nonprint) {
		cu_out_char(out, (char)c);
		return;
	}
	if (c >= CAT_HIGH) {
		cu_out_str(out, "M-");
		c = (unsigned char)(c - CAT_HIGH);
	}
	if (c < CAT_PRINTABLE_FIRST) {
		cu_out_char(out, '^');
		cu_out_char(out, (char)(c + CAT_CTRL_OFFSET));
	} else if (c == CAT_DEL) {
		cu_out_str(out, "^?");
	} else {
		cu_out_char(out, (char)c);
	}
}

void cat_filter(const cat_flags_t *f, cat_state_t *s, cu_out_t *out, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n') {
			s->newlines_seen++;
			if (f->squeeze && s->newlines_seen > CAT_EMPTY_LINE_RUN)
				continue;
			if (s->at_line_start && f->number && !f->number_nonblank)
				cu_out_printf(out, CAT_NUMBER_FMT, ++s->line);
			if (f->ends)
				cu_out_char(out, '$');
			cu_out_char(out, '\n');
			s->at_line_start = true;
			continue;
		}
		if (s->at_line_start && (f->number || f->number_nonblank))
			cu_out_printf(out, CAT_NUMBER_FMT, ++s->line);
		s->at_line_start = false;
		s->newlines_seen = 0;
		cat_visible(f, out, c);
	}
}
