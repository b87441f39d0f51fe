/*
 * Resource-limit rules (spec/credentials.md CRED-060..074).
 *
 * Design: one table of {soft, hard} pairs indexed by Linux's resource
 * numbers.  Changes are judged completely before anything is stored, so a
 * refused call changes nothing.  The enforcement helpers compare against
 * the soft limit only, as Linux does; RL_INFINITY is simply the largest
 * value, so no case is special.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/rlimit.h"

void rlimit_table_init(rlimit_table_t *t)
{
	for (uint32_t r = 0; r < RL_COUNT; r++) {
		t->lim[r].cur = RL_INFINITY;
		t->lim[r].max = RL_INFINITY;
	}
	t->lim[RL_NOFILE].cur = RL_NOFILE_DEFAULT_SOFT;
	t->lim[RL_NOFILE].max = RL_NOFILE_CEILING;
	t->lim[RL_STACK].cur = RL_STACK_DEFAULT_SOFT;
	t->lim[RL_CORE].cur = 0;
	t->lim[RL_NICE].cur = 0;
	t->lim[RL_NICE].max = 0;
	t->lim[RL_RTPRIO].cur = 0;
	t->lim[RL_RTPRIO].max = 0;
}

void rlimit_table_copy(rlimit_table_t *dst, const rlimit_table_t *src)
{
	kmemcpy(dst, src, sizeof(*dst));
}

bool rlimit_is_enforced(uint32_t resource)
{
	switch (resource) {
	case RL_FSIZE:
	case RL_STACK:
	case RL_CORE:
	case RL_NPROC:
	case RL_NOFILE:
	case RL_AS:
		return true;
	default:
		return false;
	}
}

int rlimit_get(const rlimit_table_t *t, uint32_t resource, rlimit_t *out)
{
	if (resource >= RL_COUNT)
		return -EINVAL;
	*out = t->lim[resource];
	return 0;
}

int rlimit_prlimit(rlimit_table_t *t, uint32_t resource, const rlimit_t *new_limit, rlimit_t *old_limit,
		   bool priv)
{
	rlimit_t before;

	if (resource >= RL_COUNT)
		return -EINVAL;
	before = t->lim[resource];
	if (new_limit != NULL) {
		if (new_limit->cur > new_limit->max)
			return -EINVAL;
		if (resource == RL_NOFILE && new_limit->max > RL_NOFILE_CEILING)
			return -EPERM;
		if (new_limit->max > before.max && !priv)
			return -ENOCAP;
		t->lim[resource] = *new_limit;
	}
	if (old_limit != NULL)
		*old_limit = before;
	return 0;
}

int rlimit_may_access(const cred_t *caller, const cred_t *target, bool priv)
{
	bool same_user = caller->ruid == target->ruid && caller->ruid == target->euid &&
			 caller->ruid == target->suid;
	bool same_group = caller->rgid == target->rgid && caller->rgid == target->egid &&
			  caller->rgid == target->sgid;

	if (priv || (same_user && same_group))
		return 0;
	return -ENOCAP;
}

int rlimit_check_open(const rlimit_table_t *t, uint64_t fd)
{
	return fd < t->lim[RL_NOFILE].cur ? 0 : -EMFILE;
}

int rlimit_check_fork(const rlimit_table_t *t, uint64_t count)
{
	return count < t->lim[RL_NPROC].cur ? 0 : -EAGAIN;
}

int rlimit_clip_write(const rlimit_table_t *t, uint64_t offset, uint64_t *len)
{
	uint64_t limit = t->lim[RL_FSIZE].cur;

	if (*len == 0)
		return 0;
	if (offset >= limit)
		return -EFBIG;
	/* offset < limit here, so limit - offset cannot wrap; this also covers offset + len overflow. */
	if (*len > limit - offset)
		*len = limit - offset;
	return 0;
}

int rlimit_check_stack(const rlimit_table_t *t, uint64_t size)
{
	return size <= t->lim[RL_STACK].cur ? 0 : -ENOMEM;
}

int rlimit_check_as(const rlimit_table_t *t, uint64_t current, uint64_t add)
{
	uint64_t limit = t->lim[RL_AS].cur;

	if (current > limit || add > limit - current)
		return -ENOMEM;
	return 0;
}

uint64_t rlimit_core_bytes(const rlimit_table_t *t, uint64_t size)
{
	uint64_t limit = t->lim[RL_CORE].cur;

	return size < limit ? size : limit;
}
