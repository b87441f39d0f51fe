/*
 * Vigil library: word iteration over the small service files and the rules
 * for service and user names (spec/vigil.md VIG-010, VIG-041).
 */
#include <aegis/errno.h>

#include "vigil/vigil_limits.h"
#include "vigil/vigil_msg.h"
#include "vigil/vigil_words.h"

#define WORDS_FIRST_PRINTABLE 0x20
#define WORDS_DEL 0x7f

bool vigil_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool vigil_is_bad_control(unsigned char c)
{
	if (c == '\t' || c == '\r' || c == '\n')
		return false;
	return c < WORDS_FIRST_PRINTABLE || c == WORDS_DEL;
}

int vigil_file_check_size(size_t len, char *msg)
{
	if (len <= VIGIL_FILE_MAX)
		return 0;
	vigil_msg_set(msg, "file is larger than %d bytes", VIGIL_FILE_MAX);
	return -E2BIG;
}

void vigil_words_init(vigil_words_t *it, const char *data, size_t len)
{
	it->data = data;
	it->len = data == NULL ? 0 : len;
	it->pos = 0;
}

int vigil_words_next(vigil_words_t *it, const char **word, size_t *word_len, char *msg)
{
	while (it->pos < it->len && vigil_is_blank((unsigned char)it->data[it->pos]))
		it->pos++;
	if (it->pos >= it->len)
		return 0;
	size_t start = it->pos;
	while (it->pos < it->len && !vigil_is_blank((unsigned char)it->data[it->pos])) {
		unsigned char c = (unsigned char)it->data[it->pos];
		if (vigil_is_bad_control(c)) {
			vigil_msg_set(msg, "control byte 0x%02x at column %zu", c, it->pos + 1);
			return -EINVAL;
		}
		it->pos++;
	}
	*word = it->data + start;
	*word_len = it->pos - start;
	return 1;
}

static bool words_is_lower_or_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool vigil_name_valid(const char *name, size_t len)
{
	if (name == NULL || len == 0 || len > VIGIL_NAME_MAX)
		return false;
	if (!words_is_lower_or_digit(name[0]))
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = name[i];
		if (!words_is_lower_or_digit(c) && c != '-' && c != '_' && c != '.')
			return false;
	}
	return true;
}

bool vigil_user_name_valid(const char *name, size_t len)
{
	if (name == NULL || len == 0 || len > VIGIL_USER_MAX)
		return false;
	if (!(name[0] >= 'a' && name[0] <= 'z') && name[0] != '_')
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = name[i];
		if (!words_is_lower_or_digit(c) && c != '-' && c != '_')
			return false;
	}
	return true;
}
