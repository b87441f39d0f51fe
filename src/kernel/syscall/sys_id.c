/*
 * Reading the caller's user and group IDs.  Changing them (setuid and the
 * rest of the family) belongs to spec/credentials.md.
 */
#include "syscall/handlers.h"

SYSCALL_HANDLER(getuid)
{
	(void)args;
	return p->cred.ruid;
}

SYSCALL_HANDLER(geteuid)
{
	(void)args;
	return p->cred.euid;
}

SYSCALL_HANDLER(getgid)
{
	(void)args;
	return p->cred.rgid;
}

SYSCALL_HANDLER(getegid)
{
	(void)args;
	return p->cred.egid;
}
