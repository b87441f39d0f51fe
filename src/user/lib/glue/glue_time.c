/*
 * The system-call glue for one area. Clocks and sleeping.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_clock_gettime(int clock, aegis_timespec_t *ts)
{
	return glue_syscall6(SYS_clock_gettime, (long)clock, GLUE_PTR(ts), 0, 0, 0, 0);
}

long sys_clock_settime(int clock, const aegis_timespec_t *ts)
{
	return glue_syscall6(SYS_clock_settime, (long)clock, GLUE_PTR(ts), 0, 0, 0, 0);
}

long sys_clock_getres(int clock, aegis_timespec_t *res)
{
	return glue_syscall6(SYS_clock_getres, (long)clock, GLUE_PTR(res), 0, 0, 0, 0);
}

long sys_clock_nanosleep(int clock, int flags, const aegis_timespec_t *req, aegis_timespec_t *rem)
{
	return glue_syscall6(SYS_clock_nanosleep, (long)clock, (long)flags, GLUE_PTR(req), GLUE_PTR(rem), 0, 0);
}

long sys_nanosleep(const aegis_timespec_t *req, aegis_timespec_t *rem)
{
	return glue_syscall6(SYS_nanosleep, GLUE_PTR(req), GLUE_PTR(rem), 0, 0, 0, 0);
}

long sys_gettimeofday(aegis_timeval_t *tv, void *tz)
{
	return glue_syscall6(SYS_gettimeofday, GLUE_PTR(tv), GLUE_PTR(tz), 0, 0, 0, 0);
}
