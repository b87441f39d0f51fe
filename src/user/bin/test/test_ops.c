/*
 * test's operators (spec/coreutils.md CU-414): the unary file and string
 * tests and the binary string, integer and file comparisons.  Integers
 * are compared exactly at any length (optional blanks around, an optional
 * sign), as GNU does; -r/-w/-x ask the kernel with access(2).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glue/glue.h"
#include "test_expr.h"

#define TEST_S_IFMT 0170000u
#define TEST_S_IFSOCK 0140000u
#define TEST_S_IFLNK 0120000u
#define TEST_S_IFREG 0100000u
#define TEST_S_IFBLK 0060000u
#define TEST_S_IFDIR 0040000u
#define TEST_S_IFCHR 0020000u
#define TEST_S_IFIFO 0010000u
#define TEST_S_ISUID 04000u
#define TEST_S_ISGID 02000u
#define TEST_S_ISVTX 01000u
#define TEST_R_OK 4
#define TEST_W_OK 2
#define TEST_X_OK 1
#define TEST_TCGETS 0x5401ul
#define TEST_TERMIOS_SIZE 64 /* room for the kernel's struct termios */

static const char *const unary_ops[] = { "-e", "-f", "-d", "-r", "-w", "-x", "-s", "-L", "-h", "-p", "-S",
					 "-b", "-c", "-z", "-n", "-g", "-u", "-k", "-t", "-O", "-G", NULL };
static const char *const binary_ops[] = { "=",   "==",  "!=",  "<",   ">",   "-eq", "-ne", "-lt",
					  "-le", "-gt", "-ge", "-nt", "-ot", "-ef", NULL };

static bool test_in(const char *const *list, const char *op)
{
	for (; *list; list++)
		if (strcmp(*list, op) == 0)
			return true;
	return false;
}

bool test_is_unary(const char *op)
{
	return test_in(unary_ops, op);
}

bool test_is_binary(const char *op)
{
	return test_in(binary_ops, op);
}

static bool test_type(const char *path, uint32_t type, bool follow)
{
	aegis_stat_t st;
	long r = follow ? sys_stat(path, &st) : sys_lstat(path, &st);
	return r == 0 && (type == 0 || (st.st_mode & TEST_S_IFMT) == type);
}

static bool test_mode_bit(const char *path, uint32_t bit)
{
	aegis_stat_t st;
	return sys_stat(path, &st) == 0 && (st.st_mode & bit) != 0;
}

static bool test_tty(const char *arg)
{
	char *end;
	unsigned char termios[TEST_TERMIOS_SIZE];
	long fd = strtol(arg, &end, 10);
	return *arg && *end == '\0' && fd >= 0 && fd <= INT32_MAX &&
	       sys_ioctl((int)fd, TEST_TCGETS, (unsigned long)(uintptr_t)termios) == 0;
}

static bool test_owner(const char *path, bool group)
{
	aegis_stat_t st;
	if (sys_stat(path, &st) != 0)
		return false;
	return group ? st.st_gid == (uint32_t)sys_getegid() : st.st_uid == (uint32_t)sys_geteuid();
}

bool test_unary(const char *op, const char *arg)
{
	aegis_stat_t st;
	switch (op[1]) {
	case 'e': return test_type(arg, 0, true);
	case 'f': return test_type(arg, TEST_S_IFREG, true);
	case 'd': return test_type(arg, TEST_S_IFDIR, true);
	case 'p': return test_type(arg, TEST_S_IFIFO, true);
	case 'S': return test_type(arg, TEST_S_IFSOCK, true);
	case 'b': return test_type(arg, TEST_S_IFBLK, true);
	case 'c': return test_type(arg, TEST_S_IFCHR, true);
	case 'L':
	case 'h': return test_type(arg, TEST_S_IFLNK, false);
	case 'r': return sys_access(arg, TEST_R_OK) == 0;
	case 'w': return sys_access(arg, TEST_W_OK) == 0;
	case 'x': return sys_access(arg, TEST_X_OK) == 0;
	case 's': return sys_stat(arg, &st) == 0 && st.st_size > 0;
	case 'g': return test_mode_bit(arg, TEST_S_ISGID);
	case 'u': return test_mode_bit(arg, TEST_S_ISUID);
	case 'k': return test_mode_bit(arg, TEST_S_ISVTX);
	case 't': return test_tty(arg);
	case 'O': return test_owner(arg, false);
	case 'G': return test_owner(arg, true);
	case 'z': return arg[0] == '\0';
	default: return arg[0] != '\0'; /* -n */
	}
}

/* The integer in text as sign and digits without leading zeros; false when text is not one. */
static bool test_integer(const char *text, bool *negative, const char **digits, size_t *len)
{
	const char *p = text;
	while (isblank((unsigned char)*p))
		p++;
	*negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	const char *start = p;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == start)
		return false;
	*len = (size_t)(p - start);
	while (isblank((unsigned char)*p))
		p++;
	if (*p)
		return false;
	while (*len > 1 && *start == '0')
		start++, (*len)--;
	*digits = start;
	if (*len == 1 && *start == '0')
		*negative = false;
	return true;
}

/* -1, 0 or 1 as a < b, a == b, a > b; false when one is not an integer (*bad names it). */
static bool test_compare_int(const char *a, const char *b, int *cmp, const char **bad)
{
	bool na, nb;
	const char *da, *db;
	size_t la, lb;
	if (!test_integer(a, &na, &da, &la)) {
		*bad = a;
		return false;
	}
	if (!test_integer(b, &nb, &db, &lb)) {
		*bad = b;
		return false;
	}
	if (na != nb) {
		*cmp = na ? -1 : 1;
		return true;
	}
	int mag = la != lb ? (la < lb ? -1 : 1) : memcmp(da, db, la);
	mag = mag < 0 ? -1 : mag > 0;
	*cmp = na ? -mag : mag;
	return true;
}

/* Compare modification times: 1 when a is newer (or b is missing and a exists), -1 older, 0 otherwise. */
static int test_newer(const char *a, const char *b)
{
	aegis_stat_t sa, sb;
	bool ha = sys_stat(a, &sa) == 0, hb = sys_stat(b, &sb) == 0;
	if (!ha || !hb)
		return ha ? 1 : hb ? -1 : 0;
	if (sa.st_mtime_sec != sb.st_mtime_sec)
		return sa.st_mtime_sec > sb.st_mtime_sec ? 1 : -1;
	if (sa.st_mtime_nsec != sb.st_mtime_nsec)
		return sa.st_mtime_nsec > sb.st_mtime_nsec ? 1 : -1;
	return 0;
}

static bool test_same_file(const char *a, const char *b)
{
	aegis_stat_t sa, sb;
	return sys_stat(a, &sa) == 0 && sys_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool test_binary(const char *left, const char *op, const char *right, const char **bad)
{
	int cmp = 0;
	*bad = NULL;
	if (op[0] != '-') {
		int s = strcmp(left, right);
		if (op[0] == '<')
			return s < 0;
		if (op[0] == '>')
			return s > 0;
		return op[0] == '!' ? s != 0 : s == 0;
	}
	if (strcmp(op, "-nt") == 0)
		return test_newer(left, right) > 0;
	if (strcmp(op, "-ot") == 0)
		return test_newer(left, right) < 0;
	if (strcmp(op, "-ef") == 0)
		return test_same_file(left, right);
	if (!test_compare_int(left, right, &cmp, bad))
		return false;
	if (strcmp(op, "-eq") == 0)
		return cmp == 0;
	if (strcmp(op, "-ne") == 0)
		return cmp != 0;
	if (strcmp(op, "-lt") == 0)
		return cmp < 0;
	if (strcmp(op, "-le") == 0)
		return cmp <= 0;
	if (strcmp(op, "-gt") == 0)
		return cmp > 0;
	return cmp >= 0; /* -ge */
}
