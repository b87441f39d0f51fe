/*
 * The client side of Vigil's control socket (spec/vigil.md VIG-110..117),
 * shared by vigictl, shutdown and reboot: connect, send one request, print
 * the answer.
 */
#ifndef AEGIS_VIGILCTL_H
#define AEGIS_VIGILCTL_H

#include "vigil/vigil_ctl.h"

/* Exit statuses of the three programs. */
#define VIGILCTL_EXIT_OK 0
#define VIGILCTL_EXIT_REFUSED 1   /* Vigil answered "error ..." (refused, busy, unknown service) */
#define VIGILCTL_EXIT_USAGE 2
#define VIGILCTL_EXIT_NO_VIGIL 3  /* Vigil is not running or does not answer */

#define VIGILCTL_ANSWER_TIMEOUT_MS 10000

/*
 * Send cmd (service NULL or "" for none) and print the answer on standard
 * output, errors on standard error, each line starting with "prog: ".
 * Returns a VIGILCTL_EXIT_* status.
 */
int vigilctl_request(const char *prog, vigil_ctl_cmd_t cmd, const char *service);

#endif
