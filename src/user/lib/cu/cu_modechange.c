/*
 * Octal and symbolic mode changes (see cu_modechange.h).
 */
#include "cu/cu_modechange.h"

#include <aegis/errno.h>

#include "cu/cu_mode.h"

#define WHO_U 04700u
#define WHO_G 02070u
#define WHO_O 01007u
#define WHO_ALL (WHO_U | WHO_G | WHO_O)
#define PERM_R 0444u
#define PERM_W 0222u
#define PERM_X 0111u
#define PERM_S 06000u
#define PERM_T 01000u
#define PERM_RWX_MASK 0777u
#define DIR_KEEP_BITS 06000u
#define OCTAL_DIGITS_EXPLICIT 5 /* a fifth digit names the setuid/setgid bits of a directory too */
#define OCTAL_MAX 07777u
#define CLASS_U_SHIFT 6
#define CLASS_G_SHIFT 3
#define CLASS_BITS 07u

static long cu_mode_octal(const char *text, uint32_t mode, bool is_dir, uint32_t *out)
{
	uint32_t value = 0;
	int digits = 0;

	for (const char *p = text; *p; p++, digits++) {
		if (*p < '0' || *p > '7')
			return -EINVAL;
		value = value * 8u + (uint32_t)(*p - '0');
		if (value > OCTAL_MAX)
			return -EINVAL;
	}
	if (is_dir && digits < OCTAL_DIGITS_EXPLICIT)
		value |= mode & DIR_KEEP_BITS;
	*out = (mode & ~CU_MODE_PERM_MASK) | value;
	return 0;
}

/* The rwx of one class of mode (u, g or o), spread to every class. */
static uint32_t cu_mode_copy_class(uint32_t mode, char who)
{
	unsigned shift = who == 'u' ? CLASS_U_SHIFT : who == 'g' ? CLASS_G_SHIFT : 0;
	uint32_t bits = (mode >> shift) & CLASS_BITS;

	return bits | (bits << CLASS_G_SHIFT) | (bits << CLASS_U_SHIFT);
}

/* The permission letters after an operator, against the mode so far; -1 at a bad letter. */
static long cu_mode_perms(const char **pp, uint32_t mode, bool is_dir)
{
	const char *p = *pp;
	uint32_t value = 0;

	if (*p == 'u' || *p == 'g' || *p == 'o') {
		*pp = p + 1;
		return cu_mode_copy_class(mode, *p);
	}
	for (;; p++) {
		switch (*p) {
		case 'r': value |= PERM_R; continue;
		case 'w': value |= PERM_W; continue;
		case 'x': value |= PERM_X; continue;
		case 'X':
			if (is_dir || (mode & PERM_X))
				value |= PERM_X;
			continue;
		case 's': value |= PERM_S; continue;
		case 't': value |= PERM_T; continue;
		default: break;
		}
		break;
	}
	*pp = p;
	return value;
}

static uint32_t cu_mode_who(const char **pp, bool *named)
{
	uint32_t who = 0;

	for (;; (*pp)++) {
		switch (**pp) {
		case 'u': who |= WHO_U; continue;
		case 'g': who |= WHO_G; continue;
		case 'o': who |= WHO_O; continue;
		case 'a': who |= WHO_ALL; continue;
		default: break;
		}
		break;
	}
	*named = who != 0;
	return *named ? who : WHO_ALL;
}

static long cu_mode_clause(const char **pp, uint32_t *mode, bool is_dir, uint32_t umask)
{
	bool named;
	uint32_t who = cu_mode_who(pp, &named);
	uint32_t allowed = named ? who : who & ~(umask & PERM_RWX_MASK);

	if (**pp != '+' && **pp != '-' && **pp != '=')
		return -EINVAL;
	while (**pp == '+' || **pp == '-' || **pp == '=') {
		char op = *(*pp)++;
		uint32_t change = (uint32_t)cu_mode_perms(pp, *mode, is_dir) & allowed;
		if (op == '+')
			*mode |= change;
		else if (op == '-')
			*mode &= ~change;
		else
			*mode = (*mode & ~who) | change;
	}
	return 0;
}

long cu_mode_change(const char *text, uint32_t mode, bool is_dir, uint32_t umask, uint32_t *out)
{
	if (!text || !*text)
		return -EINVAL;
	if (*text >= '0' && *text <= '9')
		return cu_mode_octal(text, mode, is_dir, out);
	uint32_t m = mode;
	const char *p = text;
	for (;;) {
		if (cu_mode_clause(&p, &m, is_dir, umask) < 0)
			return -EINVAL;
		if (*p == '\0')
			break;
		if (*p != ',')
			return -EINVAL;
		p++;
	}
	*out = m;
	return 0;
}
