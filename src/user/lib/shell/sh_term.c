/* Terminal modes, the foreground group and job-control signals for the shell (sh_term.h). */
#include "shell/sh_term.h"

#include <aegis/signal.h>

#include "glue/glue.h"

bool sh_term_get(int fd, aegis_termios_t *mode)
{
	return sys_ioctl(fd, TCGETS, (unsigned long)mode) == 0;
}

long sh_term_raw(int fd, const aegis_termios_t *mode)
{
	aegis_termios_t raw = *mode;

	raw.c_lflag &= ~(uint32_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return sh_term_set(fd, &raw);
}

long sh_term_set(int fd, const aegis_termios_t *mode)
{
	return sys_ioctl(fd, TCSETSW, (unsigned long)mode);
}

long sh_term_foreground(int fd, int pgid)
{
	int group = pgid;
	return sys_ioctl(fd, TIOCSPGRP, (unsigned long)&group);
}

void sh_term_signals(bool ignore)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };
	aegis_sigaction_t act = { 0 };

	act.handler = ignore ? AEGIS_SIG_IGN : AEGIS_SIG_DFL;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sys_rt_sigaction(sigs[i], &act, NULL, AEGIS_SIGSET_SIZE);
}
