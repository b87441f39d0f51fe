/* Capability names and the `caps` builtin's lines (sh_caps.h). */
#include "shell/sh_caps.h"

#include <stdio.h>

#include <aegis/errno.h>

const char *sh_cap_kind_name(uint32_t kind)
{
	static const char *const names[CAP_KIND_MAX + 1] = CAP_KIND_NAMES_INIT;
	return kind <= CAP_KIND_MAX ? names[kind] : NULL;
}

long sh_caps_format(const cap_slot_t *slots, size_t n, char *out, size_t cap)
{
	size_t used = 0;

	if (cap == 0)
		return -E2BIG;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		uint32_t r = slots[i].rights;
		if (slots[i].kind == CAP_KIND_NULL || r == 0)
			continue;
		const char *name = sh_cap_kind_name(slots[i].kind);
		char rights[] = { (r & CAP_RIGHTS_READ) ? 'r' : '-', (r & CAP_RIGHTS_WRITE) ? 'w' : '-',
				  (r & CAP_RIGHTS_EXEC) ? 'x' : '-', '\0' };
		int k = name != NULL ? snprintf(out + used, cap - used, "%s %s\n", name, rights)
				     : snprintf(out + used, cap - used, "KIND%u %s\n", slots[i].kind, rights);
		if (k < 0 || (size_t)k >= cap - used) {
			out[used] = '\0';
			return -E2BIG;
		}
		used += (size_t)k;
	}
	return (long)used;
}
