/*
 * unixcheck's entry and the helpers its parts share (see unixcheck.h).
 */
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "unixcheck.h"

long ux_socket(int flags)
{
	return sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM | flags, 0);
}

uint32_t ux_addr(aegis_sockaddr_un_t *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AEGIS_AF_UNIX;
	size_t len = strlen(path);
	memcpy(a->sun_path, path, len);
	return (uint32_t)(sizeof(a->sun_family) + len + 1);
}

long ux_listen(const char *path, int backlog)
{
	aegis_sockaddr_un_t a;
	uint32_t len = ux_addr(&a, path);
	(void)sys_unlink(path);
	long fd = ux_socket(0);
	if (fd < 0)
		return fd;
	long r = sys_bind((int)fd, &a, len);
	if (r == 0)
		r = sys_listen((int)fd, backlog);
	if (r != 0) {
		sys_close((int)fd);
		return r;
	}
	return fd;
}

long ux_connect(const char *path)
{
	aegis_sockaddr_un_t a;
	uint32_t len = ux_addr(&a, path);
	long fd = ux_socket(0);
	if (fd < 0)
		return fd;
	long r = sys_connect((int)fd, &a, len);
	if (r != 0) {
		sys_close((int)fd);
		return r;
	}
	return fd;
}

long ux_spawn(int (*fn)(void))
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(fn());
	return pid;
}

int ux_wait(long pid)
{
	if (pid < 0)
		return (int)pid;
	int status = 0;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	return r < 0 ? (int)r : status;
}

int ux_child(int (*fn)(void))
{
	return ux_wait(ux_spawn(fn));
}

bool ux_caps_hold(const cap_slot_t *slots, uint32_t count, uint32_t kind, uint32_t rights)
{
	for (uint32_t i = 0; i < count && i < CAP_TABLE_SLOTS; i++)
		if (slots[i].kind == kind && (slots[i].rights & rights) == rights)
			return true;
	return false;
}

int main(void)
{
	ux_check_create();
	ux_check_data();
	ux_check_names();
	ux_check_peer();
	return tcheck_summary("unixcheck") ? 0 : 1;
}
