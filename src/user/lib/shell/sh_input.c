/* Reading lines plainly or through the line editor (sh_input.h). */
#include "shell/sh_input.h"

#include <string.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "shell/sh_builtin.h"
#include "shell/sh_complete_dir.h"
#include "shell/sh_edit.h"
#include "shell/sh_status.h"
#include "shell/sh_term.h"
#include "uio/uio.h"

void sh_reader_init(sh_reader_t *r, int fd)
{
	r->fd = fd;
	r->pos = 0;
	r->len = 0;
	r->eof = 0;
}

/* The next byte, or -1 at the end (or on an error other than EINTR). */
static int sh_reader_byte(sh_reader_t *r)
{
	while (r->pos >= r->len) {
		if (r->eof)
			return -1;
		long n = sys_read(r->fd, r->buf, sizeof(r->buf));
		if (n == -EINTR)
			continue;
		if (n <= 0) {
			r->eof = 1;
			return -1;
		}
		r->pos = 0;
		r->len = (size_t)n;
	}
	return (unsigned char)r->buf[r->pos++];
}

long sh_read_plain(sh_shell_t *sh, sh_reader_t *r, char *line)
{
	size_t len = 0;
	int c = sh_reader_byte(r);
	int too_long = 0;

	if (c < 0)
		return SH_INPUT_EOF;
	while (c >= 0 && c != '\n') {
		if (len < SH_LINE_MAX)
			line[len++] = (char)c;
		else
			too_long = 1;
		c = sh_reader_byte(r);
	}
	line[len] = '\0';
	if (too_long) {
		sh_complain(sh, "line too long (at most %d bytes); ignored", SH_LINE_MAX);
		sh->status = SH_STATUS_SYNTAX;
		return SH_INPUT_AGAIN;
	}
	return (long)len;
}

long sh_read_edit(sh_shell_t *sh, char *line)
{
	static sh_edit_t ed;
	char prompt[SH_EDIT_PROMPT_MAX];
	const char *builtins[SH_BUILTIN_NAMES_MAX];
	sh_edit_result_t res = SH_EDIT_MORE;
	sh_complete_src_t source = {
		.list = sh_complete_dir_list,
		.path = sh_vars_get(&sh->vars, "PATH", strlen("PATH")),
		.builtins = builtins,
	};

	sh->cfg->prompt(sh, prompt, sizeof(prompt));
	uio_write_str(1, prompt);
	(void)sh_builtin_names(sh, builtins, SH_BUILTIN_NAMES_MAX);
	sh_edit_start(&ed, &sh->hist);
	sh_edit_options(&ed, prompt, &source);
	(void)sh_term_raw(SH_TTY_FD, &sh->tty_mode);
	while (res == SH_EDIT_MORE) {
		unsigned char byte;
		long n = sys_read(SH_TTY_FD, &byte, 1);
		if (n == -EINTR)
			continue;
		if (n <= 0) {
			res = SH_EDIT_EOF;
			break;
		}
		res = sh_edit_feed(&ed, byte);
		uio_write_all(1, ed.out, ed.outlen);
	}
	(void)sh_term_set(SH_TTY_FD, &sh->tty_mode);
	if (res == SH_EDIT_EOF) {
		uio_write_str(1, "\n");
		return SH_INPUT_EOF;
	}
	if (res == SH_EDIT_CANCEL) {
		sh->status = SH_STATUS_SIGNAL_BASE + SIGINT; /* as bash: an abandoned line leaves 130 */
		return SH_INPUT_AGAIN;
	}
	memcpy(line, ed.line, ed.len + 1);
	sh_hist_add(&sh->hist, line);
	return (long)ed.len;
}
