/*
 * Vigil library: parsing a control request (see vigil_ctl.h, VIG-111).
 */
#include "vigil/vigil_ctl.h"

#include <aegis/errno.h>
#include <stdbool.h>
#include <string.h>

#include "vigil/vigil_words.h"

#define VIGIL_CTL_WORDS 3

static const char *const vigil_ctl_names[] = {
	[VIGIL_CTL_STATUS] = "status",   [VIGIL_CTL_START] = "start",       [VIGIL_CTL_STOP] = "stop",
	[VIGIL_CTL_RESTART] = "restart", [VIGIL_CTL_SHUTDOWN] = "shutdown", [VIGIL_CTL_REBOOT] = "reboot",
};

#define VIGIL_CTL_COMMANDS (sizeof(vigil_ctl_names) / sizeof(vigil_ctl_names[0]))

int vigil_ctl_command(const char *word, vigil_ctl_cmd_t *cmd)
{
	for (size_t i = 0; i < VIGIL_CTL_COMMANDS; i++) {
		if (strcmp(word, vigil_ctl_names[i]) == 0) {
			*cmd = (vigil_ctl_cmd_t)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *vigil_ctl_command_name(vigil_ctl_cmd_t cmd)
{
	return (size_t)cmd < VIGIL_CTL_COMMANDS ? vigil_ctl_names[cmd] : "?";
}

static bool vigil_ctl_reply_valid(const char *w, size_t len)
{
	size_t plen = sizeof(VIGIL_CTL_REPLY_PREFIX) - 1u;
	if (len <= plen || len - plen > VIGIL_CTL_PID_DIGITS_MAX || memcmp(w, VIGIL_CTL_REPLY_PREFIX, plen) != 0)
		return false;
	for (size_t i = plen; i < len; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

/* Split line into exactly three words at single spaces: their starts and lengths. */
static bool vigil_ctl_split(const char *line, size_t len, const char *w[], size_t wl[])
{
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ' ')
			continue;
		if (i == start || n == VIGIL_CTL_WORDS)
			return false;
		w[n] = line + start;
		wl[n++] = i - start;
		start = i + 1u;
	}
	return n == VIGIL_CTL_WORDS;
}

int vigil_ctl_parse(const char *line, size_t len, vigil_ctl_request_t *out)
{
	memset(out, 0, sizeof(*out));
	out->cmd = VIGIL_CTL_STATUS;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	const char *w[VIGIL_CTL_WORDS];
	size_t wl[VIGIL_CTL_WORDS];
	char word[VIGIL_NAME_MAX + 1];
	vigil_ctl_cmd_t cmd;
	if (len >= VIGIL_CTL_LINE_MAX || memchr(line, '\0', len) || !vigil_ctl_split(line, len, w, wl))
		return -EINVAL;
	if (wl[0] > VIGIL_NAME_MAX)
		return -EINVAL;
	memcpy(word, w[0], wl[0]);
	word[wl[0]] = '\0';
	if (vigil_ctl_command(word, &cmd) != 0)
		return -EINVAL;
	bool none = wl[1] == 1 && w[1][0] == VIGIL_CTL_NO_SERVICE[0];
	bool named = !none && vigil_name_valid(w[1], wl[1]);
	bool needs = cmd == VIGIL_CTL_START || cmd == VIGIL_CTL_STOP || cmd == VIGIL_CTL_RESTART;
	bool takes = cmd == VIGIL_CTL_STATUS || needs;
	if ((!none && !named) || (needs && !named) || (!takes && named) || !vigil_ctl_reply_valid(w[2], wl[2]))
		return -EINVAL;
	out->cmd = cmd;
	if (named)
		memcpy(out->service, w[1], wl[1]);
	memcpy(out->reply, w[2], wl[2]);
	return 0;
}
