/*
 * Vigil library: parsing and writing a control request line and the
 * control socket's address (see vigil_ctl.h, VIG-110, VIG-111).
 */
#include "vigil/vigil_ctl.h"

#include <aegis/errno.h>
#include <stdio.h>
#include <string.h>

#include "vigil/vigil_words.h"

static const char *const vigil_ctl_names[] = {
	[VIGIL_CTL_STATUS] = "status",   [VIGIL_CTL_START] = "start",       [VIGIL_CTL_STOP] = "stop",
	[VIGIL_CTL_RESTART] = "restart", [VIGIL_CTL_SHUTDOWN] = "shutdown", [VIGIL_CTL_REBOOT] = "reboot",
};

#define VIGIL_CTL_COMMANDS (sizeof(vigil_ctl_names) / sizeof(vigil_ctl_names[0]))
#define VIGIL_CTL_COMMAND_MAX 16 /* longer than every command name */

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

bool vigil_ctl_needs_service(vigil_ctl_cmd_t cmd)
{
	return cmd == VIGIL_CTL_START || cmd == VIGIL_CTL_STOP || cmd == VIGIL_CTL_RESTART;
}

bool vigil_ctl_takes_service(vigil_ctl_cmd_t cmd)
{
	return cmd == VIGIL_CTL_STATUS || vigil_ctl_needs_service(cmd);
}

int vigil_ctl_parse(const char *line, size_t len, vigil_ctl_request_t *out)
{
	memset(out, 0, sizeof(*out));
	out->cmd = VIGIL_CTL_STATUS;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len >= VIGIL_CTL_LINE_MAX)
		return -EINVAL;
	const char *space = memchr(line, ' ', len);
	size_t clen = space ? (size_t)(space - line) : len;
	char word[VIGIL_CTL_COMMAND_MAX];
	vigil_ctl_cmd_t cmd;
	if (clen == 0 || clen >= sizeof(word) || memchr(line, '\0', clen))
		return -EINVAL;
	memcpy(word, line, clen);
	word[clen] = '\0';
	if (vigil_ctl_command(word, &cmd) != 0)
		return -EINVAL;
	const char *name = space ? space + 1 : NULL;
	size_t nlen = space ? len - clen - 1u : 0;
	/* vigil_name_valid refuses blanks, control bytes and NUL, so one name is exactly one word. */
	if (name && (!vigil_ctl_takes_service(cmd) || !vigil_name_valid(name, nlen)))
		return -EINVAL;
	if (!name && vigil_ctl_needs_service(cmd))
		return -EINVAL;
	out->cmd = cmd;
	if (name)
		memcpy(out->service, name, nlen);
	return 0;
}

int vigil_ctl_format(vigil_ctl_cmd_t cmd, const char *service, char *buf, size_t cap)
{
	bool named = service && service[0];
	int n = snprintf(buf, cap, "%s%s%s\n", vigil_ctl_command_name(cmd), named ? " " : "", named ? service : "");
	vigil_ctl_request_t check;
	if (n <= 0 || (size_t)n >= cap || vigil_ctl_parse(buf, (size_t)n, &check) != 0)
		return -EINVAL;
	return n;
}

uint32_t vigil_ctl_address(aegis_sockaddr_un_t *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AEGIS_AF_UNIX;
	memcpy(addr->sun_path, VIGIL_CTL_REQUEST, sizeof(VIGIL_CTL_REQUEST));
	return (uint32_t)(sizeof(addr->sun_family) + sizeof(VIGIL_CTL_REQUEST));
}
