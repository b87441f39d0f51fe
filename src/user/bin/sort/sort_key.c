/*
 * sort's keys (spec/coreutils.md CU-410): -k N[,M] with letters n r f b
 * after either number, fields split at each -t character or, without -t,
 * starting at the blanks before them; -n compares numbers (an optional
 * minus, digits, a fraction; anything else counts as 0) exactly at any
 * length; -f folds lower case to upper; -b skips leading blanks.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cu/cu_msg.h"
#include "sort.h"

#define SORT_DECIMAL 10

/* Read a field number at *p; 0 when there is none (the caller reports). */
static size_t sort_number(const char **p)
{
	size_t n = 0;
	while (isdigit((unsigned char)**p) && n < SIZE_MAX / SORT_DECIMAL)
		n = n * SORT_DECIMAL + (size_t)(*(*p)++ - '0');
	return n;
}

static bool sort_letters(const char **p, sort_flags_t *f)
{
	for (;; (*p)++) {
		switch (**p) {
		case 'n': f->numeric = true; break;
		case 'r': f->reverse = true; break;
		case 'f': f->fold = true; break;
		case 'b': f->blanks = true; break;
		default: return true;
		}
	}
}

bool sort_key_parse(sort_opts_t *o, const char *arg)
{
	sort_key_t k = { 0 };
	const char *p = arg;

	if (o->nkeys == SORT_KEYS_MAX) {
		cu_msg("sort", "more than %d keys", SORT_KEYS_MAX);
		return false;
	}
	if (!isdigit((unsigned char)*p)) {
		cu_msg("sort", "invalid number at field start: invalid count at start of '%s'", p);
		return false;
	}
	k.first = sort_number(&p);
	if (k.first == 0) {
		cu_msg("sort", "field number is zero: invalid field specification '%s'", arg);
		return false;
	}
	sort_letters(&p, &k.flags);
	if (*p == ',') {
		p++;
		if (!isdigit((unsigned char)*p) || (k.last = sort_number(&p)) == 0) {
			cu_msg("sort", "invalid number after ',': invalid count at start of '%s'", p);
			return false;
		}
		sort_letters(&p, &k.flags);
	}
	if (*p) {
		cu_msg("sort", "stray character in field spec: invalid field specification '%s'", arg);
		return false;
	}
	o->keys[o->nkeys++] = k;
	return true;
}

/* Where field n (from 1) starts in line, or len when there is no such field. */
static size_t sort_field_start(const sort_opts_t *o, const sort_line_t *l, size_t n)
{
	size_t at = 0;
	for (size_t field = 1; field < n && at < l->len; field++) {
		if (o->tab >= 0) {
			const char *sep = memchr(l->text + at, o->tab, l->len - at);
			if (!sep)
				return l->len;
			at = (size_t)(sep - l->text) + 1;
		} else {
			while (at < l->len && isblank((unsigned char)l->text[at]))
				at++;
			while (at < l->len && !isblank((unsigned char)l->text[at]))
				at++;
		}
	}
	return at;
}

/* Where the field starting at start ends. */
static size_t sort_field_end(const sort_opts_t *o, const sort_line_t *l, size_t start)
{
	size_t at = start;
	if (o->tab >= 0) {
		const char *sep = memchr(l->text + at, o->tab, l->len - at);
		return sep ? (size_t)(sep - l->text) : l->len;
	}
	while (at < l->len && isblank((unsigned char)l->text[at]))
		at++;
	while (at < l->len && !isblank((unsigned char)l->text[at]))
		at++;
	return at;
}

/* The numeric value's parts: sign, integer digits without leading zeros, fraction digits without trailing zeros. */
typedef struct {
	bool negative;
	const char *ip, *fp;
	size_t il, fl;
} sort_num_t;

static sort_num_t sort_num(const char *s, size_t len)
{
	sort_num_t n = { 0 };
	size_t i = 0;
	while (i < len && isblank((unsigned char)s[i]))
		i++;
	if (i < len && s[i] == '-')
		n.negative = true, i++;
	while (i < len && s[i] == '0')
		i++;
	n.ip = s + i;
	while (i < len && isdigit((unsigned char)s[i]))
		i++, n.il++;
	if (i < len && s[i] == '.') {
		n.fp = s + ++i;
		while (i < len && isdigit((unsigned char)s[i]))
			i++, n.fl++;
		while (n.fl > 0 && n.fp[n.fl - 1] == '0')
			n.fl--;
	}
	if (n.il == 0 && n.fl == 0)
		n.negative = false; /* -0 and non-numbers are zero */
	return n;
}

static int sort_num_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	sort_num_t x = sort_num(a, al), y = sort_num(b, bl);
	int sign = x.negative ? -1 : 1, c;
	if (x.negative != y.negative)
		return x.negative ? -1 : 1;
	if (x.il != y.il)
		return x.il < y.il ? -sign : sign;
	c = memcmp(x.ip, y.ip, x.il);
	if (c == 0) {
		size_t common = x.fl < y.fl ? x.fl : y.fl;
		c = common ? memcmp(x.fp, y.fp, common) : 0;
		if (c == 0 && x.fl != y.fl)
			c = x.fl < y.fl ? -1 : 1;
	}
	return c < 0 ? -sign : c > 0 ? sign : 0;
}

static int sort_text_cmp(const char *a, size_t al, const char *b, size_t bl, const sort_flags_t *f)
{
	if (f->blanks) {
		while (al && isblank((unsigned char)*a))
			a++, al--;
		while (bl && isblank((unsigned char)*b))
			b++, bl--;
	}
	if (f->numeric)
		return sort_num_cmp(a, al, b, bl);
	size_t n = al < bl ? al : bl;
	for (size_t i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (f->fold)
			x = toupper(x), y = toupper(y);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return al == bl ? 0 : al < bl ? -1 : 1;
}

static void sort_key_span(const sort_opts_t *o, const sort_key_t *k, const sort_line_t *l, size_t *s, size_t *e)
{
	*s = sort_field_start(o, l, k->first);
	*e = k->last ? sort_field_end(o, l, sort_field_start(o, l, k->last)) : l->len;
	if (*e < *s)
		*e = *s;
}

int sort_compare_keys(const sort_opts_t *o, const sort_line_t *a, const sort_line_t *b)
{
	if (o->nkeys == 0) {
		int c = sort_text_cmp(a->text, a->len, b->text, b->len, &o->global);
		return o->global.reverse ? -c : c;
	}
	for (size_t i = 0; i < o->nkeys; i++) {
		const sort_key_t *k = &o->keys[i];
		bool own = k->flags.numeric || k->flags.reverse || k->flags.fold || k->flags.blanks;
		const sort_flags_t *f = own ? &k->flags : &o->global;
		size_t as, ae, bs, be;
		sort_key_span(o, k, a, &as, &ae);
		sort_key_span(o, k, b, &bs, &be);
		int c = sort_text_cmp(a->text + as, ae - as, b->text + bs, be - bs, f);
		if (c)
			return f->reverse ? -c : c;
	}
	return 0;
}

int sort_compare(const sort_opts_t *o, const sort_line_t *a, const sort_line_t *b)
{
	int c = sort_compare_keys(o, a, b);
	if (c)
		return c;
	if (!o->stable && !o->unique) {
		static const sort_flags_t plain = { 0 };
		c = sort_text_cmp(a->text, a->len, b->text, b->len, &plain);
		if (c)
			return o->global.reverse ? -c : c;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}
