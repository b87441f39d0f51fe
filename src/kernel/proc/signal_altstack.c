/*
 * sigaltstack and the alternate-stack test (spec/signals.md SIG-100..105).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/signal_altstack.h"
#include "proc/signal_frame.h"

void signal_altstack_init(signal_altstack_t *a)
{
	a->sp = 0;
	a->size = 0;
	a->flags = AEGIS_SS_DISABLE;
}

bool signal_altstack_on(const signal_altstack_t *a, uint64_t sp)
{
	if ((uint32_t)a->flags & AEGIS_SS_AUTODISARM)
		return false;
	return sp > a->sp && sp - a->sp <= a->size;
}

static int32_t signal_altstack_report_flags(const signal_altstack_t *a, uint64_t user_sp)
{
	int32_t mode;
	if (a->size == 0)
		mode = AEGIS_SS_DISABLE;
	else if (signal_altstack_on(a, user_sp))
		mode = AEGIS_SS_ONSTACK;
	else
		mode = 0;
	return (int32_t)((uint32_t)mode | ((uint32_t)a->flags & AEGIS_SS_AUTODISARM));
}

int signal_altstack_set(signal_altstack_t *a, const aegis_stack_t *ss, aegis_stack_t *old, uint64_t user_sp)
{
	signal_altstack_t next = *a;
	if (ss != NULL) {
		if (signal_altstack_on(a, user_sp))
			return -EPERM;
		uint32_t flags = (uint32_t)ss->ss_flags;
		uint32_t mode = flags & ~AEGIS_SS_AUTODISARM;
		if (mode != 0 && mode != AEGIS_SS_ONSTACK && mode != AEGIS_SS_DISABLE)
			return -EINVAL;
		if (mode == AEGIS_SS_DISABLE) {
			next.sp = 0;
			next.size = 0;
			next.flags = AEGIS_SS_DISABLE;
		} else {
			uint64_t sp = (uint64_t)(uintptr_t)ss->ss_sp;
			uint64_t size = (uint64_t)ss->ss_size;
			if (size < AEGIS_MINSIGSTKSZ)
				return -ENOMEM;
			if (sp >= SIGNAL_USER_LIMIT || size > SIGNAL_USER_LIMIT - sp)
				return -EINVAL;
			next.sp = sp;
			next.size = size;
			next.flags = (int32_t)flags;
		}
	}
	if (old != NULL) {
		kmemset(old, 0, sizeof(*old)); /* no stale padding reaches the program */
		old->ss_sp = (void *)(uintptr_t)a->sp;
		old->ss_size = (uint64_t)a->size;
		old->ss_flags = signal_altstack_report_flags(a, user_sp);
	}
	*a = next;
	return 0;
}

void signal_altstack_restore(signal_altstack_t *a, const aegis_stack_t *uc_stack, uint64_t user_sp)
{
	(void)signal_altstack_set(a, uc_stack, NULL, user_sp);
}
