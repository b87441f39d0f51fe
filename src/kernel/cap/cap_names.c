/*
 * Kind names and the rights letters.  One table, indexed by kind, serves
 * both directions of the name lookup.
 */
#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_names.h"
#include "core/kstring.h"

static const char *const cap_kind_names[CAP_KIND_MAX + 1] = CAP_KIND_NAMES_INIT;

const char *cap_kind_name(uint32_t kind)
{
	if (kind < 1 || kind > CAP_KIND_MAX)
		return NULL;
	return cap_kind_names[kind];
}

uint32_t cap_kind_from_name(const char *text, size_t len)
{
	if (text == NULL)
		return CAP_KIND_NULL;
	for (uint32_t kind = 1; kind <= CAP_KIND_MAX; kind++) {
		const char *name = cap_kind_names[kind];
		if (kstrlen(name) == len && kmemcmp(name, text, len) == 0)
			return kind;
	}
	return CAP_KIND_NULL;
}

int cap_rights_format(uint32_t rights, char *buf, size_t size)
{
	static const struct {
		uint32_t bit;
		char letter;
	} letters[] = {{CAP_RIGHTS_READ, 'r'}, {CAP_RIGHTS_WRITE, 'w'}, {CAP_RIGHTS_EXEC, 'x'}};
	char text[CAP_RIGHTS_TEXT_MAX];
	size_t n = 0;
	if (rights & ~CAP_RIGHTS_ALL) {
		text[n++] = '?';
	} else if (rights == 0) {
		text[n++] = '-';
	} else {
		for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
			if (rights & letters[i].bit)
				text[n++] = letters[i].letter;
		}
	}
	text[n] = '\0';
	if (buf == NULL || size < n + 1)
		return -EINVAL;
	kmemcpy(buf, text, n + 1);
	return 0;
}
