/*
 * The mode string and file type names (see cu_mode.h).
 */
#include "cu/cu_mode.h"

#include <aegis/fcntl.h>

#define MODE_SETUID 04000u
#define MODE_SETGID 02000u
#define MODE_STICKY 01000u
#define MODE_CLASS_BITS 3 /* rwx per class */
#define MODE_CLASSES 3    /* user, group, other */

static char cu_mode_type_letter(uint32_t mode)
{
	switch (mode & AEGIS_S_IFMT) {
	case AEGIS_S_IFDIR: return 'd';
	case AEGIS_S_IFLNK: return 'l';
	case AEGIS_S_IFCHR: return 'c';
	case AEGIS_S_IFBLK: return 'b';
	case AEGIS_S_IFIFO: return 'p';
	case AEGIS_S_IFSOCK: return 's';
	default: return '-';
	}
}

void cu_mode_text(uint32_t mode, char *out)
{
	static const uint32_t special[MODE_CLASSES] = {MODE_SETUID, MODE_SETGID, MODE_STICKY};
	static const char special_on_x[MODE_CLASSES] = {'s', 's', 't'};
	static const char special_no_x[MODE_CLASSES] = {'S', 'S', 'T'};

	out[0] = cu_mode_type_letter(mode);
	for (int c = 0; c < MODE_CLASSES; c++) {
		unsigned shift = (unsigned)((MODE_CLASSES - 1 - c) * MODE_CLASS_BITS);
		uint32_t bits = (mode >> shift) & 07u;
		char *p = out + 1 + c * MODE_CLASS_BITS;
		p[0] = (bits & 04u) ? 'r' : '-';
		p[1] = (bits & 02u) ? 'w' : '-';
		if (mode & special[c])
			p[2] = (bits & 01u) ? special_on_x[c] : special_no_x[c];
		else
			p[2] = (bits & 01u) ? 'x' : '-';
	}
	out[CU_MODE_TEXT - 1] = '\0';
}

const char *cu_mode_type_name(uint32_t mode, int64_t size)
{
	switch (mode & AEGIS_S_IFMT) {
	case AEGIS_S_IFDIR: return "directory";
	case AEGIS_S_IFLNK: return "symbolic link";
	case AEGIS_S_IFCHR: return "character special file";
	case AEGIS_S_IFBLK: return "block special file";
	case AEGIS_S_IFIFO: return "fifo";
	case AEGIS_S_IFSOCK: return "socket";
	case AEGIS_S_IFREG: return size == 0 ? "regular empty file" : "regular file";
	default: return "weird file";
	}
}

int cu_mode_is_dir(uint32_t mode)
{
	return (mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR;
}

int cu_mode_is_link(uint32_t mode)
{
	return (mode & AEGIS_S_IFMT) == AEGIS_S_IFLNK;
}

int cu_mode_is_reg(uint32_t mode)
{
	return (mode & AEGIS_S_IFMT) == AEGIS_S_IFREG;
}
