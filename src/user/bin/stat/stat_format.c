/*
 * stat's format sequences (see stat_format.h).
 */
#include "stat_format.h"

#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "cu/cu_mode.h"
#include "cu/cu_path.h"
#include "cu/cu_time.h"
#include "glue/glue.h"

#define SPEC_MAX 32
#define TEXT_MAX 4200
#define BLOCK_UNIT 512
#define DEV_MAJOR_LOW_SHIFT 8
#define DEV_MAJOR_LOW_MASK 0xfffu
#define DEV_MAJOR_HIGH_SHIFT 32
#define DEV_MINOR_LOW_MASK 0xffu
#define DEV_MINOR_HIGH_SHIFT 12

static unsigned long long dev_major(uint64_t d)
{
	return ((d >> DEV_MAJOR_LOW_SHIFT) & DEV_MAJOR_LOW_MASK) | ((d >> DEV_MAJOR_HIGH_SHIFT) & ~(uint64_t)DEV_MAJOR_LOW_MASK);
}

static unsigned long long dev_minor(uint64_t d)
{
	return (d & DEV_MINOR_LOW_MASK) | ((d >> DEV_MINOR_HIGH_SHIFT) & ~(uint64_t)DEV_MINOR_LOW_MASK);
}

bool stat_is_device(const aegis_stat_t *st)
{
	uint32_t t = st->st_mode & AEGIS_S_IFMT;

	return t == AEGIS_S_IFCHR || t == AEGIS_S_IFBLK;
}

static void stat_time(char *text, uint64_t sec, uint64_t nsec)
{
	civil_time_t c;

	civil_from_epoch((int64_t)sec, &c);
	snprintf(text, TEXT_MAX, "%04lld-%02d-%02d %02d:%02d:%02d.%09llu +0000", (long long)c.year, c.month, c.day, c.hour,
		 c.minute, c.second, (unsigned long long)nsec);
}

static void stat_emit_text(cu_out_t *out, const char *spec, const char *text)
{
	char fmt[SPEC_MAX + 2];

	snprintf(fmt, sizeof(fmt), "%%%ss", spec);
	cu_out_printf(out, fmt, text);
}

static void stat_emit_num(cu_out_t *out, const char *spec, unsigned long long v, char conv)
{
	char fmt[SPEC_MAX + 4];

	snprintf(fmt, sizeof(fmt), "%%%sll%c", spec, conv);
	cu_out_printf(out, fmt, v);
}

static void stat_name(char *text, const char *name, const aegis_stat_t *st, bool followed)
{
	static char target[CU_PATH_MAX];
	long n = -1;

	if (!followed && cu_mode_is_link(st->st_mode))
		n = sys_readlink(name, target, sizeof(target) - 1);
	if (n >= 0) {
		target[n] = '\0';
		snprintf(text, TEXT_MAX, "'%s' -> '%s'", name, target);
	} else {
		snprintf(text, TEXT_MAX, "%s", name);
	}
}

/* One sequence; returns false for an unknown conversion (printed as is). */
static bool stat_one(cu_out_t *out, const ident_db_t *db, const char *spec, char prefix, char conv, const char *name,
		     const aegis_stat_t *st, bool followed)
{
	static char text[TEXT_MAX];
	char mode[CU_MODE_TEXT];

	if (prefix) {
		uint64_t d = conv == 'd' ? st->st_dev : st->st_rdev;
		if (conv != 'd' && conv != 'r')
			return false;
		stat_emit_num(out, spec, prefix == 'H' ? dev_major(d) : dev_minor(d), 'u');
		return true;
	}
	switch (conv) {
	case 'a': stat_emit_num(out, spec, st->st_mode & CU_MODE_PERM_MASK, 'o'); return true;
	case 'A': cu_mode_text(st->st_mode, mode); stat_emit_text(out, spec, mode); return true;
	case 'b': stat_emit_num(out, spec, (unsigned long long)st->st_blocks, 'u'); return true;
	case 'B': stat_emit_num(out, spec, BLOCK_UNIT, 'u'); return true;
	case 'd': stat_emit_num(out, spec, st->st_dev, 'u'); return true;
	case 'F': stat_emit_text(out, spec, cu_mode_type_name(st->st_mode, st->st_size)); return true;
	case 'g': stat_emit_num(out, spec, st->st_gid, 'u'); return true;
	case 'G':
		if (!ident_group_name(db, st->st_gid, text, TEXT_MAX))
			snprintf(text, TEXT_MAX, "UNKNOWN");
		stat_emit_text(out, spec, text);
		return true;
	case 'h': stat_emit_num(out, spec, st->st_nlink, 'u'); return true;
	case 'i': stat_emit_num(out, spec, st->st_ino, 'u'); return true;
	case 'n': stat_emit_text(out, spec, name); return true;
	case 'N':
		stat_name(text, name, st, followed);
		stat_emit_text(out, spec, text);
		return true;
	case 'o': stat_emit_num(out, spec, (unsigned long long)st->st_blksize, 'u'); return true;
	case 's': stat_emit_num(out, spec, (unsigned long long)st->st_size, 'u'); return true;
	case 'u': stat_emit_num(out, spec, st->st_uid, 'u'); return true;
	case 'U':
		if (!ident_user_name(db, st->st_uid, text, TEXT_MAX))
			snprintf(text, TEXT_MAX, "UNKNOWN");
		stat_emit_text(out, spec, text);
		return true;
	case 'w': stat_emit_text(out, spec, "-"); return true;
	case 'W': stat_emit_num(out, spec, 0, 'u'); return true;
	case 'x': stat_time(text, st->st_atime_sec, st->st_atime_nsec); stat_emit_text(out, spec, text); return true;
	case 'y': stat_time(text, st->st_mtime_sec, st->st_mtime_nsec); stat_emit_text(out, spec, text); return true;
	case 'z': stat_time(text, st->st_ctime_sec, st->st_ctime_nsec); stat_emit_text(out, spec, text); return true;
	case 'X': stat_emit_num(out, spec, st->st_atime_sec, 'u'); return true;
	case 'Y': stat_emit_num(out, spec, st->st_mtime_sec, 'u'); return true;
	case 'Z': stat_emit_num(out, spec, st->st_ctime_sec, 'u'); return true;
	default: return false;
	}
}

void stat_format(cu_out_t *out, const ident_db_t *db, const char *fmt, const char *name, const aegis_stat_t *st,
		 bool followed)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			cu_out_char(out, *p);
			continue;
		}
		const char *start = p++;
		size_t sl = strspn(p, "-#0+ ");
		sl += strspn(p + sl, "0123456789");
		if (p[sl] == '.')
			sl += 1 + strspn(p + sl + 1, "0123456789");
		char spec[SPEC_MAX];
		if (sl >= sizeof(spec))
			sl = sizeof(spec) - 1;
		memcpy(spec, p, sl);
		spec[sl] = '\0';
		p += sl;
		char prefix = (*p == 'H' || *p == 'L') ? *p++ : 0;
		if (*p == '%' && !prefix && sl == 0) {
			cu_out_char(out, '%');
			continue;
		}
		if (*p == '\0' || !stat_one(out, db, spec, prefix, *p, name, st, followed)) {
			cu_out_write(out, start, (size_t)(p - start) + (*p != '\0'));
			if (*p == '\0')
				break;
		}
	}
}
